import Foundation

/// Registered models stored next to the sweeps that trained them (SQLite or PostgreSQL): versioned,
/// checksummed checkpoints with lineage, and movable aliases (`production`, `staging`, …).
///
/// Contract:
/// - Versions of a model are numbered 1, 2, … in registration order and never reused, even after a delete.
/// - A checkpoint is stored with its SHA-256; ``modelCheckpoint(model:version:)`` verifies it on every read.
/// - An alias points at exactly one version; setting it again moves it atomically. A version with
///   aliases cannot be deleted; deleting a model deletes its versions and aliases.
/// - Every call either fully happens or leaves the registry unchanged.
public protocol ModelRegistry: AnyObject, Sendable {
    /// Where the registry lives, for messages.
    var location: String { get }
    /// Stores `checkpoint` as the next version of `model` (creating the model) with its lineage.
    func registerModel(_ model: String, checkpoint: Data, lineage: ModelLineage) throws -> ModelVersion
    /// Names of all registered models, sorted.
    func modelNames() throws -> [String]
    /// Every version of `model`, oldest first. Throws ``RegistryError/modelNotFound(name:location:)``.
    func modelVersions(model: String) throws -> [ModelVersion]
    /// The checkpoint of a version, verified against its checksum.
    func modelCheckpoint(model: String, version: Int) throws -> Data
    /// Points `alias` of `model` at `version` (creating or moving it).
    func setModelAlias(model: String, alias: String, version: Int) throws
    /// Removes an alias.
    func removeModelAlias(model: String, alias: String) throws
    /// Deletes one version (refused while it has aliases).
    func deleteModelVersion(model: String, version: Int) throws
    /// Deletes a model with all its versions and aliases.
    func deleteModel(_ model: String) throws
    /// Alias → version for every model (one cheap query; what a server polls).
    func modelPointers() throws -> [String: ModelPointers]
}

/// What a model's references point at now.
public struct ModelPointers: Sendable, Equatable {
    /// The newest version, nil when every version was deleted.
    public var latest: Int?
    public var aliases: [String: Int]

    public init(latest: Int?, aliases: [String: Int]) {
        self.latest = latest
        self.aliases = aliases
    }

    /// The version `selector` points at, or nil.
    public func version(for selector: ModelReference.Selector) -> Int? {
        switch selector {
        case .latest: return latest
        case let .version(v): return v
        case let .alias(a): return aliases[a]
        }
    }
}

extension ModelRegistry {
    /// The version `reference` points at now.
    /// - Throws: ``RegistryError`` when the model, version or alias does not exist.
    public func resolve(_ reference: ModelReference) throws -> ModelVersion {
        let versions = try modelVersions(model: reference.name)
        let found: ModelVersion?
        switch reference.selector {
        case .latest: found = versions.last
        case let .version(v): found = versions.first { $0.version == v }
        case let .alias(a):
            found = versions.first { $0.aliases.contains(a) }
            if found == nil { throw RegistryError.aliasNotFound(model: reference.name, alias: a, location: location) }
        }
        guard let found else {
            if case let .version(v) = reference.selector {
                throw RegistryError.versionNotFound(model: reference.name, version: v, location: location)
            }
            throw RegistryError.modelNotFound(name: reference.name, location: location)
        }
        return found
    }
}
