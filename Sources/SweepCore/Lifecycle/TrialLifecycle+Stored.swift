/// The one place that maps lifecycle states to what stores keep: a stored row has only a ``TrialState``,
/// so `paused(step:)` is a `waiting` row carrying ``TrialLifecycle/pausedAttribute`` (`true`) and
/// ``TrialLifecycle/pausedAtAttribute`` (the step). The claim of a promoted trial clears the mark.
extension TrialLifecycle {
    /// Attribute marking a `waiting` row as paused at a rung (waiting for promotion), not enqueued.
    public static let pausedAttribute = SchedulerAttributes.paused
    /// Attribute holding the step a paused trial stopped at.
    public static let pausedAtAttribute = TrialAttributeKey.pausedAt
}

extension TrialLifecycle.State {
    /// The lifecycle state of a stored trial. A paused row without its step (written before
    /// ``TrialLifecycle/pausedAtAttribute`` existed) takes its last reported step, or 0.
    public init(trial: Trial) {
        switch trial.state {
        case .waiting:
            if trial.attributes[TrialLifecycle.pausedAttribute] != nil {
                let step = trial.attributes[TrialLifecycle.pausedAtAttribute]?.int ?? trial.lastIntermediate?.step ?? 0
                self = .paused(step: max(0, step))
            } else {
                self = .waiting
            }
        case .running: self = .running
        case .complete: self = .complete
        case .pruned: self = .pruned
        case .failed: self = .failed
        }
    }

    /// The state a store keeps for this lifecycle state.
    public var stored: TrialState {
        switch self {
        case .waiting, .paused: return .waiting
        case .running: return .running
        case .complete: return .complete
        case .pruned: return .pruned
        case .failed: return .failed
        }
    }

    /// Attributes a store merges into the row when a trial enters this state (empty except for `paused`).
    public var storedAttributes: [String: AttributeValue] {
        guard case let .paused(step) = self else { return [:] }
        return [TrialLifecycle.pausedAttribute: .bool(true), TrialLifecycle.pausedAtAttribute: .number(Double(step))]
    }
}
