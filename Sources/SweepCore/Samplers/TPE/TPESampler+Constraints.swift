extension TPESampler {
    /// Whether any complete trial carries constraint values (``ProbabilityOfFeasibility/constraintsKey``).
    static func hasConstraints(_ trials: [Trial]) -> Bool {
        trials.contains { $0.state == .complete && $0.attributes[ProbabilityOfFeasibility.constraintsKey] != nil }
    }

    /// The total constraint violation of a complete or pruned trial of a constrained sweep (0 =
    /// feasible), which ranks infeasible trials in the split as Optuna 5's
    /// `_get_infeasible_trial_score`. A complete trial without constraint values counts as infeasible
    /// with infinite violation (``ConstraintDomination/violation(_:)``; Optuna ≤ 4 did the same, Optuna
    /// 5 counts it as feasible): its constraints were not measured, so it should not shape l(x). A
    /// pruned trial without them (stopped before its constraints were measured) is ranked as pruned,
    /// as Optuna 5 does.
    static func violation(_ trial: Trial) -> Double {
        let constraints = trial.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles
        if constraints == nil && trial.state == .pruned { return 0 }
        return ConstraintDomination.violation(constraints)
    }
}
