import SweepCore

/// Which cost metrics an `mlp` objective records for each trial: `objective: {kind: mlp, …, cost: measured}`.
///
/// - `measured` (default): the exact metrics plus `latency_us` and `throughput_rows_s`, timed on the
///   final model after the last epoch (one BLAS thread, `MLPCost.MeasurementSchedule`'s
///   default schedule). Adds a fraction of a second per trial for small networks and about a second
///   for wide ones (see `docs/multi-objective.md` for measured figures).
/// - `exact`: only `parameter_count`, `flops_per_row` and `model_bytes` (functions of the layout;
///   free, and identical between runs).
/// - `off`: no cost attributes.
public enum MLPCostMode: String, Sendable, CaseIterable {
    case exact
    case measured
    case off

    /// The objective setting's key.
    public static let settingKey = "cost"

    /// The mode a setting value names; nil for anything else (see ``problem(with:)``).
    public init?(setting value: AttributeValue) {
        guard let s = value.string, let mode = MLPCostMode(rawValue: s) else { return nil }
        self = mode
    }

    /// Why `value` is not a cost mode (a message for a config error), or nil when it is one.
    static func problem(with value: AttributeValue) -> String? {
        guard MLPCostMode(setting: value) == nil else { return nil }
        return "cost must be one of \(allCases.map(\.rawValue).joined(separator: ", ")), got \(value.jsonText); "
            + "use 'off' to record no cost metrics, 'exact' to skip the timing"
    }
}
