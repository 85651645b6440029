/// Pareto dominance between objective vectors, with a direction per objective.
///
/// `a` dominates `b` when `a` is at least as good as `b` in every objective and strictly better in
/// at least one (better = smaller for ``Direction/minimize``, larger for ``Direction/maximize``).
/// Equal vectors do not dominate each other. Vectors must have `directions.count` entries (validate
/// with ``validate(_:directions:)``); a vector of another length dominates nothing and is dominated by
/// nothing.
public enum Pareto {
    /// Whether `a` Pareto-dominates `b` under `directions`.
    public static func dominates(_ a: [Double], _ b: [Double], directions: [Direction]) -> Bool {
        guard a.count == directions.count, b.count == directions.count else { return false }
        var strictly = false
        for k in 0..<directions.count {
            let x = directions[k].minimizing(a[k]), y = directions[k].minimizing(b[k])
            if x > y { return false }
            if x < y { strictly = true }
        }
        return strictly
    }

    /// Whether `a` dominates `b` for vectors already turned into quantities to minimise.
    static func dominatesMinimizing(_ a: [Double], _ b: [Double]) -> Bool {
        var strictly = false
        for k in a.indices {
            if a[k] > b[k] { return false }
            if a[k] < b[k] { strictly = true }
        }
        return strictly
    }

    /// `points` turned into quantities to minimise (maximised objectives negated).
    public static func minimizing(_ points: [[Double]], directions: [Direction]) -> [[Double]] {
        points.map { p in zip(p, directions).map { $1.minimizing($0) } }
    }

    /// Checks that every point has one finite value per direction.
    /// - Throws: ``MultiObjectiveError`` naming the first bad point.
    public static func validate(_ points: [[Double]], directions: [Direction]) throws {
        try MultiObjectiveError.validate(points, count: directions.count, what: "point")
    }

    /// Indices of the points no other point dominates (the first front), in input order.
    /// - Throws: ``MultiObjectiveError`` for points of the wrong length or with non-finite values.
    public static func nondominatedIndices(_ points: [[Double]], directions: [Direction]) throws -> [Int] {
        try validate(points, directions: directions)
        let m = minimizing(points, directions: directions)
        return m.indices.filter { i in !m.indices.contains { j in j != i && dominatesMinimizing(m[j], m[i]) } }
    }
}
