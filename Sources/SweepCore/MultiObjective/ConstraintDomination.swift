/// Constraint domination as in Deb et al. (2002) and Optuna's NSGA-II (`constraints_func`).
///
/// Constraint values `c_k ≤ 0` mean "satisfied"; the total violation of a point is `Σ max(0, c_k)`.
/// A point *constraint-dominates* another when:
/// - both are feasible and it Pareto-dominates the other (``Pareto/dominates(_:_:directions:)``);
/// - it is feasible and the other is not;
/// - both are infeasible and its total violation is strictly smaller.
///
/// A point without constraint values (`nil`) counts as infeasible with infinite violation (as Optuna
/// treats trials whose constraints were never recorded), so it never beats one that has them.
public enum ConstraintDomination {
    /// `Σ max(0, c_k)`, or `+∞` for `nil` or when a value is NaN.
    public static func violation(_ constraints: [Double]?) -> Double {
        guard let constraints else { return .infinity }
        var total = 0.0
        for c in constraints {
            if c.isNaN { return .infinity }
            total += max(0, c)
        }
        return total
    }

    /// Whether all constraint values are ≤ 0 (an empty list is feasible; `nil` is not).
    public static func isFeasible(_ constraints: [Double]?) -> Bool {
        violation(constraints) == 0
    }

    /// Whether point `a` (objective `values`, `constraints`) constraint-dominates point `b`.
    public static func dominates(
        _ a: (values: [Double], constraints: [Double]?), _ b: (values: [Double], constraints: [Double]?),
        directions: [Direction]
    ) -> Bool {
        decide(violation(a.constraints), violation(b.constraints)) {
            Pareto.dominates(a.values, b.values, directions: directions)
        }
    }

    /// Constraint domination given the two total violations; `pareto` decides between feasible points.
    static func decide(_ va: Double, _ vb: Double, pareto: () -> Bool) -> Bool {
        switch (va == 0, vb == 0) {
        case (true, true): return pareto()
        case (true, false): return true
        case (false, true): return false
        case (false, false): return va < vb
        }
    }
}
