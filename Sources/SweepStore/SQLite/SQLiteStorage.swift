import Foundation
import GRDB
import Logging
import SweepCore
import Synchronization

/// The default store: one SQLite file (WAL mode), shared safely by threads and by several processes on
/// one machine.
///
/// - Writes run in `BEGIN IMMEDIATE` transactions with a busy timeout (default 30 s), so concurrent
///   `sweep run` processes queue instead of failing with "database is locked".
/// - `synchronous = NORMAL`: a commit survives the process being killed (kill -9, crash); after a power
///   loss the file stays consistent but the last commits may be missing.
/// - The file is marked with an SQLite `application_id`; its schema is the ``Migration`` list, applied
///   when the file is opened and recorded in `sweep_migrations` (and as `user_version`, which older
///   binaries check). A file that is not SQLite, belongs to another application, or has a newer schema
///   is refused before anything is written to it.
/// - Each write bumps a per-study change counter; asks read only the trials changed since the last ask,
///   so asking stays cheap for long sweeps.
/// - One file at rest: ``close()`` (also run when the store is released, and by
///   ``closeAllOpenStores()`` at a normal process exit) moves the write-ahead log into the main file and
///   truncates it (`wal_checkpoint(TRUNCATE)`), so copying the `.sqlite` file alone copies every trial.
///   While a sweep runs, use `sweep backup` (or ``SQLStudyStore/dump(study:)``) for a consistent copy.
public final class SQLiteStorage: SQLBackedStorage {
    /// `PRAGMA application_id` of Sweep databases ("SWEP").
    public static let applicationID: Int32 = 0x5357_4550
    /// Current schema version: the highest ``Migration`` id (2: the model registry).
    public static var schemaVersion: Int { Migration.latest }

