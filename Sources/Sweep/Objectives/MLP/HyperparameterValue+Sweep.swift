import SweepCore
import SweepNN

/// Trial parameters reach ``MLPConfiguration/set(_:_:)`` as they are (no conversion).
extension ParameterValue: HyperparameterValue {
    public var hyperparameterNumber: Double? { doubleValue ?? stringValue.flatMap { Double($0) } }
    public var hyperparameterText: String? {
        switch self {
        case .float, .int: return nil
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        }
    }
}

/// Fixed `mlp` settings from a config (`nodes: [256, 128]` is a list) reach the trainer as they are.
extension AttributeValue: HyperparameterValue {
    public var hyperparameterNumber: Double? { number ?? string.flatMap { Double($0) } }
    public var hyperparameterText: String? {
        switch self {
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }
    public var hyperparameterItems: [any HyperparameterValue]? {
        guard case let .array(items) = self else { return nil }
        return items
    }
}
