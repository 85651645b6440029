/// What a multi-fidelity scheduler wants the next free worker to do.
public struct SchedulerDecision: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Continue paused trial `number` at a higher rung; merge `attributes` (new rung and resource).
        case promote(number: Int, attributes: [String: AttributeValue])
        /// Start a new configuration (from the sampler) with these scheduler attributes (bracket, rung,
        /// resource).
        case start(attributes: [String: AttributeValue])
        /// Nothing to do until running trials report (a synchronous rung is not complete yet).
        case wait
        /// The schedule is complete.
        case finished
    }

    /// What to do.
    public var action: Action
    /// Paused trials that lost their rung and should end as pruned now.
    public var prune: [Int]

    public init(_ action: Action, prune: [Int] = []) {
        self.action = action
        self.prune = prune
    }
}

/// Attribute keys schedulers store on trials (read by reports and by the schedulers themselves).
public enum SchedulerAttributes {
    /// Bracket instance (0, 1, 2, … in creation order).
    public static let bracketID = "sweep.bracket_id"
    /// Bracket kind `s` of Hyperband (the number of halvings; 0 = no early stopping).
    public static let bracket = "sweep.bracket"
    /// Current rung (0 = first).
    public static let rung = "sweep.rung"
    /// Steps (epochs) the trial should reach at its current rung.
    public static let resource = "sweep.resource"
    /// The full resource (the top rung's); a trial at this resource runs to completion.
    public static let maxResource = "sweep.max_resource"
    /// Marks a waiting trial as paused at a rung boundary (waiting for promotion), not enqueued.
    public static let paused = "sweep.paused"
}

/// Allocates resource (epochs, steps) to trials across rungs: successive halving, Hyperband, ASHA.
///
/// Like samplers, schedulers are pure functions of the history: a trial's bracket, rung and resource
/// live in its attributes, so a resumed study continues the same schedule. A trial pauses (with a
/// checkpoint) when it reports the step equal to its rung's resource, and continues from that checkpoint
/// when promoted; the total steps a trial trains equal the sum of its rung increments.
public protocol Scheduler: Sendable {
    /// Name used in configs (`sha`, `hyperband`, `asha`).
    var name: String { get }

    /// The next action, given every trial of the study and the trial budget (nil: the scheduler's own
    /// default, e.g. one Hyperband iteration).
    func decide(history: StudyHistory, direction: Direction, trialBudget: Int?) -> SchedulerDecision

    /// Whether `trial`, which just reported `step`, reached the resource of its current rung and
    /// should pause until promoted.
    func shouldPause(_ trial: Trial, step: Int) -> Bool

    /// The history a sampler should see when proposing new configurations (BOHB-style model-based
    /// variants replace each trial's value by its result at a common rung). Default: unchanged.
    func samplingHistory(_ trials: [Trial], direction: Direction) -> [Trial]
}

extension Scheduler {
    public func samplingHistory(_ trials: [Trial], direction: Direction) -> [Trial] { trials }

    public func shouldPause(_ trial: Trial, step: Int) -> Bool {
        guard let resource = trial.attributes[SchedulerAttributes.resource]?.int,
              let top = trial.attributes[SchedulerAttributes.maxResource]?.int else { return false }
        return step >= resource && resource < top
    }
}
