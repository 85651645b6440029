import Foundation
import SweepStore

/// `sweep backup` and `sweep import`: a sweep copied, consistently and exactly, into a file of its own
/// and back into any store.
///
/// The backup file is an ordinary Sweep SQLite file holding just that sweep (study, trials with their
/// intermediate values and attributes, checkpoints), self-contained (no `-wal` file) and readable by
/// every `sweep` command. Backing up a running sweep is safe: the copy is taken in one transaction.
/// Per-trial files next to the store (`<name>.files/`: logs, command checkpoint directories) are not
/// part of it.
public enum SweepBackup {
    /// Copies sweep `located` into a new SQLite file at `path` and returns what was copied.
    /// - Throws: ``SweepBackupError/destinationExists(path:)`` if anything is at `path` (nothing is
    ///   ever overwritten); ``SweepBackupError/unsupportedStorage(location:)`` for in-memory stores.
    ///   On failure no file is left at `path`.
    @discardableResult
    public static func backup(_ located: SweepLocator, to path: String) throws -> StudyDump {
        guard let source = located.storage as? any SQLBackedStorage else {
            throw SweepBackupError.unsupportedStorage(location: located.storage.location)
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { throw SweepBackupError.destinationExists(path: path) }
        let dump = try source.dump(study: located.record.name)
        let destination = URL(fileURLWithPath: path)
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
        func removePartial() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: partial.path + suffix) }
        }
        removePartial()
        do {
            let store = try SQLiteStorage(path: partial.path)
            try store.restore(dump)
            try store.close()
            // link(2) fails rather than replace a file created at `path` meanwhile.
            guard link(partial.path, destination.path) == 0 else {
                throw errno == EEXIST ? SweepBackupError.destinationExists(path: path)
                    : SweepBackupError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            removePartial()
        } catch {
            removePartial()
            throw error
        }
        return dump
    }

    /// Copies every sweep of the backup file at `path` into the store each would use by default
    /// (`sweeps/<name>.sqlite`), or into `storage` (an SQLite path or `postgresql://` URL).
    /// - Parameter replace: overwrite a sweep of the same name; otherwise such a sweep makes the
    ///   import fail with ``StorageError/studyExists(name:location:)`` before anything is written.
    /// - Returns: the imported sweeps as stored in their new store.
    public static func importFile(_ path: String, storage: String?, replace: Bool = false) throws -> [(record: StudyRecord, dump: StudyDump)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SweepBackupError.noSuchFile(path: path)
        }
        let source = try SQLiteStorage(path: path)
        defer { try? source.close() }
        let names = try source.studies().map(\.name)
        guard !names.isEmpty else { throw SweepBackupError.emptyFile(path: path) }
        for name in names {
            if let problem = SweepConfig.nameProblem(name) { throw StorageError.invalidLocation(name, reason: problem) }
        }
        // Check every destination first, so a refused import writes nothing.
        var targets: [(dump: StudyDump, store: any SQLBackedStorage)] = []
        for name in names {
            let location = try StorageLocation.parse(storage, sweepName: name)
            guard case .memory = location else {
                guard let store = try location.open() as? any SQLBackedStorage else {
                    throw SweepBackupError.unsupportedStorage(location: location.description)
                }
                if !replace, try store.study(named: name) != nil {
                    throw StorageError.studyExists(name: name, location: store.location + " (pass --replace to overwrite it)")
                }
                targets.append((try source.dump(study: name), store))
                continue
            }
            throw SweepBackupError.unsupportedStorage(location: "memory")
        }
        return try targets.map { target in (try target.store.restore(target.dump, replace: replace), target.dump) }
    }
}

/// Why a backup or an import could not be made. Nothing was written.
public enum SweepBackupError: Error, CustomStringConvertible, Sendable {
    case destinationExists(path: String)
    case noSuchFile(path: String)
    case emptyFile(path: String)
    case unsupportedStorage(location: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .destinationExists(path):
            return "\(path) already exists; a backup never overwrites a file: choose a new path or remove it"
        case let .noSuchFile(path):
            return "\(path): no such file; pass a file written by `sweep backup`"
        case let .emptyFile(path):
            return "\(path) holds no sweeps; pass a file written by `sweep backup`"
        case let .unsupportedStorage(location):
            return "\(location) cannot hold a backup or an import; use an SQLite path or a postgresql:// URL"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason); choose a writable path"
        }
    }
}
