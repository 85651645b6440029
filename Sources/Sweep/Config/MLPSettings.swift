import SweepCore

/// Validation of fixed `mlp` objective settings at config time. The trainer (SweepNN) is the
/// authority on keys and values; this forwards to it so `sweep validate` catches typos.
enum MLPSettings {
    static func validate(key: String, value: AttributeValue, node: ConfigNode) throws {
        // Filled in when the MLP objective is wired to SweepNN.
    }
}
