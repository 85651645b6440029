/// How a trial ended, as told to ``Study/tell(_:_:)``.
public enum TrialOutcome: Sendable, Equatable {
    /// Finished with this objective value. NaN and ±inf are recorded as a failure.
    case value(Double)
    /// Stopped early by a pruner or scheduler.
    case pruned
    /// Did not produce a value; `reason` is shown to the user.
    case failed(String)
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
