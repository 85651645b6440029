import Foundation
import Logging
import SweepStore

/// Where a sweep's trials are stored, from a config's `storage:` or a `--storage` flag.
public enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// This process's memory (lost at exit).
    case memory
    /// A PostgreSQL database URL.
    case postgres(url: String)

    /// Parses `text`: `memory`, `postgresql://…` / `postgres://…`, `sqlite:///abs/path` or a file path.
    /// Schemes are case-insensitive. Nil text means the default `sweeps/<name>.sqlite` (relative to the
    /// working directory).
    /// - Throws: ``StorageError/invalidLocation(_:reason:)`` for any other `scheme://` (e.g. `mysql://`),
    ///   so a URL never silently becomes a local file name.
    public static func parse(_ text: String?, sweepName: String) throws -> StorageLocation {
        guard let text, !text.isEmpty else { return .sqlite(path: "sweeps/\(sweepName).sqlite") }
        if text == "memory" || text == ":memory:" { return .memory }
        guard let scheme = scheme(of: text) else { return .sqlite(path: text) }
        let rest = String(text.dropFirst(scheme.count + "://".count))
        switch scheme.lowercased() {
        case "postgresql", "postgres":
            return .postgres(url: "postgresql://" + rest)
        case "sqlite":
            guard !rest.isEmpty else {
                throw StorageError.invalidLocation(text, reason: "no path after sqlite://; use sqlite:///absolute/path or a plain path")
            }
            return .sqlite(path: rest)
        default:
            throw StorageError.invalidLocation(
                PostgresConnector.redacted(text),
                reason: "unsupported scheme '\(scheme)://'; use a file path, sqlite:///path, postgresql://user@host/db or memory")
        }
    }

    /// The scheme of a `scheme://…` text (RFC 3986 characters: a letter, then letters, digits, `+`, `-`,
    /// `.`), or nil when `text` is not a URL.
    public static func scheme(of text: String) -> String? {
        guard let end = text.range(of: "://") else { return nil }
        let scheme = text[..<end.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return String(scheme)
    }

    /// Opens the store; `logger` gets its requeues, reconnects and retries (see ``SweepLog``); `use` says
    /// whether one thread of a short command is all that uses it (``StoreUse``).
    public func open(logger: Logger = SweepLog.default, use: StoreUse = .shared) throws -> any StudyStorage {
        SessionProbe.count(\.storeOpens)
        switch self {
        case let .sqlite(path): return try SQLiteStorage(path: path, logger: logger, use: use)
        case .memory: return InMemoryStorage()
        case let .postgres(url): return try PostgresConnector.open(url, logger: logger)
        }
    }

    /// Directory for per-trial files (command logs, checkpoint directories) next to the store.
    public func artifactsDirectory(sweepName: String) -> URL {
        switch self {
        case let .sqlite(path):
            let url = URL(fileURLWithPath: path)
            return url.deletingPathExtension().appendingPathExtension("files")
        case .memory, .postgres:
            return URL(fileURLWithPath: "sweeps/\(sweepName).files")
        }
    }

    public var description: String {
        switch self {
        case let .sqlite(path): return path
        case .memory: return "memory"
        case let .postgres(url): return PostgresConnector.redacted(url)
        }
    }
}
