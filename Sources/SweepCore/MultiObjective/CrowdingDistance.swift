/// Crowding distance of the points of one front (Deb et al. 2002), as Optuna's NSGA-II computes it.
///
/// For each objective, points are sorted by value; each point gets `(next − previous) / (max − min)`,
/// where the neighbours of the extreme points are −∞ and +∞ (so extremes get `+∞`). The distance is
/// the sum over objectives. An objective on which all points are equal contributes 0. Larger means
/// less crowded. Ties in an objective are broken by input index, so the result is deterministic.
///
/// pymoo's `calc_crowding_distance` divides the same sum by the number of objectives; the order of
/// points is the same.
public enum CrowdingDistance {
    /// Crowding distances of `points`. Empty input gives `[]`.
    /// - Throws: ``MultiObjectiveError`` when points differ in length or hold non-finite values.
    public static func compute(_ points: [[Double]]) throws -> [Double] {
        try MultiObjectiveError.validate(points, count: points.first?.count ?? 1, what: "point")
        return unchecked(points)
    }

    /// ``compute(_:)`` for points already known to have one finite value per objective.
    static func unchecked(_ points: [[Double]]) -> [Double] {
        let n = points.count
        var distance = [Double](repeating: 0, count: n)
        guard let m = points.first?.count else { return distance }
        for k in 0..<m {
            let order = (0..<n).sorted { (points[$0][k], $0) < (points[$1][k], $1) }
            let lo = points[order[0]][k], hi = points[order[n - 1]][k]
            guard hi > lo else { continue }
            let width = hi - lo
            for (r, i) in order.enumerated() {
                if r == 0 || r == n - 1 {
                    distance[i] = .infinity
                } else {
                    distance[i] += (points[order[r + 1]][k] - points[order[r - 1]][k]) / width
                }
            }
        }
        return distance
    }
}
