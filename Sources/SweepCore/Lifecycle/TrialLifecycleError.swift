/// Why ``TrialLifecycle/transition(from:on:)`` refused an event.
public enum TrialLifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `event` cannot happen to a trial in state `from`.
    case illegalTransition(from: TrialLifecycle.State, event: TrialLifecycle.Event)
    /// A report or pause named a step below 0.
    case negativeStep(Int, event: TrialLifecycle.Event)

    public var description: String {
        switch self {
        case let .illegalTransition(state, event):
            return "cannot \(event) a trial that is \(state): " + TrialLifecycleError.advice(state, event)
        case let .negativeStep(step, event):
            return "cannot \(event): step \(step) is negative; steps are whole numbers ≥ 0"
        }
    }

    /// What to do instead, for the message.
    private static func advice(_ state: TrialLifecycle.State, _ event: TrialLifecycle.Event) -> String {
        switch state {
        case .complete, .pruned, .failed:
            return "finished trials never change; ask for a new trial instead"
        case .paused:
            return event == .start
                ? "a paused trial runs again only when the scheduler promotes it (ask again later)"
                : "a paused trial is not running; it can only be promoted or pruned by the scheduler"
        case .waiting:
            return "the trial is not running; ask for it first"
        case .running:
            return "the trial is already running (owned by a worker)"
        }
    }
}
