import SweepCore
import SweepNN

/// `objective: {kind: mlp, dataset: digits, epochs: 50, batch_size: 128, …}`.
///
/// `dataset` is a shipped set (`digits`, `breast_cancer`, `wine`, `iris`, `diabetes`), a generator, or a
/// CSV path; every other key is a fixed trainer setting, overridden by a search parameter of the same
/// name.
public struct MLPObjectiveSpec: Sendable, Equatable {
    /// Dataset name or CSV path.
    public var dataset: String
    /// Fixed trainer settings (e.g. `epochs`, `optimizer`), by trainer key.
    public var settings: [String: AttributeValue]

    public init(dataset: String, settings: [String: AttributeValue]) {
        self.dataset = dataset
        self.settings = settings
    }

    /// Metrics an `mlp` objective can optimise.
    public static let metrics = MLPMetric.allCases.map(\.rawValue)

    static func parse(_ node: ConfigNode) throws -> MLPObjectiveSpec {
        var dataset: String?
        var settings: [String: AttributeValue] = [:]
        for (k, v) in try node.entries() {
            switch k {
            case "kind": continue
            case "dataset": dataset = try v.nonEmptyString()
            default:
                settings[k] = try v.attributeValue()
                try MLPSettings.validate(key: k, value: settings[k]!, node: v)
            }
        }
        guard let dataset else { throw node.error("needs 'dataset' (digits, breast_cancer, wine, iris, diabetes, or a CSV path)") }
        return MLPObjectiveSpec(dataset: dataset, settings: settings)
    }
}
