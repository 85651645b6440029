/// How a trial's run ended, as told to ``Study/tell(_:_:)``: finished (value, pruned, failed) or handed
/// back unfinished (paused at a rung, interrupted). Each is one ``TrialLifecycle/Event`` on a running trial.
public enum TrialOutcome: Sendable, Equatable {
    /// Finished with this objective value. NaN and ±inf are recorded as a failure.
    case value(Double)
    /// Finished with one value per objective (the study's ``StudyObjectives`` order) and named metric
    /// values for its constraints (e.g. `["latency_us": 12.5]`). A non-finite value is recorded as a
    /// failure; a wrong count or a constraint without its metric is refused and nothing is stored.
    case values([Double], metrics: [String: Double] = [:])
    /// Stopped early by a pruner or scheduler.
    case pruned
    /// Did not produce a value; `reason` is shown to the user.
    case failed(String)
    /// Reached its multi-fidelity rung at `step` (≥ 0; a report answered ``ReportDecision/pause``): the
    /// trial is handed back with its values and checkpoint and runs again only when the scheduler
    /// promotes it (a later ask); if the schedule ends first it is pruned. Without a scheduler nothing
    /// ever promotes it.
    case paused(step: Int)
    /// Stopped before the end (Ctrl-C, time limit, the caller goes away): the trial goes back to
    /// `waiting` with its values and checkpoint, and the next ask resumes it before anything new.
    case interrupted

    /// The lifecycle event this outcome is for a running trial.
    public var event: TrialLifecycle.Event {
        switch self {
        case let .value(v): return v.isFinite ? .complete : .fail
        case let .values(v, _): return v.allSatisfy(\.isFinite) ? .complete : .fail
        case .pruned: return .prune
        case .failed: return .fail
        case let .paused(step): return .pause(step: step)
        case .interrupted: return .interrupt
        }
    }

    /// The outcome a thrown error stands for when an objective stops: ``TrialPruned``, ``TrialPaused``
    /// and ``TrialInterrupted`` map to theirs; anything else is nil (a failure or a store error).
    public init?(thrown error: any Error) {
        switch error {
        case is TrialPruned: self = .pruned
        case let paused as TrialPaused: self = .paused(step: paused.step)
        case is TrialInterrupted: self = .interrupted
        default: return nil
        }
    }
}

/// Thrown by ``RunningTrial/report(step:value:)`` when the pruner says stop; the worker pool records the
/// trial as pruned. Ask/tell users can catch it and call `tell(trial, .pruned)`.
public struct TrialPruned: Error, CustomStringConvertible, Sendable {
    public let step: Int
    public init(step: Int) { self.step = step }
    public var description: String { "pruned at step \(step)" }
}

/// Thrown by objectives that stop because the sweep is stopping (Ctrl-C, time limit) after saving a
/// checkpoint; the trial goes back to `waiting` and resumes from the checkpoint next run.
public struct TrialInterrupted: Error, CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { "interrupted; will resume from its last checkpoint" }
}

/// Thrown by objectives that reached the resource a scheduler gave them (a rung of successive
/// halving): the trial pauses with its checkpoint until it is promoted or the sweep ends.
public struct TrialPaused: Error, CustomStringConvertible, Sendable {
    public let step: Int
    public init(step: Int) { self.step = step }
    public var description: String { "paused at step \(step) for promotion" }
}

/// Thrown by ``RunningTrial/report(step:value:)`` inside ``Study/optimize(_:events:stop:objective:)`` when
/// `value` meets the run's ``OptimizeOptions/target``: the worker pool completes the trial with `value`
/// (its result at `step`) and the sweep stops. Objectives should let it propagate, like ``TrialPruned``.
public struct TrialReachedTarget: Error, CustomStringConvertible, Sendable {
    public let step: Int
    public let value: Double
    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
    public var description: String { "reached the sweep's target with \(value) at step \(step)" }
}
