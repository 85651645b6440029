import Foundation
import Logging
import SweepStore

/// Opens PostgreSQL stores from `postgresql://user[:password]@host[:port]/db` URLs.
public enum PostgresConnector {
    /// Opens a PostgreSQL store (see ``PostgresURL`` for the URL, password sources and options).
    public static func open(_ url: String, logger: Logger = SweepLog.default) throws -> any StudyStorage {
        try PostgresStorage(url: url, logger: logger)
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public static func redacted(_ url: String) -> String { PostgresURL.redact(url) }
}
