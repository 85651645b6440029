import SweepCore

/// An objective that measures several metrics per trial: the objective vector of a sweep with several
/// `metrics:` (in their order) and named metric values for its constraints.
///
/// The worker pool tells its result as ``TrialOutcome/values(_:metrics:)``; a plain ``Objective``'s
/// value is told as ``TrialOutcome/value(_:)``.
public protocol VectorObjective: Objective {
    /// Evaluates the trial: one value per objective, and named metrics (may be empty).
    func evaluateValues(_ trial: RunningTrial) throws -> (values: [Double], metrics: [String: Double])
}

extension VectorObjective {
    /// The first objective's value.
    public func evaluate(_ trial: RunningTrial) throws -> Double {
        try evaluateValues(trial).values.first ?? .nan
    }
}

extension OptimizeRun {
    /// Whether a refused tell means the objective's result does not fit the study (a wrong number of
    /// values, a constraint metric missing): the worker pool fails such a trial instead of stopping.
    static func isUnusableResult(_ error: StudyError) -> Bool {
        switch error {
        case .wrongValueCount, .missingMetric: return true
        default: return false
        }
    }

    /// What `objective` returns for `trial`, as the outcome to tell.
    static func evaluate(_ objective: any Objective, _ trial: RunningTrial) throws -> TrialOutcome {
        if let vector = objective as? any VectorObjective {
            let (values, metrics) = try vector.evaluateValues(trial)
            return .values(values, metrics: metrics)
        }
        return .value(try objective.evaluate(trial))
    }
}
