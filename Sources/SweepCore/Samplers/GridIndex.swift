/// The points of a grid search, indexed lazily: the n-th point is computed from n (mixed radix over
/// the parameters in ``SearchSpace/evaluationOrder``, the last varying fastest) without listing the
/// points before it, so a grid of 10^12 points costs no more memory than one of ten.
///
/// Conditional parameters only multiply the branches where they are active: the number of points
/// below a level depends on which later conditional parameters the values chosen so far activate, and
/// those counts are computed once per distinct activation state (values of a parent that activate
/// no child share one count, so an int range of 10^9 values costs one multiplication).
///
/// The order is exactly that of expanding the Cartesian product level by level (like
/// `itertools.product`), skipping inactive parameters.
public struct GridIndex: Sendable {
    /// Most points a grid may have: 9·10^15, the largest index a trial attribute stores exactly.
    public static let maxPoints = 9_000_000_000_000_000

    /// Number of grid points (at most ``maxPoints``).
    public let count: Int

    private let levels: [Level]
    private let counts: [StateKey: Int]

    /// Indexes the grid of `space`.
    /// - Throws: ``SamplerError/unsupportedSpace(_:)`` for a continuous float without grid values, or
    ///   when the grid has more than ``maxPoints`` points.
    public init(_ space: SearchSpace) throws {
        let order = space.evaluationOrder
        var levelOf: [String: Int] = [:]
        for (level, i) in order.enumerated() { levelOf[space.parameters[i].name] = level }
        var levels: [Level] = []
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
            let special = activated.keys.sorted().map { Special(index: $0, activates: activated[$0, default: []].sorted()) }
            levels.append(Level(name: p.name, axis: axis, isConditional: p.condition != nil, special: special))
        }
        var memo: [StateKey: Int] = [:]
        self.count = try GridIndex.count(from: 0, active: [], levels: levels, memo: &memo)
        self.levels = levels
        self.counts = memo
    }

    /// The point with index `n` (`0 ≤ n < count`), or nil outside that range. Only active parameters
    /// appear in it.
    public func point(at n: Int) -> [String: ParameterValue]? {
        guard n >= 0, n < count else { return nil }
        var memo = counts
        var rest = n
        var active: [Int] = []
        var out: [String: ParameterValue] = [:]
        for (level, lv) in levels.enumerated() {
            let isActive = !lv.isConditional || active.contains(level)
            active.removeAll { $0 == level }
            guard isActive else { continue }
            // Counts below this level were computed in init for every reachable state, so these
            // lookups never recompute (and never throw).
            func below(_ state: [Int]) -> Int {
                (try? GridIndex.count(from: level + 1, active: state, levels: levels, memo: &memo)) ?? 1
            }
            let base = below(active)
            var start = 0
            var chosen: Int?
            var activates: [Int] = []
            for s in lv.special {
                let run = s.index - start
                if rest < run * base {
                    chosen = start + rest / base
                    rest %= base
                    break
                }
                rest -= run * base
                let c = below(GridIndex.merge(active, s.activates))
                if rest < c {
                    chosen = s.index
                    activates = s.activates
                    break
                }
                rest -= c
                start = s.index + 1
            }
            let k = chosen ?? (start + rest / base)
            if chosen == nil { rest %= base }
            out[lv.name] = lv.axis.value(at: k)
            active = GridIndex.merge(active, activates)
        }
        return out
    }

    // MARK: - Counting

    private static func count(from level: Int, active: [Int], levels: [Level], memo: inout [StateKey: Int]) throws -> Int {
        if level == levels.count { return 1 }
        let key = StateKey(level: level, active: active)
        if let known = memo[key] { return known }
        let lv = levels[level]
        let rest = active.filter { $0 != level }
        let result: Int
        if lv.isConditional && !active.contains(level) {
            result = try count(from: level + 1, active: rest, levels: levels, memo: &memo)
        } else {
            let base = try count(from: level + 1, active: rest, levels: levels, memo: &memo)
            var total = try checked(base.multipliedReportingOverflow(by: lv.axis.count - lv.special.count))
            for s in lv.special {
                let c = try count(from: level + 1, active: merge(rest, s.activates), levels: levels, memo: &memo)
                total = try checked(total.addingReportingOverflow(c))
            }
            result = total
        }
        memo[key] = result
        return result
    }

    private static func checked(_ r: (partialValue: Int, overflow: Bool)) throws -> Int {
        guard !r.overflow, r.partialValue <= maxPoints else {
            throw SamplerError.unsupportedSpace(
                "the grid has more than \(maxPoints) points, more than grid search can index; "
                    + "give some parameters fewer `values` or a larger `step`, or use random, sobol or bayes")
        }
        return r.partialValue
    }

    private static func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        b.isEmpty ? a : Array(Set(a).union(b)).sorted()
    }

    private struct StateKey: Hashable, Sendable {
        let level: Int
        let active: [Int]
    }

    private struct Special: Sendable {
        let index: Int
        let activates: [Int]
    }

    private struct Level: Sendable {
        let name: String
        let axis: GridAxis
        let isConditional: Bool
        /// Value indices that activate conditional children (sorted), with the children's levels.
        let special: [Special]
    }
}
