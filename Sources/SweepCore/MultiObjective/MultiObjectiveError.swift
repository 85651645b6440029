/// Why a multi-objective computation rejected its input.
///
/// Every case names the offending point (by index) or argument and says what to change, so that a
/// config or CLI layer can pass the message on unchanged.
public enum MultiObjectiveError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No objective directions were given (a multi-objective problem needs at least one).
    case noObjectives
    /// Point `index` has `got` values where `expected` (one per objective) were required.
    case wrongLength(what: String, index: Int, expected: Int, got: Int)
    /// Point `index` holds a NaN or infinite value at objective `objective`.
    case nonFinite(what: String, index: Int, objective: Int, value: Double)
    /// The operation supports `supported` objectives, not `got`.
    case unsupportedObjectiveCount(operation: String, got: Int, supported: ClosedRange<Int>)
    /// A sampler setting is out of range.
    case invalidSetting(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .noObjectives:
            return "no objectives given: list at least one objective direction (minimize or maximize)"
        case let .wrongLength(what, index, expected, got):
            return "\(what) \(index) has \(got) values, expected \(expected) (one per objective); "
                + "give every point the same number of values as there are objectives"
        case let .nonFinite(what, index, objective, value):
            return "\(what) \(index) has value \(value) for objective \(objective); "
                + "only finite values can be compared (drop failed or diverged trials first)"
        case let .unsupportedObjectiveCount(operation, got, supported):
            return "\(operation) supports \(supported.lowerBound)–\(supported.upperBound) objectives, got \(got); "
                + "reduce the number of objectives or turn some into constraints"
        case let .invalidSetting(name, value, expected):
            return "\(name) = \(value) is invalid: expected \(expected)"
        }
    }

    /// Checks that every point has `count` finite values.
    static func validate(_ points: [[Double]], count: Int, what: String) throws {
        guard count > 0 else { throw MultiObjectiveError.noObjectives }
        for (i, p) in points.enumerated() {
            guard p.count == count else { throw wrongLength(what: what, index: i, expected: count, got: p.count) }
            for (k, v) in p.enumerated() where !v.isFinite {
                throw nonFinite(what: what, index: i, objective: k, value: v)
            }
        }
    }
}
