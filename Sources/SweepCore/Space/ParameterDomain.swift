/// The set of values a hyperparameter may take.
public enum ParameterDomain: Sendable, Hashable, Codable {
    /// Real numbers in `[lower, upper]`; `log` samples uniformly in log space (needs `lower > 0`);
    /// `step` restricts values to `lower + k·step` (not combinable with `log`).
    case float(lower: Double, upper: Double, log: Bool = false, step: Double? = nil)
    /// Integers in `[lower, upper]` with spacing `step` (≥ 1); `log` needs `lower ≥ 1` and `step == 1`.
    case int(lower: Int, upper: Int, log: Bool = false, step: Int = 1)
    /// One of a fixed list of values (strings, numbers or bools), unordered.
    case categorical([ParameterValue])

    /// Largest magnitude of an int bound, and most values a discrete domain may have: 2^53, the
    /// largest range in which every integer is exact as a JSON number (how values are stored).
    public static let maxDiscreteMagnitude = 1 << 53

    /// Number of distinct values, or nil for a continuous range.
    ///
    /// Never traps: a range too large to count (which ``SearchSpace`` refuses) gives `Int.max`.
    public var cardinality: Int? {
        switch self {
        case let .float(lower, upper, _, step):
            guard let step else { return nil }
            let k = ((upper - lower) / step).rounded()
            guard k.isFinite, k < 9.0e18 else { return Int.max }
            return k < 0 ? 0 : Int(k) + 1
        case let .int(lower, upper, _, step):
            let (width, overflow) = upper.subtractingReportingOverflow(lower)
            guard !overflow, step > 0 else { return Int.max }
            guard width >= 0 else { return 0 }
            return width / step + 1
        case let .categorical(choices):
            return choices.count
        }
    }

    /// True for `float` and `int` domains.
    public var isNumeric: Bool {
        if case .categorical = self { return false }
        return true
    }

    /// True for a `log` float or int domain.
    public var isLog: Bool {
        switch self {
        case let .float(_, _, log, _), let .int(_, _, log, _): return log
        case .categorical: return false
        }
    }

    /// The type name used in configs: `float`, `int` or `categorical`.
    public var typeName: String {
        switch self {
        case .float: return "float"
        case .int: return "int"
        case .categorical: return "categorical"
        }
    }

    /// Whether `value` is a member of this domain (steps checked to a relative 1e-9 for floats).
    public func contains(_ value: ParameterValue) -> Bool {
        switch self {
        case let .float(lower, upper, _, step):
            guard let v = value.doubleValue, v.isFinite else { return false }
            let tol = 1e-12 * max(1, abs(lower), abs(upper))
            guard v >= lower - tol && v <= upper + tol else { return false }
            if let step {
                let k = (v - lower) / step
                return abs(k - k.rounded()) <= 1e-9 * max(1, abs(k))
            }
            return true
        case let .int(lower, upper, _, step):
            guard let v = value.intValue, v >= lower, v <= upper, step > 0 else { return false }
            let (offset, overflow) = v.subtractingReportingOverflow(lower)
            return !overflow && offset % step == 0
        case let .categorical(choices):
            return choices.contains { $0.matches(value) }
        }
    }

    /// `value` converted to this domain's canonical type (`int` for int domains, `float` for floats,
    /// the matching choice for categoricals), or nil when it is not a member.
    public func normalized(_ value: ParameterValue) -> ParameterValue? {
        guard contains(value) else { return nil }
        switch self {
        case let .float(lower, _, _, step):
            guard var v = value.doubleValue else { return nil }
            if let step { v = lower + ((v - lower) / step).rounded() * step }
            return .float(v)
        case .int:
            return value.intValue.map(ParameterValue.int)
        case let .categorical(choices):
            return choices.first { $0.matches(value) }
        }
    }
}

extension ParameterDomain: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .float(lower, upper, log, step):
            var s = "float[\(ParameterValue.format(lower)), \(ParameterValue.format(upper))]"
            if log { s += " log" }
            if let step { s += " step \(ParameterValue.format(step))" }
            return s
        case let .int(lower, upper, log, step):
            var s = "int[\(lower), \(upper)]"
            if log { s += " log" }
            if step != 1 { s += " step \(step)" }
            return s
        case let .categorical(choices):
            return "categorical{" + choices.map { $0.description }.joined(separator: ", ") + "}"
        }
    }
}
