/// The value of one hyperparameter in a trial: a number, a string or a bool.
///
/// `float` and `int` are kept apart so an integer parameter never turns into `3.0000000000000004`.
/// JSON encoding is the plain value (`0.01`, `3`, `"relu"`, `true`); since JSON cannot tell `3.0`
/// from `3`, decoders that know the search space should pass values through
/// ``SearchSpace/normalized(_:)`` to restore the declared type.
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    case float(Double)
    case int(Int)
    case string(String)
    case bool(Bool)

    public init(floatLiteral value: Double) { self = .float(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The numeric value of a `float` or `int`, else nil.
    public var doubleValue: Double? {
        switch self {
        case let .float(v): return v
        case let .int(v): return Double(v)
        default: return nil
        }
    }

    /// The value of an `int`, or of a `float` that is a whole number; else nil.
    public var intValue: Int? {
        switch self {
        case let .int(v): return v
        case let .float(v):
            guard v.isFinite, v == v.rounded(), abs(v) < 9.0e15 else { return nil }
            return Int(v)
        default: return nil
        }
    }

    /// The value of a `string`, else nil.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The value of a `bool`, else nil.
    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// True for `float` and `int`.
    public var isNumeric: Bool { doubleValue != nil }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .float: return "float"
        case .int: return "int"
        case .string: return "string"
        case .bool: return "bool"
        }
    }

    /// Compact text: shortest round-tripping form for numbers, the raw string for strings.
    public var description: String {
        switch self {
        case let .float(v): return ParameterValue.format(v)
        case let .int(v): return String(v)
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        }
    }

    /// Shortest text that reads back as exactly `v` (Swift's `description` of `Double`).
    static func format(_ v: Double) -> String {
        v.description
    }

    /// Numeric equality across `int`/`float` (`.int(3) ≈ .float(3.0)`), exact otherwise.
    public func matches(_ other: ParameterValue) -> Bool {
        if let a = doubleValue, let b = other.doubleValue { return a == b }
        return self == other
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .float(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number, string or bool")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .float(v): try c.encode(v)
        case let .int(v): try c.encode(v)
        case let .string(s): try c.encode(s)
        case let .bool(b): try c.encode(b)
        }
    }
}
