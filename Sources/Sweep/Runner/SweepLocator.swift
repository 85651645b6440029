import Foundation
import SweepCore
import SweepStore

/// Finds a stored sweep from what a user typed: a sweep name (looked up in `sweeps/<name>.sqlite`), a
/// config file (its `storage`), or a database file/URL (with `name` when it holds several sweeps).
public struct SweepLocator {
    /// The opened store.
    public let storage: any StudyStorage
    /// The study record.
    public let record: StudyRecord
    /// Where the store is.
    public let location: StorageLocation

    /// Resolves `target` (a name, a `.yaml` config, a `.sqlite` file or a `postgresql://` URL).
    /// - Parameter storage: overrides where to look (path or URL); `target` is then the sweep name.
    public static func locate(_ target: String, storage: String? = nil) throws -> SweepLocator {
        let fm = FileManager.default
        var name: String? = target
        var location: StorageLocation
        if let storage {
            if let problem = SweepConfig.nameProblem(target) { throw StorageError.invalidLocation(target, reason: problem) }
            location = try StorageLocation.parse(storage, sweepName: target)
        } else if target.hasSuffix(".yaml") || target.hasSuffix(".yml") {
            let config = try SweepConfig.load(path: target)
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
        let store = try location.open()
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
        return SweepLocator(storage: store, record: record, location: location)
    }

    /// The stored config, parsed.
    public func config() throws -> SweepConfig {
        try SweepConfig.parse(yaml: record.configSource, file: "<stored config of \(record.name)>")
    }

    /// A session on the stored config (for resuming and for ask/tell).
    public func session(lease: Double = 60, worker: WorkerIdentity = .current()) throws -> SweepSession {
        var config = try config()
        switch location {
        case let .sqlite(path): config.storage = path
        case let .postgres(url): config.storage = url
        case .memory: break
        }
        return try SweepSession.open(config: config, lease: lease, worker: worker)
    }
}
