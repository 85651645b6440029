/// What an ask should do, decided by ``AskPolicy`` from the history a store shows it inside the ask's
/// transaction (`StudyStorage.ask(study:worker:lease:decide:)` in SweepStore executes it).
public indirect enum AskDecision: Sendable, Equatable {
    /// Take trial `number` (waiting, or paused and promoted) and run it; merge `attributes` into its own.
    case claim(number: Int, attributes: [String: AttributeValue])
    /// Create a new running trial with these parameters.
    case create(params: [String: ParameterValue], attributes: [String: AttributeValue])
    /// Nothing to run now (budget reached, or waiting for other trials); `retry` says whether asking
    /// again later may give work (e.g. a rung waiting for results).
    case none(retry: Bool)
    /// First end the listed waiting trials as pruned (multi-fidelity trials paused at a rung that were
    /// not promoted; each keeps its last intermediate value), then do `then`.
    case pruneWaiting([Int], then: AskDecision)

    /// The decision without its pruning step.
    public var final: AskDecision {
        if case let .pruneWaiting(_, then) = self { return then.final }
        return self
    }
}
