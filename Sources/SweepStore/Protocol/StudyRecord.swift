import Foundation
import SweepCore

/// A stored study: identity plus the config it was created from.
public struct StudyRecord: Sendable, Hashable, Codable {
    /// Backend-assigned id.
    public var id: Int64
    /// Unique name within the store.
    public var name: String
    /// Optimisation direction.
    public var direction: Direction
    /// Study seed.
    public var seed: UInt64
    /// The sweep config text (YAML) the study runs, or a JSON description for library-created studies.
    public var configSource: String
    /// Hash of the parts of the config that may not change on resume (space, objective, metric, seed).
    public var configHash: String
    /// Creation time.
    public var createdAt: Date

    public init(id: Int64, name: String, direction: Direction, seed: UInt64, configSource: String, configHash: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.direction = direction
        self.seed = seed
        self.configSource = configSource
        self.configHash = configHash
        self.createdAt = createdAt
    }
}

/// What ``StudyStorage/ask(study:worker:lease:decide:)`` should do, decided by the caller from the
/// history it was shown inside the same transaction.
public indirect enum AskDecision: Sendable {
    /// Take trial `number` (waiting, or paused for promotion) and run it; merge `attributes` into its own.
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
