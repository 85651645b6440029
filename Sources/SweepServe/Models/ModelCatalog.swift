import Foundation
import SweepStore
import Synchronization

/// The models a server serves, kept in step with the registry: which version each served name points
/// at now (newest, pinned or by alias), the loaded networks, and every version a client may ask for.
///
/// ``refresh()`` (called by the poller, every ``pollInterval``) reads the registry's pointers in one
/// query and, when a pointer moved, loads the new version *before* switching to it, so a request
/// always finds a loaded model: no request fails or waits while an alias moves. Requests read an
/// immutable snapshot under a lock held for a dictionary lookup.
public final class ModelCatalog: Sendable {
    /// What one served name resolves to now.
    struct Entry: Sendable {
        var reference: ModelReference
        var current: ServedModel?
        var versions: [Int]
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        /// Loaded versions by model and version (the current ones and any asked for explicitly).
        var loaded: [String: [Int: ServedModel]] = [:]
        var pointers: [String: ModelPointers] = [:]
    }

    let registry: any ModelRegistry
    /// Nil: every registered model (new ones appear at the next refresh), each at its newest version.
    let requested: [ModelReference]?
    private let state = Mutex(State())

    /// How often the poller reads the registry (seconds).
    public static let pollInterval = 0.25

    /// Loads the requested models (`nil`: all registered ones).
    /// - Throws: ``RegistryError`` when a requested model, version or alias does not exist, checkpoint errors.
    public init(registry: any ModelRegistry, models: [ModelReference]?) throws {
        self.registry = registry
        self.requested = models
        if let models {
            var seen = Set<String>()
            for m in models where !seen.insert(m.name).inserted {
                throw ServeError.duplicateModel(m.name)
            }
        }
        try refresh(strict: true)
    }

    /// One line per served name: `name@version (as reference)`.
    public var summary: [String] {
        state.withLock { s in
            s.entries.sorted { $0.key < $1.key }.map { name, e in
                let version = e.current.map { "\(name)@\($0.version)" } ?? "\(name) (no version yet)"
                return e.reference.selector == .latest ? "\(version) (newest)" : "\(version) (as \(e.reference))"
            }
        }
    }

    /// Names being served, sorted.
    public var modelNames: [String] { state.withLock { $0.entries.keys.sorted() } }

    /// The model serving `name` (its current version, or `version` if given and registered).
    /// - Throws: ``InferenceError`` 404 for an unknown name or version.
    func model(_ name: String, version: Int?) throws -> (ServedModel, Entry) {
        let found = state.withLock { s -> (Entry?, ServedModel?) in
            guard let entry = s.entries[name] else { return (nil, nil) }
            guard let version else { return (entry, entry.current) }
            return (entry, s.loaded[name]?[version])
        }
        guard let entry = found.0 else { throw InferenceError.unknownModel(name) }
        if let model = found.1 { return (model, entry) }
        guard let version else { throw InferenceError.modelNotReady(name) }
        guard entry.versions.contains(version) else { throw InferenceError.unknownVersion(name, version) }
        let loaded: ServedModel
        do {
            loaded = try ServedModel(name: name, version: version, checkpoint: registry.modelCheckpoint(model: name, version: version))
        } catch {
            throw InferenceError.unknownVersion(name, version)
        }
        state.withLock { $0.loaded[name, default: [:]][version] = loaded }
        return (loaded, entry)
    }

    /// Reads the registry and switches served names whose pointer moved (loading first).
    /// - Parameter strict: throw when a requested model cannot be resolved (at start-up); later, a
    ///   name whose alias vanished keeps serving its last version.
    public func refresh(strict: Bool = false) throws {
        let pointers = try registry.modelPointers()
        let (previous, oldEntries) = state.withLock { ($0.pointers, $0.entries) }
        if pointers == previous && !oldEntries.isEmpty { return }
        let references = requested ?? pointers.keys.sorted().map { ModelReference(name: $0, selector: .latest) }
        var entries: [String: Entry] = [:]
        var newlyLoaded: [ServedModel] = []
        for reference in references {
            let old = oldEntries[reference.name]
            guard let p = pointers[reference.name] else {
                if strict { throw RegistryError.modelNotFound(name: reference.name, location: registry.location) }
                if let old { entries[reference.name] = old }
                continue
            }
            let versionsChanged = previous[reference.name]?.latest != p.latest || old == nil
            let versions = versionsChanged ? try registry.modelVersions(model: reference.name).map(\.version) : old?.versions ?? []
            guard let target = p.version(for: reference.selector), versions.contains(target) else {
                if strict { _ = try registry.resolve(reference) }
                entries[reference.name] = Entry(reference: reference, current: old?.current, versions: versions)
                continue
            }
            var current = old?.current
            if current?.version != target {
                let cached = state.withLock { $0.loaded[reference.name]?[target] }
                if let cached {
                    current = cached
                } else {
                    let model = try ServedModel(name: reference.name, version: target,
                                                checkpoint: registry.modelCheckpoint(model: reference.name, version: target))
                    newlyLoaded.append(model)
                    current = model
                }
            }
            entries[reference.name] = Entry(reference: reference, current: current, versions: versions)
        }
        state.withLock { s in
            for m in newlyLoaded { s.loaded[m.name, default: [:]][m.version] = m }
            // Keep only served models' versions that are still registered.
            s.loaded = s.loaded.filter { entries[$0.key] != nil }
            for (name, entry) in entries {
                s.loaded[name] = s.loaded[name]?.filter { entry.versions.contains($0.key) }
            }
            s.entries = entries
            s.pointers = pointers
        }
    }
}
