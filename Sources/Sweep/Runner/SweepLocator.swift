import Foundation
import SweepCore
import SweepStore

/// Finds a stored sweep from what a user typed: a sweep name (looked up in `sweeps/<name>.sqlite`), a
/// config file (its `storage`), or a database file/URL (with `name` when it holds several sweeps).
///
/// Light by contract (what `sweep ask`, `tell`, `status`, `trials` and `export` rely on): locating opens
/// the store once and parses the stored config once; ``config()`` and ``session(lease:worker:)`` reuse
/// both, and no objective is built, so an `mlp` sweep's dataset is never read.
public struct SweepLocator {
    /// The opened store.
    public let storage: any StudyStorage
    /// The study record.
    public let record: StudyRecord
    /// Where the store is.
    public let location: StorageLocation
    /// The stored config as parsed once when locating (or why it could not be).
    private let stored: Result<SweepConfig, any Error>

    /// Resolves `target` (a name, a `.yaml` config, a `.sqlite` file or a `postgresql://` URL).
    /// - Parameters:
    ///   - storage: overrides where to look (path or URL); `target` is then the sweep name.
    ///   - use: how the store will be used (``StoreUse``; a short command on one thread opens less).
    public static func locate(_ target: String, storage: String? = nil, use: StoreUse = .shared) throws -> SweepLocator {
        let fm = FileManager.default
        var name: String? = target
        var location: StorageLocation
        var fileConfig: SweepConfig?
        if let storage {
            if let problem = SweepConfig.nameProblem(target) { throw StorageError.invalidLocation(target, reason: problem) }
            location = try StorageLocation.parse(storage, sweepName: target)
        } else if target.hasSuffix(".yaml") || target.hasSuffix(".yml") {
            // Only its name and storage are needed: the files it refers to (an mlp CSV) are not read.
            let config = try SweepConfig.load(path: target, checkFiles: false)
            fileConfig = config
            name = config.name
            location = try StorageLocation.parse(config.storage, sweepName: config.name)
        } else if StorageLocation.scheme(of: target) != nil
                    || (fm.fileExists(atPath: target) && !target.hasSuffix("/")) {
            name = nil
            location = try StorageLocation.parse(target, sweepName: "")
        } else {
            if let problem = SweepConfig.nameProblem(target) {
                throw StorageError.invalidLocation(target, reason: problem)
            }
            location = try StorageLocation.parse(nil, sweepName: target)
            if case let .sqlite(path) = location, !fm.fileExists(atPath: path) {
                throw StorageError.studyNotFound(name: target, location: path + " (no such file; pass --storage or the database path)")
            }
        }
        if case .memory = location {
            throw StorageError.invalidLocation("memory", reason: "an in-memory sweep ends with its process; nothing to open")
        }
        let store = try location.open(use: use)
        let record: StudyRecord
        if let name {
            guard let r = try store.study(named: name) else {
                throw StorageError.studyNotFound(name: name, location: store.location)
            }
            record = r
        } else {
            let all = try store.studies()
            guard let only = all.first, all.count == 1 else {
                throw StorageError.studyNotFound(
                    name: "(unnamed)",
                    location: store.location + (all.isEmpty ? " (it holds no sweeps)"
                        : " holds several sweeps (\(all.map(\.name).joined(separator: ", "))); pass --storage \(target) and a name"))
            }
            record = only
        }
        // A config file that is what the sweep stores need not be parsed twice.
        let stored: Result<SweepConfig, any Error> = if let fileConfig, fileConfig.source == record.configSource {
            .success(fileConfig)
        } else {
            Result { try SweepConfig.parse(yaml: record.configSource, file: "<stored config of \(record.name)>") }
        }
        return SweepLocator(storage: store, record: record, location: location, stored: stored)
    }

    /// The stored config, parsed (once, when the sweep was located).
    /// - Throws: ``ConfigError`` when the stored text is not a valid sweep config (e.g. a study created
    ///   through the library without one).
    public func config() throws -> SweepConfig { try stored.get() }

    /// A session on the stored config (for resuming and for ask/tell), on the store already open: the
    /// objective is built only when ``SweepSession/objective`` is first read (by a run), never for ask/tell.
    public func session(lease: Double = 60, worker: WorkerIdentity = .current()) throws -> SweepSession {
        var config = try config()
        switch location {
        case let .sqlite(path): config.storage = path
        case let .postgres(url): config.storage = url
        case .memory: break
        }
        return try SweepSession.open(config: config, location: location, store: storage, existing: record,
                                     methods: try SweepSession.Methods(config), objective: nil, lease: lease, worker: worker)
    }
}

extension SweepLocator {
    /// A locator on a store the caller has already opened and a record read from it; the stored config
    /// is parsed once, now (as ``locate(_:storage:use:)`` does).
    init(storage: any StudyStorage, record: StudyRecord, location: StorageLocation) {
        self.init(storage: storage, record: record, location: location,
                  stored: Result { try SweepConfig.parse(yaml: record.configSource, file: "<stored config of \(record.name)>") })
    }
}
