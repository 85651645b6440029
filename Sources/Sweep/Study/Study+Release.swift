import Foundation
import SweepCore
import SweepStore

extension Study {
    /// Hands a running trial back unfinished: it becomes `waiting`, keeps its parameters, intermediate
    /// values and checkpoint, and is claimed again by a later ``ask(limits:)``. The same as telling
    /// ``TrialOutcome/paused(step:)`` (with `pausedAt`) or ``TrialOutcome/interrupted``, without reading the
    /// trial back.
    ///
    /// - Parameters:
    ///   - pausedAt: the step at which a multi-fidelity scheduler answered ``ReportDecision/pause``
    ///     (a rung was reached). The trial is then marked paused (`sweep.paused`, `sweep.paused_at`) and
    ///     is resumed only when the scheduler promotes it; without it the trial counts as interrupted
    ///     and the next ask resumes it first.
    /// - Throws: ``StorageError/notOwner(study:number:owner:)`` when another worker owns it,
    ///   ``StorageError/trialNotRunning(study:number:state:)`` /
    ///   ``StorageError/trialAlreadyFinished(study:number:state:)`` when it is not running.
    public func release(number: Int, pausedAt step: Int? = nil) throws {
        let outcome: TrialOutcome = step.map { .paused(step: $0) } ?? .interrupted
        guard number >= 0 else { throw StudyError.unknownTrial(number) }
        guard case let .release(attributes) = try write(number, outcome) else { return }
        try storage.release(study: record.id, trial: number, worker: worker, attributes: attributes)
    }

    /// ``release(number:pausedAt:)`` for a trial from ``ask(limits:)``.
    public func release(_ trial: RunningTrial, pausedAt step: Int? = nil) throws {
        try release(number: trial.number, pausedAt: step)
    }

    /// Renews the leases of running trials owned by this handle's worker for another ``lease`` seconds
    /// (measured on the store's clock). Returns the numbers still owned; the others finished, were
    /// released, or were taken over after an expired lease.
    @discardableResult
    public func renewLeases(_ numbers: [Int]) throws -> Set<Int> {
        try storage.heartbeat(study: record.id, trials: numbers, worker: worker, lease: lease)
    }
}
