import Foundation

/// One outcome constraint of a sweep (`constraints: ["latency_us <= 50"]`): a named metric compared
/// with a constant. Pure: parsing and the violation value only.
///
/// The violation follows the convention of ``ConstraintDomination`` and ``ProbabilityOfFeasibility``:
/// `c ≤ 0` is feasible. For `metric <= b` and `metric < b`, `c = metric − b`; for `metric >= b` and
/// `metric > b`, `c = b − metric`. Strict and non-strict comparisons give the same `c` (a trial exactly
/// at the bound of a strict constraint counts as feasible: the samplers' models cannot tell the two
/// apart and `c = 0` is the boundary of both).
public struct ConstraintSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How the metric is compared with the bound.
    public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
        case lessOrEqual = "<="
        case less = "<"
        case greaterOrEqual = ">="
        case greater = ">"

        /// Whether the metric must stay below the bound.
        public var isUpperBound: Bool { self == .lessOrEqual || self == .less }
    }

    /// The metric's name (`latency_us`).
    public let metric: String
    /// The comparison.
    public let relation: Relation
    /// The constant (finite).
    public let bound: Double

    public init(metric: String, relation: Relation, bound: Double) {
        self.metric = metric
        self.relation = relation
        self.bound = bound
    }

    /// Parses `"name <= 50"` (also `<`, `>=`, `>`; spaces optional; the bound is a decimal number with an
    /// optional exponent, `1e5`, `-2.5E-3`). The name is `[A-Za-z_][A-Za-z0-9_.]*`.
    /// - Throws: ``ConstraintSpecError`` naming the text and what is wrong.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // The first comparison operator splits the text; two-character operators first.
        var found: (range: Range<String.Index>, relation: Relation)?
        for relation in [Relation.lessOrEqual, .greaterOrEqual, .less, .greater] {
            if let r = trimmed.range(of: relation.rawValue), found.map({ r.lowerBound < $0.range.lowerBound }) ?? true {
                found = (r, relation)
            }
        }
        guard let found else { throw ConstraintSpecError.noComparison(text: text) }
        let name = trimmed[..<found.range.lowerBound].trimmingCharacters(in: .whitespaces)
        let rhs = trimmed[found.range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ConstraintSpecError.missingMetric(text: text) }
        guard ConstraintSpec.isMetricName(name) else { throw ConstraintSpecError.badMetricName(text: text, name: name) }
        guard let bound = ConstraintSpec.number(rhs) else { throw ConstraintSpecError.notANumber(text: text, bound: rhs) }
        self.init(metric: name, relation: found.relation, bound: bound)
    }

    /// `c` for a metric value: `value − bound` for upper bounds, `bound − value` for lower bounds (`≤ 0` =
    /// satisfied). A non-finite value gives `+∞` (infeasible).
    public func violation(value: Double) -> Double {
        guard value.isFinite else { return .infinity }
        return relation.isUpperBound ? value - bound : bound - value
    }

    /// `c` from named metric values, or nil when `metrics` has no value for ``metric``.
    public func violation(of metrics: [String: Double]) -> Double? {
        metrics[metric].map(violation(value:))
    }

    /// The normal form, `latency_us <= 50`.
    public var description: String { "\(metric) \(relation.rawValue) \(ConstraintSpec.format(bound))" }

    /// The violations of `constraints` in order, from named metric values.
    /// - Throws: ``ConstraintSpecError/missingValue(constraint:)`` for the first constraint whose metric has no value.
    public static func violations(_ constraints: [ConstraintSpec], metrics: [String: Double]) throws -> [Double] {
        try constraints.map { c in
            guard let v = c.violation(of: metrics) else { throw ConstraintSpecError.missingValue(constraint: c.description) }
            return v
        }
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
              CharacterSet.letters.contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == ".") }
    }

    /// A finite decimal number: optional sign, digits with an optional point, optional exponent.
    static func number(_ text: String) -> Double? {
        let allowed = CharacterSet(charactersIn: "0123456789+-.eE")
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(allowed.contains),
              text.contains(where: \.isNumber), let v = Double(text), v.isFinite else { return nil }
        return v
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

/// Why a constraint's text cannot be used. Every message quotes the text.
public enum ConstraintSpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No `<=`, `<`, `>=` or `>`.
    case noComparison(text: String)
    /// Nothing before the operator.
    case missingMetric(text: String)
    /// The left side is not a metric name.
    case badMetricName(text: String, name: String)
    /// The right side is not a finite number.
    case notANumber(text: String, bound: String)
    /// A told trial has no value for the constraint's metric.
    case missingValue(constraint: String)

    public var description: String {
        switch self {
        case let .noComparison(text):
            return "constraint '\(text)' has no comparison; write 'metric <= number' (or <, >=, >)"
        case let .missingMetric(text):
            return "constraint '\(text)' names no metric; write 'metric <= number'"
        case let .badMetricName(text, name):
            return "constraint '\(text)': '\(name)' is not a metric name (letters, digits, '_' and '.', starting with a letter or '_')"
        case let .notANumber(text, bound):
            return "constraint '\(text)': '\(bound)' is not a number; constraints compare a metric with a finite constant such as 50 or 1e5"
        case let .missingValue(constraint):
            let name = constraint.split(separator: " ").first.map(String.init) ?? constraint
            return "no value for metric '\(name)' of constraint '\(constraint)'; report it with the tell"
        }
    }
}
