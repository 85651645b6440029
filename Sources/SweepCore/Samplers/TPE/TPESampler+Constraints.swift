extension TPESampler {
    /// Whether any complete trial carries constraint values (``ProbabilityOfFeasibility/constraintsKey``).
    static func hasConstraints(_ trials: [Trial]) -> Bool {
        trials.contains { $0.state == .complete && $0.attributes[ProbabilityOfFeasibility.constraintsKey] != nil }
    }

    /// The ranking key of a complete trial in the split, as Optuna's TPE with `constraints_func`:
    /// without constraints `(0, value)`; with them, feasible trials `(0, value)` first, then infeasible
    /// ones `(1, total violation)` — so infeasible trials join "below" only when fewer than γ are
    /// feasible, least violated first. A trial without constraint values counts as infeasible with
    /// infinite violation (``ConstraintDomination/violation(_:)``), as in Optuna.
    static func rankingKey(_ trial: Trial, minimizedValue: Double, constrained: Bool) -> (Double, Double) {
        guard constrained else { return (0, minimizedValue) }
        let violation = ConstraintDomination.violation(trial.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles)
        return violation == 0 ? (0, minimizedValue) : (1, violation)
    }
}
