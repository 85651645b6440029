/// A value handed to ``MLPConfiguration/set(_:_:)``: SweepNN reads it only through these accessors, so
/// callers pass their own value type without converting it. SweepNN does not depend on SweepCore;
/// `Sweep` conforms SweepCore's `ParameterValue` (trial parameters) and `AttributeValue` (config
/// settings) to this protocol. `Int`, `Double`, `String`, `Bool` and arrays of conforming values conform
/// here, so `config.set("lr", 0.01)` and `config.set("nodes", [256, 128])` work as written.
public protocol HyperparameterValue: Sendable, CustomStringConvertible {
    /// The value as a number: ints and floats, and text that reads as a number (`"0.01"`); else nil.
    var hyperparameterNumber: Double? { get }
    /// The value as text: strings and bools (`"true"`); nil for numbers and lists.
    var hyperparameterText: String? { get }
    /// The items of a list value (per-layer widths, `nodes: [256, 128]`); nil for a scalar.
    var hyperparameterItems: [any HyperparameterValue]? { get }
}

extension HyperparameterValue {
    public var hyperparameterItems: [any HyperparameterValue]? { nil }

    /// The value as an Int: a whole number (ints, integral floats, integer text); else nil.
    var hyperparameterInt: Int? {
        if let text = hyperparameterText, let i = Int(text) { return i }
        guard let v = hyperparameterNumber, v == v.rounded(), abs(v) < 1e15 else { return nil }
        return Int(v)
    }
}

extension Int: HyperparameterValue {
    public var hyperparameterNumber: Double? { Double(self) }
    public var hyperparameterText: String? { nil }
}

extension Double: HyperparameterValue {
    public var hyperparameterNumber: Double? { self }
    public var hyperparameterText: String? { nil }
}

extension String: HyperparameterValue {
    public var hyperparameterNumber: Double? { Double(self) }
    public var hyperparameterText: String? { self }
}

extension Bool: HyperparameterValue {
    public var hyperparameterNumber: Double? { nil }
    public var hyperparameterText: String? { self ? "true" : "false" }
}

extension Array: HyperparameterValue where Element: HyperparameterValue {
    public var hyperparameterNumber: Double? { nil }
    public var hyperparameterText: String? { nil }
    public var hyperparameterItems: [any HyperparameterValue]? { map { $0 } }
}