    /// Opens (creating if needed) the store at `path`.
    /// - Parameters:
    ///   - busyTimeout: seconds a write waits for another process's transaction.
    ///   - logger: where requeues of abandoned trials and schema upgrades are logged (default ``SweepLog/default``).
    ///   - use: ``StoreUse/singleThreaded`` opens one connection (reads and writes on it, one thread at a
    ///     time); ``StoreUse/shared`` a writer and concurrent readers.
    public init(path: String, busyTimeout: Double = 30, logger: Logger = SweepLog.default, use: StoreUse = .shared) throws {
        // A database is a file: saying so spares Foundation a stat() to find out whether it is a directory.
        let url = URL(fileURLWithPath: path, isDirectory: false)
        let state = StoreState()
        try SQLiteStorage.checkFile(url)
        // A file already at this binary's schema (marker and record agree) needs no migration
        // transaction, a write lock and a commit on every `sweep ask`/`tell`; anything else — a new
        // file, an older or newer schema — migrates under the lock, which re-checks and refuses.
        let marked = try SQLiteStorage.inspectExisting(url) == Migration.latest
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // A pool switches the file to WAL itself; one connection must ask for it.
            if use == .singleThreaded, try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") != "wal" {
                throw DatabaseError(message: "could not switch \(url.path) to WAL mode")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // Checkpoints are explicit (checkpointLog): a process that changed nothing must leave the main
            // file byte-identical, and closing would otherwise copy GRDB's WAL-priming write into it.
            SQLiteStorage.disableCheckpointOnClose(db.sqliteConnection)
        }
        var pool: (any DatabaseWriter)?
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause = 0.005
        while pool == nil {
            do {
                let opened: any DatabaseWriter = use == .shared
                    ? try DatabasePool(path: url.path, configuration: config)
                    : try DatabaseQueue(path: url.path, configuration: config)
                // Anything unexpected here (no record table at all) leaves it to the migration, which decides.
                let current = marked && (try? opened.writeWithoutTransaction { db in
                    try Int.fetchOne(db, sql: "SELECT max(id) FROM sweep_migrations") == Migration.latest
                }) == true
                if !current {
                    try opened.writeWithoutTransaction { db in
                        try db.inTransaction(.immediate) {
                            if try SQLiteStorage.migrate(db, location: url.path, logger: logger) { state.markChanged() }
                            return .commit
                        }
                    }
                }
                pool = opened
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                // Switching a new file to WAL needs a moment of exclusive access, and SQLite reports BUSY
                // at once instead of waiting when another process is creating the same file: retry.
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.2)
            } catch let error as DatabaseError {
                throw SQLiteStorage.translate(error, location: url.path)
            }
        }
        guard let opened = pool else { throw StorageError.cannotOpen(location: url.path, reason: "the database pool did not open") }
        self.pool = opened
        self.state = state
        sql = SQLStudyStore(engine: SQLiteEngine(pool: opened, location: url.path, state: state), logger: logger)
        SQLiteStorage.open.withLock { $0[ObjectIdentifier(self)] = WeakStore(store: self) }
    }

    /// The shared SQL rules, over this file's engine.
    public let sql: SQLStudyStore
    private let pool: any DatabaseWriter
    /// Shared with the engine: closed (every call refused) and whether this process changed anything.
    private let state: StoreState

    /// Stores of this process not yet closed (weak, so registering never keeps one alive).
    private struct WeakStore: Sendable { weak var store: SQLiteStorage? }
    private static let open = Mutex<[ObjectIdentifier: WeakStore]>([:])

    deinit {
        SQLiteStorage.open.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(self)) }
        // A closed pool must not be used again (SQLite would crash on its freed connections).
        if !state.isClosed && state.changed { try? checkpointLog() }
    }

    /// Copies every commit from the write-ahead log into the main file and truncates the log to zero
    /// bytes. Waits (busy timeout) for other processes' writes; when another process still reads the
    /// file, the log is not truncated and that process's own close finishes the job.
    public func checkpointLog() throws {
        if state.isClosed { throw StorageError.backend(location: location, reason: "the store is closed") }
        do {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: location)
        }
    }

    /// Checkpoints the log (see ``checkpointLog()``) and closes the file. Later calls on this store fail.
    /// Closing twice does nothing.
    public func close() throws {
        if state.isClosed { return }
        if state.changed { try? checkpointLog() }
        guard state.close() else { return }
        SQLiteStorage.open.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(self)) }
        do {
            try pool.close()
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: location)
        }
    }

    /// Checkpoints the log of every SQLite store this process has open and changed (best effort; see
    /// ``checkpointLog()``): what a command-line program calls before it exits, so the files it wrote
    /// are complete on their own. Stores it only read are left byte-identical. The stores stay open
    /// (other threads may still be finishing).
    public static func checkpointAllOpenStores() {
        let stores = open.withLock { $0.values.compactMap(\.store) }
        for store in stores where store.state.changed && !store.state.isClosed { try? store.checkpointLog() }
    }

    private typealias DBConfig = @convention(c) (OpaquePointer?, Int32, Int32, UnsafeMutablePointer<Int32>?) -> Int32
    /// `sqlite3_db_config` (variadic in C, so looked up and called with its `int, int*` form).
    private static let dbConfig: DBConfig? = dlsym(nil, "sqlite3_db_config").map { unsafeBitCast($0, to: DBConfig.self) }

    /// `SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE` (1006) on `connection`.
    static func disableCheckpointOnClose(_ connection: OpaquePointer?) {
        var result: Int32 = 0
        _ = dbConfig?(connection, 1006, 1, &result)
    }

    // MARK: - Opening

    /// Refuses paths that cannot hold a database before SQLite touches anything.
    static func checkFile(_ url: URL) throws {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw StorageError.cannotOpen(location: url.path, reason: "it is a directory")
        }
        if !fm.fileExists(atPath: dir.path) {
            do {
                try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            } catch {
                throw StorageError.cannotOpen(location: url.path, reason: "cannot create directory \(dir.path): \(error.localizedDescription)")
            }
        }
        if fm.fileExists(atPath: url.path) {
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw StorageError.cannotOpen(location: url.path, reason: "the file is not readable")
            }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
                throw StorageError.notADatabase(path: url.path, reason: "the file does not start with the SQLite header")
            }
            if !fm.isWritableFile(atPath: url.path) { throw StorageError.readOnly(location: url.path) }
        }
        if !fm.isWritableFile(atPath: dir.path) { throw StorageError.readOnly(location: url.path) }
    }

    /// Reads an existing file read-only to check it is ours and not newer than this binary; returns its
    /// schema version (`user_version`), nil for a missing or empty file.
    @discardableResult
    static func inspectExisting(_ url: URL) throws -> Int? {
        if let version = headerVersion(url.path), version <= schemaVersion { return version }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
              size.intValue > 0 else { return nil }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: url.path, configuration: config)
            defer { try? queue.close() }
            let (appID, version, tables) = try queue.read { db -> (Int32, Int, Int) in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0)
            }
            if appID == 0 && tables == 0 { return nil }
            guard appID == applicationID else {
                throw StorageError.foreignDatabase(
                    path: url.path, reason: appID == 0 ? "it has \(tables) schema objects and no Sweep marker"
                        : String(format: "application_id 0x%08x", UInt32(bitPattern: appID)))
            }
            if version > schemaVersion {
                throw StorageError.schemaTooNew(location: url.path, found: version, supported: schemaVersion)
            }
            return version
        } catch let error as DatabaseError {
            throw translate(error, location: url.path)
        }
    }

    static func translate(_ error: DatabaseError, location: String) -> StorageError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path: location, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_READONLY:
            return .readOnly(location: location)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .cannotOpen(location: location, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .backend(location: location, reason: "the database stayed locked by another process beyond the busy timeout (\(error))")
        default:
            return .backend(location: location, reason: error.description)
        }
    }
}

