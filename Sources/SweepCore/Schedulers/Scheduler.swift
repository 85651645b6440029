/// What a multi-fidelity scheduler wants the next free worker to do.
public enum SchedulerDecision: Sendable, Equatable {
    /// Continue paused trial `number` at a higher rung; merge `attributes` (new rung and resource).
    case promote(number: Int, attributes: [String: AttributeValue])
    /// Start a new configuration (from the sampler) with these scheduler attributes (bracket, rung,
    /// resource).
    case start(attributes: [String: AttributeValue])
    /// Nothing to do until running trials report (synchronous halving waits for a full rung).
    case wait
    /// The schedule is complete.
    case finished
}

/// Allocates resource (epochs, steps) to trials across rungs: successive halving, Hyperband, ASHA.
///
/// Like samplers, schedulers are pure functions of the history: a trial's bracket, rung and resource
/// live in its attributes, so a resumed study continues the same schedule.
public protocol Scheduler: Sendable {
    /// Name used in configs (`sha`, `hyperband`, `asha`).
    var name: String { get }

    /// The next action, given every trial of the study and the trial budget (nil: unlimited).
    func decide(history: StudyHistory, direction: Direction, trialBudget: Int?) -> SchedulerDecision

    /// Whether `trial`, which just reported `step`, reached the resource of its current rung and
    /// should pause (checkpointed) until promoted.
    func shouldPause(_ trial: Trial, step: Int) -> Bool
}
