import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SweepCore
import Synchronization

/// Studies in a PostgreSQL database, shared by workers on many machines.
///
/// Same contract and SQL as ``SQLiteStorage`` (``SQLStudyStore``), plus:
/// - every write transaction first takes a row lock on its study (`SELECT … FOR UPDATE`), so asks,
///   reports and tells of one study are serialised across machines while other studies proceed;
/// - leases are measured against the server clock (`clock_timestamp()`), so workers' clocks need not agree;
/// - a small connection pool per process (`?pool=N`, default 4); lost connections are replaced and a
///   transaction that failed on a broken connection is retried with exponential backoff (up to about a
///   minute), so a restarted server or a network blip does not stop a sweep;
/// - tables carry the `sweep_` prefix; the schema is the ``Migration`` list, applied under an advisory
///   lock by the first connection and recorded in `sweep_migrations` (plus the `sweep_meta` version older
///   binaries check); a newer schema is refused.
/// - reconnects and retried transactions are logged (warning) to the `logger` it is given.
public final class PostgresStorage: SQLBackedStorage {
    /// Current schema version: the highest ``Migration`` id (2: the model registry).
    public static var schemaVersion: Int { Migration.latest }

    /// The shared SQL rules, over this server's connection pool.
    public let sql: SQLStudyStore
    private let pool: PostgresConnectionPool

    /// Connects to `url` (see ``PostgresURL``) and creates the tables if needed.
    /// - Throws: ``StorageError/unreachable(location:reason:)``, ``StorageError/authenticationFailed(location:reason:)``,
    ///   ``StorageError/schemaTooNew(location:found:supported:)`` and ``StorageError/invalidLocation(_:reason:)``
    ///   with messages that never contain the password.
    /// - Parameter logger: passed to PostgresNIO (its protocol log at `trace`) and used for reconnects,
    ///   retried transactions and requeued trials (default ``SweepLog/default``); servers appear in it
    ///   only as their redacted URL.
    public convenience init(url: String, logger: Logger = SweepLog.default) throws {
        try self.init(url: try PostgresURL(url), logger: logger)
    }

    public init(url: PostgresURL, logger: Logger = SweepLog.default) throws {
        pool = try PostgresConnectionPool(url: url, logger: logger)
        let engine = PostgresEngine(pool: pool)
        try engine.migrate(logger: logger)
        sql = SQLStudyStore(engine: engine, logger: logger)
    }

    /// Closes the connections.
    public func close() { pool.shutdown() }

    deinit { pool.shutdown() }
}

/// ``SQLEngine`` over ``PostgresConnectionPool``.
struct PostgresEngine: SQLEngine {
    let pool: PostgresConnectionPool
    var location: String { pool.url.redacted }

    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.transaction(readOnly: false, body)
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.transaction(readOnly: true, body)
    }

    func now(_ session: any SQLSession) throws -> Date {
        guard let t = try session.row("SELECT extract(epoch FROM clock_timestamp())::float8 AS now", [])?["now"].double else {
            throw StorageError.backend(location: location, reason: "the server did not report its clock")
        }
        return Date(timeIntervalSince1970: t)
    }

    /// The UPDATE takes the study's row lock until commit, so writers of one study queue here.
    func beginStudyChange(_ session: any SQLSession, id: Int64) throws -> (seq: Int64, name: String, now: Date)? {
        guard let row = try session.row("""
            UPDATE sweep_studies SET seq = seq + 1 WHERE id = ?
            RETURNING seq, name, extract(epoch FROM clock_timestamp())::float8 AS now
            """, [.integer(id)]),
              let seq = row["seq"].int64, let name = row["name"].string, let now = row["now"].double else { return nil }
        return (seq, name, Date(timeIntervalSince1970: now))
    }

    /// Creates or upgrades the schema (``MigrationRunner``); concurrent first connections serialise on an
    /// advisory lock.
    func migrate(logger: Logger) throws {
        let applied = try pool.transaction(readOnly: false) { s in
            _ = try s.rows("SELECT pg_advisory_xact_lock(5359455055)", [])
            return try MigrationRunner().run(s, dialect: .postgres(location: location), now: try now(s))
        }
        if !applied.isEmpty { logger.debug("\(location): schema migrations \(applied) applied or adopted") }
    }
}

