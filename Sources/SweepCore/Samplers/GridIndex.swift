/// The points of a grid search, indexed lazily: the n-th point is computed from n (mixed radix over
/// the parameters in ``SearchSpace/evaluationOrder``, the last varying fastest) without listing the
/// points before it, so a grid of 10^12 points costs no more memory than one of ten.
///
/// Conditional parameters only multiply the branches where they are active. Conditions form a forest,
/// and the parameters still to choose split into independent subtrees, so the number of points that
/// follow a choice is a product of per-subtree sizes; each size is computed once, bottom-up (values of
/// a parent that activate no child share one term, so an int range of 10^9 values costs one
/// multiplication). Indexing a point is O(parameters²), whatever the declaration order.
///
/// The order is exactly that of expanding the Cartesian product level by level (like
/// `itertools.product`), skipping inactive parameters.
public struct GridIndex: Sendable {
    /// Most points a grid may have: 9·10^15, the largest index a trial attribute stores exactly.
    public static let maxPoints = 9_000_000_000_000_000

    /// Number of grid points (at most ``maxPoints``).
    public let count: Int

    private let levels: [Level]

    /// Indexes the grid of `space`.
    /// - Throws: ``SamplerError/unsupportedSpace(_:)`` for a continuous float without grid values, or
    ///   when the grid has more than ``maxPoints`` points.
    public init(_ space: SearchSpace) throws {
        let order = space.evaluationOrder
        var levelOf: [String: Int] = [:]
        for (level, i) in order.enumerated() { levelOf[space.parameters[i].name] = level }
        var axes: [GridAxis] = []
        var specials: [[Special]] = []
        for i in order {
            let p = space.parameters[i]
            let axis = try GridAxis(p)
            var activated: [Int: [Int]] = [:]
            for child in space.parameters {
                guard let c = child.condition, c.parent == p.name, let childLevel = levelOf[child.name] else { continue }
                var hits = Set<Int>()
                for v in c.values { hits.formUnion(axis.indices(matching: v)) }
                for k in hits { activated[k, default: []].append(childLevel) }
            }
            axes.append(axis)
            specials.append(activated.keys.sorted().map { Special(index: $0, activates: activated[$0, default: []].sorted()) })
        }
        // Subtree sizes, children (later levels) first.
        var sizes = [Int](repeating: 1, count: order.count)
        for level in order.indices.reversed() {
            let special = specials[level]
            var total = try GridIndex.checked((axes[level].count - special.count, false))
            for s in special {
                var branch = 1
                for c in s.activates { branch = try GridIndex.checked(branch.multipliedReportingOverflow(by: sizes[c])) }
                total = try GridIndex.checked(total.addingReportingOverflow(branch))
            }
            sizes[level] = total
        }
        var levels: [Level] = []
        var count = 1
        for (level, i) in order.enumerated() {
            let isConditional = space.parameters[i].condition != nil
            levels.append(Level(name: space.parameters[i].name, axis: axes[level], isConditional: isConditional,
                                special: specials[level], size: sizes[level]))
            if !isConditional { count = try GridIndex.checked(count.multipliedReportingOverflow(by: sizes[level])) }
        }
        self.levels = levels
        self.count = count
    }

    /// The point with index `n` (`0 ≤ n < count`), or nil outside that range. Only active parameters
    /// appear in it.
    public func point(at n: Int) -> [String: ParameterValue]? {
        guard n >= 0, n < count else { return nil }
        var rest = n
        var active = Set(levels.indices.filter { !levels[$0].isConditional })
        var out: [String: ParameterValue] = [:]
        for (level, lv) in levels.enumerated() {
            guard active.remove(level) != nil else { continue }
            // Points per choice: the other pending subtrees times the subtrees this choice activates
            // (each product is at most `count`, so it cannot overflow).
            let base = active.reduce(1) { $0 * levels[$1].size }
            var start = 0
            var chosen: Special?
            var k: Int?
            for s in lv.special {
                let run = s.index - start
                if rest < run * base {
                    k = start + rest / base
                    rest %= base
                    break
                }
                rest -= run * base
                let block = s.activates.reduce(base) { $0 * levels[$1].size }
                if rest < block {
                    k = s.index
                    chosen = s
                    break
                }
                rest -= block
                start = s.index + 1
            }
            if k == nil {
                k = start + rest / base
                rest %= base
            }
            out[lv.name] = lv.axis.value(at: k ?? 0)
            if let chosen { active.formUnion(chosen.activates) }
        }
        return out
    }

    private static func checked(_ r: (partialValue: Int, overflow: Bool)) throws -> Int {
        guard !r.overflow, r.partialValue <= maxPoints else {
            throw SamplerError.unsupportedSpace(
                "the grid has more than \(maxPoints) points, more than grid search can index; "
                    + "give some parameters fewer `values` or a larger `step`, or use random, sobol or bayes")
        }
        return r.partialValue
    }

    private struct Special: Sendable {
        let index: Int
        /// Levels of the conditional children this value activates.
        let activates: [Int]
    }

    private struct Level: Sendable {
        let name: String
        let axis: GridAxis
        let isConditional: Bool
        /// Value indices that activate conditional children (sorted).
        let special: [Special]
        /// Points of the subtree this parameter roots (its values times its active children's subtrees).
        let size: Int
    }
}
