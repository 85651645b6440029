/// The grid values of one parameter, in order, without listing them: its explicit
/// ``Parameter/gridValues``; else every value of a categorical, int or stepped float domain.
struct GridAxis: Sendable {
    private enum Kind: Sendable {
        case list([ParameterValue])
        case int(lower: Int, step: Int)
        case float(lower: Double, upper: Double, step: Double)
    }

    private let kind: Kind
    /// Number of values (at least 1 for a valid parameter).
    let count: Int

    /// - Throws: ``SamplerError/unsupportedSpace(_:)`` for a continuous float without grid values.
    init(_ p: Parameter) throws {
        if let grid = p.gridValues {
            kind = .list(grid)
            count = grid.count
            return
        }
        switch p.domain {
        case let .categorical(choices):
            kind = .list(choices)
            count = choices.count
        case let .int(lower, _, _, step):
            kind = .int(lower: lower, step: step)
            count = p.domain.cardinality ?? 1
        case let .float(lower, upper, _, step):
            guard let step else {
                throw SamplerError.unsupportedSpace(
                    "grid search needs discrete values: parameter '\(p.name)' is a continuous float; give it `values: [...]` or a `step`")
            }
            kind = .float(lower: lower, upper: upper, step: step)
            count = p.domain.cardinality ?? 1
        }
    }

    /// The k-th value (`0 ≤ k < count`). Ranges are bounded by ``ParameterDomain/maxDiscreteMagnitude``,
    /// so `lower + k·step` cannot overflow.
    func value(at k: Int) -> ParameterValue {
        switch kind {
        case let .list(values): return values[k]
        case let .int(lower, step): return .int(lower + k * step)
        case let .float(lower, upper, step): return .float(min(upper, lower + Double(k) * step))
        }
    }

    /// Indices of the values equal to `v` (numbers compared numerically, like ``Condition``).
    func indices(matching v: ParameterValue) -> [Int] {
        switch kind {
        case let .list(values):
            return values.indices.filter { values[$0].matches(v) }
        case let .int(lower, step):
            guard let x = v.doubleValue, x == x.rounded(), abs(x) <= Double(ParameterDomain.maxDiscreteMagnitude) else { return [] }
            let offset = Int(x) - lower
            guard offset >= 0, offset % step == 0, offset / step < count else { return [] }
            return [offset / step]
        case let .float(lower, _, step):
            guard let x = v.doubleValue, x.isFinite else { return [] }
            let guess = ((x - lower) / step).rounded()
            guard guess > -2, guess < Double(count) + 1 else { return [] }
            let k = Int(guess)
            return (k - 1...k + 1).filter { $0 >= 0 && $0 < count && value(at: $0).matches(v) }
        }
    }
}
