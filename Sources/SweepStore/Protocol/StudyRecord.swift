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
