import Foundation
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
    /// Nil text means the default `sweeps/<name>.sqlite` (relative to the working directory).
    public static func parse(_ text: String?, sweepName: String) -> StorageLocation {
        guard let text, !text.isEmpty else { return .sqlite(path: "sweeps/\(sweepName).sqlite") }
        if text == "memory" || text == ":memory:" { return .memory }
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") { return .postgres(url: text) }
        if text.hasPrefix("sqlite:///") { return .sqlite(path: String(text.dropFirst("sqlite://".count))) }
        if text.hasPrefix("sqlite://") { return .sqlite(path: String(text.dropFirst("sqlite://".count))) }
        return .sqlite(path: text)
    }

    /// Opens the store.
    public func open() throws -> any StudyStorage {
        switch self {
        case let .sqlite(path): return try SQLiteStorage(path: path)
        case .memory: return InMemoryStorage()
        case let .postgres(url): return try PostgresConnector.open(url)
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
