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

    /// Every grid point, in order. Materialises the whole grid: for small grids and tests only; use
    /// ``GridIndex`` to reach a point by its index.
    public func points(of space: SearchSpace) throws -> [[String: ParameterValue]] {
        let index = try GridIndex(space)
        return (0..<index.count).compactMap { index.point(at: $0) }
    }

    /// The number of grid points, computed without listing them (O(parameters) for unconditional spaces).
    public func capacity(of space: SearchSpace) throws -> Int? {
        try GridIndex(space).count
    }

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        let grid = try GridIndex(context.space)
        var taken = Set<Int>()
        for t in context.trials {
            if let i = t.attributes["grid.index"]?.int { taken.insert(i) }
        }
        var next = 0
        while taken.contains(next) { next += 1 }
        guard let point = grid.point(at: next) else { throw SamplerError.exhausted(total: grid.count) }
        return Suggestion(params: point, attributes: ["grid.index": .number(Double(next))])
    }
}
