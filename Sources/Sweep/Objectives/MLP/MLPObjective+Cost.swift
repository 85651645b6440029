import SweepCore
import SweepNN

extension MLPObjective {
    /// Records the trial's cost metrics (``CostMetrics``) as attributes, per ``cost``.
    ///
    /// Called when training starts (`final == false`: the exact metrics, so pruned, paused and failed
    /// trials have them too) and after the last epoch on the final model (`final == true`: with
    /// `cost: measured`, latency and throughput timed by `MLPCost.measure(model:schedule:)`
    /// on one BLAS thread with the default schedule). With a `log`, a measurement appends the line
    /// `<UTC time> cost latency_us=… throughput_rows_s=… seconds=…` (`seconds`: what the timing took).
    func recordCost(of trainer: MLPTrainer, for trial: RunningTrial, final: Bool, log: TrialLog? = nil) throws {
        let cost: MLPCost
        switch (self.cost, final) {
        case (.off, _), (.exact, true): return
        case (.exact, false), (.measured, false): cost = MLPCost.exact(trainer.layout)
        case (.measured, true):
            let clock = ContinuousClock()
            let start = clock.now
            cost = try MLPCost.measure(model: trainer.model)
            let took = (clock.now - start).components
            log?.write(TrialLog.timestamp() + " cost latency_us=\(cost.latencyMicroseconds ?? .nan) "
                       + "throughput_rows_s=\(cost.throughputRowsPerSecond ?? .nan) "
                       + "seconds=\(Double(took.seconds) + Double(took.attoseconds) * 1e-18)")
        }
        try trial.setAttributes(CostMetrics.attributes(cost))
    }

    /// The `cost` setting of `spec` (default ``MLPCostMode/measured``).
    static func costMode(_ spec: MLPObjectiveSpec, file: String) throws -> MLPCostMode {
        guard let value = spec.settings[MLPCostMode.settingKey] else { return .measured }
        guard let mode = MLPCostMode(setting: value) else {
            throw ConfigError.invalid(file: file, line: nil, key: "objective.cost", message: MLPCostMode.problem(with: value) ?? "")
        }
        return mode
    }
}
