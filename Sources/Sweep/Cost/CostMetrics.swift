import SweepCore
import SweepNN

/// The cost metrics of a trial's model (`MLPCost` of SweepNN) as trial attributes, and how readers
/// (tables, reports, exports, multi-objective configs) find them again.
///
/// Each metric is one numeric attribute `cost.<name>`: `cost.parameter_count`, `cost.flops_per_row`,
/// `cost.model_bytes` (exact), `cost.latency_us`, `cost.throughput_rows_s` (measured; absent with
/// `cost: exact`). A `metrics:` or `constraints:` config refers to a metric by its bare name
/// (`latency_us`); ``value(_:of:)`` resolves it.
public enum CostMetrics {
    /// The prefix of the attribute keys.
    public static let attributePrefix = "cost."

    /// All metric names, in display order: the exact ones, then the measured ones.
    public static let names = ["parameter_count", "flops_per_row", "model_bytes", "latency_us", "throughput_rows_s"]

    /// The names whose values are timed on this machine (they vary between runs).
    public static let measuredNames: Set<String> = ["latency_us", "throughput_rows_s"]

    /// The attribute key of metric `name` (`cost.<name>`).
    public static func attributeKey(_ name: String) -> String { attributePrefix + name }

    /// `cost`'s metrics as attributes (only those it has: measured ones are nil in an exact cost).
    public static func attributes(_ cost: MLPCost) -> [String: AttributeValue] {
        var out: [String: AttributeValue] = [:]
        for (name, value) in cost.metrics { out[attributeKey(name)] = .number(value) }
        return out
    }

    /// The value of metric `name` in `attributes`, nil when not recorded.
    public static func value(_ name: String, of attributes: [String: AttributeValue]) -> Double? {
        if case let .number(x)? = attributes[attributeKey(name)] { return x }
        return nil
    }

    /// The recorded metrics in `attributes`, by bare name.
    public static func metrics(of attributes: [String: AttributeValue]) -> [String: Double] {
        var out: [String: Double] = [:]
        for name in names { if let v = value(name, of: attributes) { out[name] = v } }
        return out
    }

    /// The metric names any of `trials` recorded, in ``names`` order (the columns a table shows).
    public static func names(in trials: [Trial]) -> [String] {
        names.filter { name in trials.contains { value(name, of: $0.attributes) != nil } }
    }

    /// A metric's value as exact text (reads back bit for bit): whole numbers without `.0`
    /// (`26122`), others in their shortest round-trip form.
    public static func exactText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }

    /// A metric's value as short text: whole numbers without a fraction, latency to 0.1 µs,
    /// throughput to whole rows per second.
    public static func text(_ name: String, _ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        switch name {
        case "latency_us": return String(Double((value * 10).rounded()) / 10)
        default:
            let r = value.rounded()
            return abs(r) < 1e15 ? String(Int(r)) : String(value)
        }
    }
}
