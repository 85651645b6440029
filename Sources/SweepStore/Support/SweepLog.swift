import Logging
import Synchronization

/// The `Logger` Sweep's stores and studies use when the caller passes none.
///
/// Until a program changes it, it discards everything (a library prints nothing its embedder did not
/// ask for). The `sweep` command sets it once at start-up from `--log-level` (to standard error);
/// an embedding program can set it, or pass a `logger:` to ``SQLiteStorage/init(path:busyTimeout:logger:)``,
/// ``PostgresStorage/init(url:logger:)`` and `Study.open`.
///
/// Levels used: `warning` for retried transactions, reconnects and lost leases; `info` for trials
/// requeued after their lease expired (or their local owner died) and taken over; `debug` for
/// connections opened and migrations applied; `trace` adds PostgresNIO's own protocol log. Messages
/// name a PostgreSQL server only by its redacted URL (never a password).
public enum SweepLog {
    private static let current = Mutex(silent)

    /// A logger that discards everything.
    public static let silent = Logger(label: "sweep", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The default logger (see the type's description).
    public static var `default`: Logger { current.withLock { $0 } }

    /// Makes `logger` the default for everything opened afterwards in this process.
    public static func setDefault(_ logger: Logger) { current.withLock { $0 = logger } }
}
