/// A JSON-like value stored with a trial: sampler and scheduler bookkeeping (e.g. the GP
/// hyperparameters used for a suggestion, the bracket and rung of a trial) and user attributes.
public enum AttributeValue: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([AttributeValue])
    case object([String: AttributeValue])

    public init(_ values: [Double]) { self = .array(values.map { .number($0) }) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The numbers of an `array` of `number`s, else nil.
    public var doubles: [Double]? {
        guard case let .array(items) = self else { return nil }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case let .number(x) = item else { return nil }
            out.append(x)
        }
        return out
    }

    /// The value of a `number`, else nil.
    public var number: Double? {
        if case let .number(x) = self { return x }
        return nil
    }

    /// The value of a `number` that is a whole number, else nil.
    public var int: Int? {
        guard let x = number, x == x.rounded(), abs(x) < 9e15 else { return nil }
        return Int(x)
    }

    /// The value of a `string`, else nil.
    public var string: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let x = try? c.decode(Double.self) { self = .number(x); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([AttributeValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: AttributeValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .number(x): try c.encode(x)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(x): return x.description
        case let .string(s): return s
        case let .array(a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case let .object(o): return "{" + o.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
