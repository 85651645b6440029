/// A hyperparameter value as a sweep hands it over (SweepNN does not depend on SweepCore, so the
/// caller maps its own parameter type onto this).
public enum HyperparameterValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    /// Per-layer widths, e.g. `nodes: [256, 128]`.
    case list([HyperparameterValue])

    public var description: String {
        switch self {
        case let .int(v): return "\(v)"
        case let .double(v): return "\(v)"
        case let .string(v): return "'\(v)'"
        case let .bool(v): return "\(v)"
        case let .list(v): return "[" + v.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// The value as a Double (ints, doubles and numeric strings).
    var doubleValue: Double? {
        switch self {
        case let .int(v): return Double(v)
        case let .double(v): return v
        case let .string(s): return Double(s)
        default: return nil
        }
    }

    /// The value as an Int (ints, integral doubles, integer strings).
    var intValue: Int? {
        switch self {
        case let .int(v): return v
        case let .double(v): return v == v.rounded() && abs(v) < 1e15 ? Int(v) : nil
        case let .string(s): return Int(s)
        default: return nil
        }
    }

    var stringValue: String? {
        switch self {
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }
}