/// A blocking pool of PostgreSQL connections for worker threads (which must not block Swift's
/// cooperative pool): at most `url.poolSize` connections, opened on demand, replaced when they break.
final class PostgresConnectionPool: Sendable {
    let url: PostgresURL
    private let configuration: PostgresConnection.Configuration
    /// Given to PostgresNIO for every connection and query, and used for reconnects and retries.
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(1)
    private let closed = Atomic<Bool>(false)

    init(url: PostgresURL, logger: Logger = SweepLog.default) throws {
        self.url = url
        var logger = logger
        logger[metadataKey: "postgres"] = "\(url.redacted)"
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        switch url.sslMode {
        case "disable", "allow":
            tls = .disable
        default:
            var tlsConfig = TLSConfiguration.makeClientConfiguration()
            if url.sslMode != "verify-full" && url.sslMode != "verify-ca" { tlsConfig.certificateVerification = .none }
            let context: NIOSSLContext
            do {
                context = try NIOSSLContext(configuration: tlsConfig)
            } catch {
                throw StorageError.invalidLocation(url.redacted, reason: "cannot set up TLS: \(error)")
            }
            tls = url.sslMode == "prefer" ? .prefer(context) : .require(context)
        }
        var config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                      password: url.password, database: url.database, tls: tls)
        config.options.connectTimeout = .seconds(Int64(url.connectTimeout))
        configuration = config
        slots = DispatchSemaphore(value: url.poolSize)
        // Fail fast with a clear message when the server cannot be used at all.
        let connection = try connect(retries: 0)
        idle.withLock { $0.append(connection) }
    }

    deinit { shutdown() }

    func shutdown() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        let connections = idle.withLock { c -> [PostgresConnection] in let all = c; c.removeAll(); return all }
        for c in connections { _ = try? blocking(c.close()) }
    }

    /// Waits for a NIO future on the calling thread. The work runs on NIO's event-loop threads, never on
    /// Swift's cooperative pool, so this is safe from worker threads, the main thread and synchronous
    /// code that happens to run on the cooperative pool (which async/await bridging would deadlock).
    func blocking<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        try future.wait()
    }

    private func connect(retries: Int) throws -> PostgresConnection {
        var attempt = 0
        while true {
            do {
                let id = nextID.add(1, ordering: .relaxed).oldValue
                let connection = try blocking(PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger))
                logger.debug("connection \(id) opened")
                return connection
            } catch {
                let translated = translate(error)
                guard attempt < retries, isTransient(error) else { throw translated }
                attempt += 1
                let pause = min(8, 0.1 * pow(2, Double(attempt)))
                logger.warning("cannot connect (\(translated)); retry \(attempt) of \(retries) in \(pause) s")
                Thread.sleep(forTimeInterval: pause)
            }
        }
    }

    /// Runs `body` in a transaction on a pooled connection; retries the whole transaction with backoff
    /// when the connection breaks (server restart, network loss) or the server asks for a retry
    /// (serialization failure, deadlock).
    func transaction<T>(readOnly: Bool, _ body: (any SQLSession) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        var attempt = 0
        while true {
            var connection = idle.withLock { $0.popLast() }
            do {
                if let lost = connection, lost.isClosed { logger.warning("connection \(lost.id) was closed; reconnecting") }
                if connection == nil || connection!.isClosed { connection = try connect(retries: 6) }
                let session = Session(connection: connection!, pool: self)
                // BEGIN, and statements whose results are not needed (trial rows written before COMMIT),
                // go out without a wait: the connection runs them in order, so a transaction costs one
                // round trip per result actually read plus the COMMIT instead of one per statement.
                try session.executePipelined(readOnly ? "BEGIN TRANSACTION READ ONLY" : "BEGIN", [])
                let value: T
                do {
                    value = try body(session)
                    _ = try session.execute("COMMIT", [])
                } catch {
                    if !connection!.isClosed { _ = try? session.execute("ROLLBACK", []) }
                    throw error
                }
                idle.withLock { $0.append(connection!) }
                return value
            } catch {
                if let c = connection, !c.isClosed { idle.withLock { $0.append(c) } }
                guard attempt < 8, isTransient(error) else { throw translate(error) }
                attempt += 1
                let pause = min(8, 0.05 * pow(2, Double(attempt)))
                logger.warning("transaction failed (\(translate(error))); retry \(attempt) of 8 in \(pause) s")
                Thread.sleep(forTimeInterval: pause)
            }
        }
    }

    /// Connection-level failures and server requests to retry.
    func isTransient(_ error: any Error) -> Bool {
        guard let e = error as? PSQLError else { return error is ChannelError || error is IOError }
        switch e.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return true
        case .server:
            let state = e.serverInfo?[.sqlState] ?? ""
            // serialization_failure, deadlock_detected, admin/crash shutdown, cannot_connect_now, too_many_connections
            return ["40001", "40P01", "57P01", "57P02", "57P03", "53300"].contains(state)
        default:
            return false
        }
    }

    /// A PostgresNIO error as a ``StorageError`` that names the server (never the password).
    func translate(_ error: any Error) -> any Error {
        if error is StorageError { return error }
        let location = url.redacted
        if let e = error as? PSQLError {
            let state = e.serverInfo?[.sqlState] ?? ""
            let message = e.serverInfo?[.message] ?? ""
            switch (e.code, state) {
            case (.server, "28P01"), (.server, "28000"):
                return StorageError.authenticationFailed(location: location, reason: message.isEmpty ? "wrong user or password" : message)
            case (.authMechanismRequiresPassword, _):
                return StorageError.authenticationFailed(location: location, reason: "the server wants a password; put it in the URL, PGPASSWORD or ~/.pgpass")
            case (.server, "3D000"):
                return StorageError.cannotOpen(location: location, reason: "\(message) (create it: createdb \(url.database))")
            case (.server, _):
                return StorageError.backend(location: location, reason: "\(message) (SQLSTATE \(state))")
            case (.connectionError, _), (.serverClosedConnection, _), (.uncleanShutdown, _):
                return StorageError.unreachable(location: location, reason: "\(e.underlying.map { "\($0)" } ?? "connection failed")")
            default:
                return StorageError.backend(location: location, reason: "\(e.code)")
            }
        }
        if error is ChannelError || error is IOError || error is NIOConnectionError {
            return StorageError.unreachable(location: location, reason: "\(error)")
        }
        return error
    }

    /// One connection inside a transaction.
    struct Session: SQLSession {
        let connection: PostgresConnection
        let pool: PostgresConnectionPool
        /// Statements sent without waiting, in order; checked whenever a later result arrives.
        private let pending = PendingStatements()

        init(connection: PostgresConnection, pool: PostgresConnectionPool) {
            self.connection = connection
            self.pool = pool
        }

        final class PendingStatements {
            var futures: [EventLoopFuture<PostgresQueryResult>] = []

            /// Throws the first failure among the statements sent before a result that just arrived (they
            /// have all completed: the connection answers in order). Their error explains a later
            /// "transaction is aborted" better than that message does.
            func settle(_ pool: PostgresConnectionPool) throws {
                let sent = futures
                futures.removeAll()
                for f in sent { _ = try pool.blocking(f) }
            }
        }

        /// `?` placeholders become `$1…$n`; values are bound, never spliced into the text.
        static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
            var text = "", n = 0, inString = false
            for ch in sql {
                if ch == "'" { inString.toggle() }
                if ch == "?" && !inString { n += 1; text += "$\(n)" } else { text.append(ch) }
            }
            var bindings = PostgresBindings(capacity: arguments.count)
            for value in arguments {
                switch value {
                case .null: bindings.appendNull()
                case let .integer(i): bindings.append(i)
                case let .real(d): bindings.append(d)
                case let .text(t): bindings.append(t)
                case let .blob(b): bindings.append(ByteBuffer(bytes: b))
                }
            }
            return PostgresQuery(unsafeSQL: text, binds: bindings)
        }

        private func send(_ sql: String, _ arguments: [SQLValue]) -> EventLoopFuture<PostgresQueryResult> {
            connection.query(Session.query(sql, arguments), logger: pool.logger)
        }

        private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
            let future = send(sql, arguments)
            let result: PostgresQueryResult
            do {
                result = try pool.blocking(future)
            } catch {
                try pending.settle(pool)
                throw error
            }
            try pending.settle(pool)
            return result
        }

        func executePipelined(_ sql: String, _ arguments: [SQLValue]) throws {
            pending.futures.append(send(sql, arguments))
        }

        func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
            var columns: SQLColumns?
            return try run(sql, arguments).rows.map { row in
                let cells = Array(row)
                let shared = columns ?? SQLColumns(cells.map(\.columnName))
                columns = shared
                return SQLRow(columns: shared, values: try cells.map(Session.value))
            }
        }

        func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
            try run(sql, arguments).metadata.rows ?? 0
        }

        static func value(_ cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
            case .bytea: return .blob(try cell.decode(Data.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        }
    }
}
