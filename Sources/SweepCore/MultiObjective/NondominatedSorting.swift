/// Fast non-dominated sorting (Deb et al. 2002, "A fast and elitist multiobjective genetic algorithm:
/// NSGA-II", IEEE TEC 6(2)): splits a set into fronts F₀, F₁, … where F₀ holds the points nobody
/// dominates and F_{k+1} the points dominated only by points of F₀ … F_k. O(M·N²) comparisons.
public enum NondominatedSorting {
    /// Fronts of `count` items under a domination relation `dominates(i, j)` (must be irreflexive and
    /// asymmetric). Each front lists indices in increasing order.
    public static func fronts(count: Int, dominates: (Int, Int) -> Bool) -> [[Int]] {
        var dominatedCount = [Int](repeating: 0, count: count)
        var dominatedBy = [[Int]](repeating: [], count: count)
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) {
                if dominates(i, j) {
                    dominatedBy[i].append(j)
                    dominatedCount[j] += 1
                } else if dominates(j, i) {
                    dominatedBy[j].append(i)
                    dominatedCount[i] += 1
                }
            }
        }
        var fronts: [[Int]] = []
        var current = (0..<count).filter { dominatedCount[$0] == 0 }
        while !current.isEmpty {
            fronts.append(current)
            var next: [Int] = []
            for i in current {
                for j in dominatedBy[i] {
                    dominatedCount[j] -= 1
                    if dominatedCount[j] == 0 { next.append(j) }
                }
            }
            current = next.sorted()
        }
        return fronts
    }

    /// Pareto fronts of `points` under `directions`.
    /// - Throws: ``MultiObjectiveError`` for points of the wrong length or with non-finite values.
    public static func fronts(_ points: [[Double]], directions: [Direction]) throws -> [[Int]] {
        try Pareto.validate(points, directions: directions)
        let m = Pareto.minimizing(points, directions: directions)
        return fronts(count: m.count) { Pareto.dominatesMinimizing(m[$0], m[$1]) }
    }

    /// Fronts under constraint domination (``ConstraintDomination``): feasible points first, then
    /// infeasible ones by total violation. `constraints[i]` belongs to `points[i]` (`nil` = unknown).
    /// - Throws: ``MultiObjectiveError`` for bad points or when `constraints` has another length.
    public static func fronts(_ points: [[Double]], constraints: [[Double]?], directions: [Direction]) throws -> [[Int]] {
        try Pareto.validate(points, directions: directions)
        guard constraints.count == points.count else {
            throw MultiObjectiveError.invalidSetting(
                name: "constraints", value: "\(constraints.count) lists",
                expected: "one constraint list per point (\(points.count))")
        }
        let m = Pareto.minimizing(points, directions: directions)
        let v = constraints.map(ConstraintDomination.violation)
        return fronts(count: m.count) { i, j in
            ConstraintDomination.decide(v[i], v[j]) { Pareto.dominatesMinimizing(m[i], m[j]) }
        }
    }

    /// The 0-based front number of every point (`ranks[i] == k` when point i is in front k).
    public static func ranks(fronts: [[Int]], count: Int) -> [Int] {
        var ranks = [Int](repeating: 0, count: count)
        for (k, front) in fronts.enumerated() { for i in front { ranks[i] = k } }
        return ranks
    }
}
