import Foundation

/// One evaluation of the objective at one point of the search space, with everything recorded about it.
public struct Trial: Sendable, Hashable, Codable, Identifiable {
    /// 0-based number, unique and increasing within a study.
    public var number: Int
    /// Lifecycle state.
    public var state: TrialState
    /// Hyperparameter values (active parameters only).
    public var params: [String: ParameterValue]
    /// Final objective value, set when `state == .complete` (and kept as the last reported value
    /// for `pruned` trials).
    public var value: Double?
    /// The objective vector of a multi-objective trial, one value per objective in the config's
    /// `metrics:` order, set when `state == .complete`; nil for single-objective trials. When set,
    /// ``value`` is `values[0]`, so single-value code paths (best, reports, exports) keep working.
    /// Constraint values stay in the `constraints` attribute (``ProbabilityOfFeasibility/constraintsKey``).
    public var values: [Double]?
    /// Values reported during training, by step (e.g. epoch), for pruning and learning curves.
    public var intermediateValues: [Int: Double]
    /// When the trial started running (nil while waiting).
    public var startedAt: Date?
    /// When the trial finished (nil until then).
    public var finishedAt: Date?
    /// Why a failed trial failed (exception text, stderr tail, "loss became NaN at epoch 3", …).
    public var failureReason: String?
    /// Sampler / scheduler bookkeeping and user attributes (JSON values).
    public var attributes: [String: AttributeValue]
    /// Who runs the trial while it is running (`host:pid`, or `external@host` for `sweep ask` callers);
    /// informational, set by stores.
    public var owner: String?

    public var id: Int { number }

    public init(
        number: Int, state: TrialState = .running, params: [String: ParameterValue] = [:], value: Double? = nil,
        values: [Double]? = nil, intermediateValues: [Int: Double] = [:], startedAt: Date? = nil, finishedAt: Date? = nil,
        failureReason: String? = nil, attributes: [String: AttributeValue] = [:], owner: String? = nil
    ) {
        self.number = number
        self.state = state
        self.params = params
        self.value = value
        self.values = values
        self.intermediateValues = intermediateValues
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.failureReason = failureReason
        self.attributes = attributes
        self.owner = owner
    }

    /// Wall-clock duration in seconds, when both ends are known.
    public var duration: TimeInterval? {
        guard let startedAt, let finishedAt else { return nil }
        return finishedAt.timeIntervalSince(startedAt)
    }

    /// The most recent (highest-step) intermediate value.
    public var lastIntermediate: (step: Int, value: Double)? {
        intermediateValues.max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Intermediate values sorted by step.
    public var sortedIntermediateValues: [(step: Int, value: Double)] {
        intermediateValues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension Collection where Element == Trial {
    /// The best complete trial for `direction` (ties: the earlier trial), or nil.
    public func best(_ direction: Direction) -> Trial? {
        var best: Trial?
        for t in self where t.state == .complete {
            guard let v = t.value, !v.isNaN else { continue }
            if let b = best, let bv = b.value {
                if direction.isBetter(v, than: bv) || (v == bv && t.number < b.number) { best = t }
            } else {
                best = t
            }
        }
        return best
    }
}
