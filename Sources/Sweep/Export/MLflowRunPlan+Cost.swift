import SweepCore

extension MLflowRunPlan {
    /// The trial's cost metrics (``CostMetrics``) as MLflow metrics: one point each, keyed by the bare
    /// name (`parameter_count`, …, `latency_us`, `throughput_rows_s`), at the trial's last step and
    /// `timestamp`, in ``CostMetrics/names`` order. A name equal to `excluding` (the sweep's own
    /// metric) is left out so it cannot mix with that metric's history.
    public static func costMetrics(_ trial: Trial, excluding: String, timestamp: Int64, step: Int) -> [MLflowMetric] {
        CostMetrics.names.compactMap { name in
            guard name != excluding, let v = CostMetrics.value(name, of: trial.attributes) else { return nil }
            return MLflowMetric(key: name, value: v, timestamp: timestamp, step: step)
        }
    }
}
