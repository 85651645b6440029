/// Exact hypervolume indicator: the Lebesgue measure of the region dominated by a point set and
/// bounded by a reference point.
///
/// Algorithm: a sweep for 2 objectives (O(N log N)); for 3 or more, "hypervolume by slicing
/// objectives" (While et al. 2006, IEEE TEC 10(1)): sort by the last objective and add, for each slab
/// between consecutive values, its thickness times the (M−1)-dimensional hypervolume of the points
/// below it, keeping only the points that are non-dominated in the projection. Cost grows like
/// O(N^{M−1} log N): fine for M ≤ 4 and a few hundred points, which is what Sweep's studies produce.
///
/// Only points strictly better than the reference in every objective contribute; the others (and
/// dominated or duplicate points) add nothing. Values are in the objectives' own units, so the result
/// is in the product of those units. Exact up to floating-point rounding (relative error ~1e-14 per
/// slab).
public enum Hypervolume {
    /// Objective counts for which ``compute(_:reference:directions:)`` is exact and practical.
    public static let supportedObjectives = 1...4

    /// Hypervolume of `points` with respect to `reference`, with a direction per objective (for a
    /// maximised objective the reference is a lower bound, for a minimised one an upper bound).
    /// - Throws: ``MultiObjectiveError`` for wrong lengths, non-finite values, or more than 4 objectives.
    public static func compute(_ points: [[Double]], reference: [Double], directions: [Direction]) throws -> Double {
        let (m, r) = try prepare(points, reference: reference, directions: directions, operation: "hypervolume")
        return volume(m, reference: r)
    }

    /// The exclusive contribution of each point: how much the hypervolume drops when that point alone
    /// is removed. Dominated points and exact duplicates contribute 0.
    ///
    /// - Parameter ignoringDominated: when true (moocore's default), the contributions of the
    ///   non-dominated points are computed as if the dominated points were absent; when false,
    ///   dominated points stay in the set and take over part of the region of the points above them.
    /// - Throws: as ``compute(_:reference:directions:)``.
    public static func contributions(_ points: [[Double]], reference: [Double], directions: [Direction],
                                     ignoringDominated: Bool = true) throws -> [Double] {
        let (m, r) = try prepare(points, reference: reference, directions: directions, operation: "hypervolume contribution")
        let kept = ignoringDominated
            ? m.indices.filter { i in !m.indices.contains { Pareto.dominatesMinimizing(m[$0], m[i]) } }
            : Array(m.indices)
        let set = kept.map { m[$0] }
        let total = volume(set, reference: r)
        var out = [Double](repeating: 0, count: m.count)
        for (k, i) in kept.enumerated() {
            var others = set
            others.remove(at: k)
            out[i] = max(0, total - volume(others, reference: r))
        }
        return out
    }

    /// Validates and converts to the minimisation frame.
    static func prepare(_ points: [[Double]], reference: [Double], directions: [Direction],
                        operation: String) throws -> ([[Double]], [Double]) {
        guard supportedObjectives.contains(directions.count) else {
            throw MultiObjectiveError.unsupportedObjectiveCount(operation: operation, got: directions.count,
                                                                supported: supportedObjectives)
        }
        try MultiObjectiveError.validate([reference], count: directions.count, what: "reference point")
        try Pareto.validate(points, directions: directions)
        return (Pareto.minimizing(points, directions: directions),
                zip(reference, directions).map { $1.minimizing($0) })
    }

    /// Hypervolume in the minimisation frame (no validation).
    static func volume(_ points: [[Double]], reference r: [Double]) -> Double {
        let inside = points.filter { p in zip(p, r).allSatisfy { $0 < $1 } }
        return sliced(inside, reference: r, dimension: r.count)
    }

    /// Hypervolume of the first `d` coordinates of `points` (all strictly inside the reference).
    private static func sliced(_ points: [[Double]], reference r: [Double], dimension d: Int) -> Double {
        if points.isEmpty { return 0 }
        if d == 1 { return r[0] - points.map { $0[0] }.min()! }
        if d == 2 { return sweep(points, reference: r) }
        let sorted = points.sorted { $0[d - 1] < $1[d - 1] }
        var active: [[Double]] = []
        var total = 0.0
        for (i, p) in sorted.enumerated() {
            insertNondominated(p, into: &active, dimension: d - 1)
            let top = i + 1 < sorted.count ? sorted[i + 1][d - 1] : r[d - 1]
            let thickness = top - p[d - 1]
            if thickness > 0 { total += thickness * sliced(active, reference: r, dimension: d - 1) }
        }
        return total
    }

    /// 2-D sweep: points by increasing first objective, each adding the strip below the best second
    /// objective so far.
    private static func sweep(_ points: [[Double]], reference r: [Double]) -> Double {
        let sorted = points.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        var best = r[1], area = 0.0
        for p in sorted where p[1] < best {
            area += (r[0] - p[0]) * (best - p[1])
            best = p[1]
        }
        return area
    }

    /// Adds `p` to a set that is non-dominated in its first `d` coordinates (drops `p` when weakly
    /// dominated there, and the points `p` weakly dominates).
    static func insertNondominated(_ p: [Double], into set: inout [[Double]], dimension d: Int) {
        func weaklyDominates(_ a: [Double], _ b: [Double]) -> Bool {
            for k in 0..<d where a[k] > b[k] { return false }
            return true
        }
        if set.contains(where: { weaklyDominates($0, p) }) { return }
        set.removeAll { weaklyDominates(p, $0) }
        set.append(p)
    }
}
