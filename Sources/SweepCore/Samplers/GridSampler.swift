/// Exhaustive search over the Cartesian product of every parameter's grid values.
///
/// Grid values of a parameter are, in order: its explicit ``Parameter/gridValues``; else every value of
/// a categorical, int or stepped float domain. A continuous float without either is refused with an
/// error naming it. Conditional parameters only multiply the branches where they are active.
///
/// Order is stable: parameters in ``SearchSpace/evaluationOrder`` (declaration order, parents moved
/// before their children), the last one varying fastest (like `itertools.product`). Each trial takes the first grid point no earlier trial (in any state)
/// has taken — recorded as the `grid.index` attribute — so parallel workers and resumed studies
/// never repeat a point, and enqueued trials with other parameters do not shift the grid.
public struct GridSampler: Sampler {
    public let name = "grid"

    public init() {}

    /// Every grid point, in order.
    public func points(of space: SearchSpace) throws -> [[String: ParameterValue]] {
        let order = space.evaluationOrder
        let values = try order.map { try GridSampler.gridValues(of: space.parameters[$0]) }
        var out: [[String: ParameterValue]] = []
        // Parents come before children in evaluation order, so activity is decidable at each level.
        func expand(_ level: Int, _ partial: [String: ParameterValue]) {
            if level == order.count { out.append(partial); return }
            let p = space.parameters[order[level]]
            guard space.isActive(p, in: partial) else { expand(level + 1, partial); return }
            for v in values[level] {
                var next = partial
                next[p.name] = v
                expand(level + 1, next)
            }
        }
        expand(0, [:])
        return out
    }

    public func capacity(of space: SearchSpace) throws -> Int? {
        try points(of: space).count
    }

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        let grid = try points(of: context.space)
        var taken = Set<Int>()
        for t in context.trials {
            if let i = t.attributes["grid.index"]?.int { taken.insert(i) }
        }
        guard let next = grid.indices.first(where: { !taken.contains($0) }) else {
            throw SamplerError.exhausted(total: grid.count)
        }
        return Suggestion(params: grid[next], attributes: ["grid.index": .number(Double(next))])
    }

    static func gridValues(of p: Parameter) throws -> [ParameterValue] {
        if let grid = p.gridValues { return grid }
        switch p.domain {
        case let .categorical(choices):
            return choices
        case let .int(lower, upper, _, step):
            return stride(from: lower, through: upper, by: step).map(ParameterValue.int)
        case let .float(lower, upper, _, step):
            guard let step else {
                throw SamplerError.unsupportedSpace(
                    "grid search needs discrete values: parameter '\(p.name)' is a continuous float; give it `values: [...]` or a `step`")
            }
            let n = Int(((upper - lower) / step).rounded())
            return (0...n).map { .float(min(upper, lower + Double($0) * step)) }
        }
    }
}
