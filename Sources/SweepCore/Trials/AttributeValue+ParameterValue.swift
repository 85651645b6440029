/// The one pair of conversions between trial parameter values and JSON-like attribute values
/// (configs and JSON messages carry parameters as ``AttributeValue``s).
extension AttributeValue {
    /// A parameter value as an attribute: ints and floats become `number`, strings and bools stay.
    public init(_ value: ParameterValue) {
        switch value {
        case let .float(x): self = .number(x)
        case let .int(i): self = .number(Double(i))
        case let .string(s): self = .string(s)
        case let .bool(b): self = .bool(b)
        }
    }
}

extension ParameterValue {
    /// An attribute scalar as a parameter value: a whole `number` (|x| < 9·10¹⁵) becomes `int`, any
    /// other finite number `float`; strings and bools stay. Nil for `null`, non-finite numbers, arrays
    /// and objects (they are not parameter values).
    public init?(_ value: AttributeValue) {
        switch value {
        case let .number(x) where x.isFinite:
            self = x == x.rounded() && abs(x) < 9e15 ? .int(Int(x)) : .float(x)
        case let .string(s): self = .string(s)
        case let .bool(b): self = .bool(b)
        default: return nil
        }
    }
}