/// What an ``SQLiteStorage`` and its engine share: closed or not, changed by this process or not.
final class StoreState: Sendable {
    private let flags = Mutex((closed: false, changed: false))
    var isClosed: Bool { flags.withLock { $0.closed } }
    var changed: Bool { flags.withLock { $0.changed } }
    func markChanged() { flags.withLock { $0.changed = true } }
    /// Marks the store closed; true when this call closed it.
    func close() -> Bool {
        flags.withLock { f in
            defer { f.closed = true }
            return !f.closed
        }
    }
}

/// GRDB behind ``SQLEngine``: WAL, `BEGIN IMMEDIATE` write transactions, the local clock.
struct SQLiteEngine: SQLEngine {
    let pool: any DatabaseWriter
    let location: String
    let state: StoreState

    private func requireOpen() throws {
        if state.isClosed { throw StorageError.backend(location: location, reason: "the store was closed; open it again") }
    }

    /// One GRDB connection inside a transaction.
    struct Session: SQLSession {
        let db: Database

        static func arguments(_ values: [SQLValue]) -> StatementArguments {
            StatementArguments(values.map { v -> (any DatabaseValueConvertible)? in
                switch v {
                case .null: return nil
                case let .integer(i): return i
                case let .real(d): return d
                case let .text(t): return t
                case let .blob(b): return b
                }
            })
        }

        // Statements are compiled once per connection and reused: compiling was a third of the cost of a
        // trial before (measured with perf on a no-op sweep).
        func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
            // A cursor steps the statement in place (no row copied) and the column names are read once: a
            // `sweep ask` decodes its whole history (1,000 rows for 1,000 trials) this way.
            let statement = try db.cachedStatement(sql: sql)
            let columns = SQLColumns(statement.columnNames)
            let cursor = try Row.fetchCursor(statement, arguments: Session.arguments(arguments))
            var rows: [SQLRow] = []
            while try cursor.next() != nil {
                var values: [SQLValue] = []
                values.reserveCapacity(columns.names.count)
                for position in 0..<columns.names.count {
                    // The cursor's row is the statement's current one: read each column from it directly.
                    switch DatabaseValue(sqliteStatement: statement.sqliteStatement, index: CInt(position)).storage {
                    case .null: values.append(.null)
                    case let .int64(i): values.append(.integer(i))
                    case let .double(d): values.append(.real(d))
                    case let .string(s): values.append(.text(s))
                    case let .blob(b): values.append(.blob(b))
                    }
                }
                rows.append(SQLRow(columns: columns, values: values))
            }
            return rows
        }

        func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
            try db.cachedStatement(sql: sql).execute(arguments: Session.arguments(arguments))
            return db.changesCount
        }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try requireOpen()
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                let before = db.totalChangesCount
                try db.inTransaction(.immediate) {
                    result = try body(Session(db: db))
                    return .commit
                }
                if db.totalChangesCount != before { state.markChanged() }
                return result!
            }
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: location)
        }
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try requireOpen()
        do {
            return try pool.read { db in try body(Session(db: db)) }
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: location)
        }
    }

    func now(_ session: any SQLSession) throws -> Date { Date() }

    /// `BEGIN IMMEDIATE` already excludes every other writer of the file; the clock is this machine's.
    func beginStudyChange(_ session: any SQLSession, id: Int64) throws -> (seq: Int64, name: String, now: Date)? {
        guard let row = try session.row("UPDATE sweep_studies SET seq = seq + 1 WHERE id = ? RETURNING seq, name", [.integer(id)]),
              let seq = row["seq"].int64, let name = row["name"].string else { return nil }
        return (seq, name, Date())
    }
}
