/// Why an ask started nothing.
public enum AskStop: Sendable, Equatable {
    /// The trial budget is spent (``AskLimits/totalTrials``, or the scheduler's schedule is complete).
    case budgetReached
    /// ``AskLimits/maxFailed`` trials have failed.
    case tooManyFailures
    /// The sampler has no configuration left (e.g. a finished grid).
    case searchSpaceExhausted
    /// A complete trial met ``AskLimits/target``.
    case targetReached
    /// Nothing can start now but more may become available (a scheduler waits for results).
    case waitForResults
}
