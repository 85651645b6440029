import Foundation
import GRDB
import SweepCore
import Synchronization

/// The default store: one SQLite file (WAL mode), shared safely by threads and by several processes on
/// one machine.
///
/// - Writes run in `BEGIN IMMEDIATE` transactions with a busy timeout (default 30 s), so concurrent
///   `sweep run` processes queue instead of failing with "database is locked".
/// - `synchronous = NORMAL`: a commit survives the process being killed (kill -9, crash); after a power
///   loss the file stays consistent but the last commits may be missing.
/// - The file is marked with an SQLite `application_id` and a schema version (`user_version`); a file
///   that is not SQLite, belongs to another application, or has a newer schema is refused before
///   anything is written to it.
/// - Each write bumps a per-study change counter; asks read only the trials changed since the last ask,
///   so asking stays cheap for long sweeps.
public final class SQLiteStorage: StudyStorage {
    /// `PRAGMA application_id` of Sweep databases ("SWEP").
    public static let applicationID: Int32 = 0x5357_4550
    /// Current schema version.
    public static let schemaVersion = 1

    public let location: String
    private let pool: DatabasePool
    private let cache = Mutex<[Int64: (history: StudyHistory, seq: Int64)]>([:])

    /// Opens (creating if needed) the store at `path`.
    /// - Parameter busyTimeout: seconds a write waits for another process's transaction.
    public init(path: String, busyTimeout: Double = 30) throws {
        let url = URL(fileURLWithPath: path)
        location = url.path
        try SQLiteStorage.checkFile(url)
        try SQLiteStorage.inspectExisting(url)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: url.path, configuration: config)
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try SQLiteStorage.migrate(db, location: url.path)
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: url.path)
        }
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

    /// Reads an existing file read-only to check it is ours and not newer than this binary.
    static func inspectExisting(_ url: URL) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
              size.intValue > 0 else { return }
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
            if appID == 0 && tables == 0 { return }
            guard appID == applicationID else {
                throw StorageError.foreignDatabase(
                    path: url.path, reason: appID == 0 ? "it has \(tables) schema objects and no Sweep marker"
                        : String(format: "application_id 0x%08x", UInt32(bitPattern: appID)))
            }
            if version > schemaVersion {
                throw StorageError.schemaTooNew(location: url.path, found: version, supported: schemaVersion)
            }
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
            return .backend(location: location, reason: "the database stayed locked by another process beyond the busy timeout")
        default:
            return .backend(location: location, reason: error.description)
        }
    }

    static func migrate(_ db: Database, location: String) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID == 0 && tables > 0 {
            throw StorageError.foreignDatabase(path: location, reason: "it has \(tables) schema objects and no Sweep marker")
        }
        if appID != 0 && appID != applicationID {
            throw StorageError.foreignDatabase(path: location, reason: String(format: "application_id 0x%08x", UInt32(bitPattern: appID)))
        }
        if version > schemaVersion {
            throw StorageError.schemaTooNew(location: location, found: version, supported: schemaVersion)
        }
        if version < 1 {
            try db.execute(sql: """
                CREATE TABLE studies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    direction TEXT NOT NULL,
                    seed TEXT NOT NULL,
                    config_source TEXT NOT NULL,
                    config_hash TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    seq INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE trials (
                    study_id INTEGER NOT NULL REFERENCES studies(id),
                    number INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    params TEXT NOT NULL,
                    value REAL,
                    started_at REAL,
                    finished_at REAL,
                    failure_reason TEXT,
                    attributes TEXT NOT NULL,
                    owner TEXT,
                    lease_expires_at REAL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (study_id, number)
                );
                CREATE INDEX trials_by_seq ON trials(study_id, seq);
                CREATE INDEX trials_by_state ON trials(study_id, state);
                CREATE TABLE intermediate_values (
                    study_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    step INTEGER NOT NULL,
                    value REAL,
                    PRIMARY KEY (study_id, number, step),
                    FOREIGN KEY (study_id, number) REFERENCES trials(study_id, number)
                );
                CREATE TABLE checkpoints (
                    study_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    step INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    saved_at REAL NOT NULL,
                    PRIMARY KEY (study_id, number),
                    FOREIGN KEY (study_id, number) REFERENCES trials(study_id, number)
                );
                """)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // Future migrations: `if version < 2 { ... }`.
    }

    // MARK: - Helpers

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: location)
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw SQLiteStorage.translate(error, location: location)
        }
    }

    private func nextSeq(_ db: Database, study: Int64) throws -> Int64 {
        try db.execute(sql: "UPDATE studies SET seq = seq + 1 WHERE id = ?", arguments: [study])
        guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM studies WHERE id = ?", arguments: [study]) else {
            throw StorageError.studyNotFound(name: "#\(study)", location: location)
        }
        return seq
    }

    private func studyName(_ db: Database, _ study: Int64) throws -> String {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM studies WHERE id = ?", arguments: [study]) else {
            throw StorageError.studyNotFound(name: "#\(study)", location: location)
        }
        return name
    }

    private static let trialColumns = "number, state, params, value, started_at, finished_at, failure_reason, attributes, owner, lease_expires_at"

    private func decodeStored(_ row: Row, intermediate: [Int: Double]) throws -> StoredTrial {
        do {
            let stateText: String = row["state"]
            guard let state = TrialState(rawValue: stateText) else { throw StoredJSON.DecodingFailure(what: "state '\(stateText)'") }
            let trial = Trial(
                number: row["number"], state: state,
                params: try StoredJSON.decodeParams(row["params"]),
                value: row["value"], intermediateValues: intermediate,
                startedAt: (row["started_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                finishedAt: (row["finished_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                failureReason: row["failure_reason"],
                attributes: try StoredJSON.decodeAttributes(row["attributes"]))
            let owner = try (row["owner"] as String?).map(StoredJSON.decodeWorker)
            let lease = (row["lease_expires_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
            return StoredTrial(trial: trial, owner: owner, leaseExpiresAt: lease)
        } catch let failure as StoredJSON.DecodingFailure {
            throw StorageError.notADatabase(path: location, reason: "\(failure) in trial \(row["number"] as Int? ?? -1)")
        }
    }

    private func intermediateValues(_ db: Database, study: Int64, numbers: [Int]?) throws -> [Int: [Int: Double]] {
        var out: [Int: [Int: Double]] = [:]
        let rows: [Row]
        if let numbers {
            if numbers.isEmpty { return [:] }
            rows = try Row.fetchAll(
                db, sql: "SELECT number, step, value FROM intermediate_values WHERE study_id = ? AND number IN (\(numbers.map(String.init).joined(separator: ",")))",
                arguments: [study])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT number, step, value FROM intermediate_values WHERE study_id = ?", arguments: [study])
        }
        for row in rows {
            let value: Double? = row["value"]
            out[row["number"], default: [:]][row["step"]] = value ?? .nan
        }
        return out
    }

    private func loadStored(_ db: Database, study: Int64, number: Int) throws -> StoredTrial {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT \(SQLiteStorage.trialColumns) FROM trials WHERE study_id = ? AND number = ?", arguments: [study, number]) else {
            throw StorageError.trialNotFound(study: try studyName(db, study), number: number)
        }
        let iv = try intermediateValues(db, study: study, numbers: [number])
        return try decodeStored(row, intermediate: iv[number] ?? [:])
    }

    /// Writes a trial row (not its intermediate values) and bumps its change counter.
    private func save(_ db: Database, study: Int64, _ s: StoredTrial, insert: Bool) throws {
        let seq = try nextSeq(db, study: study)
        let t = s.trial
        let args: StatementArguments = [
            t.state.rawValue, StoredJSON.encode(params: t.params), t.value,
            t.startedAt?.timeIntervalSince1970, t.finishedAt?.timeIntervalSince1970, t.failureReason,
            StoredJSON.encode(attributes: t.attributes), s.owner.map(StoredJSON.encode(worker:)),
            s.leaseExpiresAt?.timeIntervalSince1970, seq, study, t.number,
        ]
        if insert {
            try db.execute(sql: """
                INSERT INTO trials (state, params, value, started_at, finished_at, failure_reason, attributes, owner,
                                    lease_expires_at, seq, study_id, number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: args)
        } else {
            try db.execute(sql: """
                UPDATE trials SET state = ?, params = ?, value = ?, started_at = ?, finished_at = ?, failure_reason = ?,
                                  attributes = ?, owner = ?, lease_expires_at = ?, seq = ?
                WHERE study_id = ? AND number = ?
                """, arguments: args)
        }
    }

    private func record(_ row: Row) throws -> StudyRecord {
        let dirText: String = row["direction"]
        guard let direction = Direction(rawValue: dirText), let seed = UInt64(row["seed"] as String) else {
            throw StorageError.notADatabase(path: location, reason: "malformed study row")
        }
        return StudyRecord(id: row["id"], name: row["name"], direction: direction, seed: seed,
                           configSource: row["config_source"], configHash: row["config_hash"],
                           createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    // MARK: - Studies

    public func createStudy(name: String, direction: Direction, seed: UInt64, configSource: String, configHash: String) throws -> StudyRecord {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM studies WHERE name = ?", arguments: [name]) != nil {
                throw StorageError.studyExists(name: name, location: location)
            }
            try db.execute(sql: """
                INSERT INTO studies (name, direction, seed, config_source, config_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, direction.rawValue, String(seed), configSource, configHash, Date().timeIntervalSince1970])
            return StudyRecord(id: db.lastInsertedRowID, name: name, direction: direction, seed: seed,
                               configSource: configSource, configHash: configHash, createdAt: Date())
        }
    }

    public func study(named name: String) throws -> StudyRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM studies WHERE name = ?", arguments: [name]).map(record)
        }
    }

    public func studies() throws -> [StudyRecord] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM studies ORDER BY id").map(record) }
    }

    public func updateConfig(study: Int64, source: String, hash: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE studies SET config_source = ?, config_hash = ? WHERE id = ?", arguments: [source, hash, study])
            if db.changesCount == 0 { throw StorageError.studyNotFound(name: "#\(study)", location: location) }
        }
    }

    // MARK: - Trials

    /// Brings the cached history up to date with every change committed since the last sync.
    private func sync(_ db: Database, study: Int64) throws -> StudyHistory {
        var (history, seq) = cache.withLock { $0[study] } ?? (StudyHistory(trials: []), 0)
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(SQLiteStorage.trialColumns), seq FROM trials WHERE study_id = ? AND seq > ? ORDER BY number",
            arguments: [study, seq])
        if !rows.isEmpty {
            let numbers: [Int] = rows.map { $0["number"] }
            // Intermediate values of changed trials only (all of them when catching up from scratch).
            let iv = try intermediateValues(db, study: study, numbers: seq == 0 ? nil : numbers)
            for row in rows {
                let n: Int = row["number"]
                let stored = try decodeStored(row, intermediate: iv[n] ?? [:])
                if n > history.trials.count {
                    throw StorageError.notADatabase(path: location, reason: "trial numbers are not contiguous at \(n)")
                }
                history.upsert(stored.trial)
                seq = max(seq, row["seq"])
            }
        }
        cache.withLock { c in
            // A read snapshot may be older than what another thread cached meanwhile; keep the newer one.
            if (c[study]?.seq ?? -1) < seq { c[study] = (history, seq) }
        }
        return history
    }

    public func ask(study: Int64, worker: WorkerIdentity, lease: Double,
                    decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision) {
        try write { db in
            let now = Date()
            let name = try studyName(db, study)
            // Requeue abandoned trials (expired lease or dead local owner).
            let running = try Row.fetchAll(
                db, sql: "SELECT \(SQLiteStorage.trialColumns) FROM trials WHERE study_id = ? AND state = 'running'", arguments: [study])
            for row in running {
                var s = try decodeStored(row, intermediate: [:])
                guard TrialRules.isAbandoned(s, now: now) else { continue }
                s = try loadStored(db, study: study, number: s.trial.number)
                TrialRules.requeue(&s, now: now)
                try save(db, study: study, s, insert: false)
            }
            let history = try sync(db, study: study)
            let decision = try decide(history)
            var action = decision
            while case let .pruneWaiting(numbers, then) = action {
                for n in numbers {
                    var s = try loadStored(db, study: study, number: n)
                    try TrialRules.pruneWaiting(&s, study: name, now: now)
                    try save(db, study: study, s, insert: false)
                }
                action = then
            }
            switch action {
            case let .claim(number, attributes):
                var s = try loadStored(db, study: study, number: number)
                try TrialRules.claim(&s, worker: worker, lease: lease, attributes: attributes, study: name, now: now)
                try save(db, study: study, s, insert: false)
                return (s.trial, decision)
            case let .create(params, attributes):
                let trial = Trial(number: history.trials.count, state: .running, params: params, startedAt: now, attributes: attributes)
                try save(db, study: study, StoredTrial(trial: trial, owner: worker, leaseExpiresAt: now.addingTimeInterval(lease)), insert: true)
                return (trial, decision)
            case .none, .pruneWaiting:
                return (nil, decision)
            }
        }
    }

    public func enqueue(study: Int64, params: [String: ParameterValue], attributes: [String: AttributeValue]) throws -> Trial {
        try write { db in
            _ = try studyName(db, study)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM trials WHERE study_id = ?", arguments: [study]) ?? 0
            let trial = Trial(number: count, state: .waiting, params: params, attributes: attributes)
            try save(db, study: study, StoredTrial(trial: trial), insert: true)
            return trial
        }
    }

    /// Loads a trial, checks `worker` owns it, applies `body` and saves it.
    private func updateOwned<T>(study: Int64, trial: Int, worker: WorkerIdentity,
                                _ body: (Database, inout StoredTrial) throws -> T) throws -> T {
        try write { db in
            let name = try studyName(db, study)
            var s = try loadStored(db, study: study, number: trial)
            try TrialRules.requireOwner(s, worker: worker, study: name)
            let result = try body(db, &s)
            try save(db, study: study, s, insert: false)
            return result
        }
    }

    public func report(study: Int64, trial: Int, step: Int, value: Double, worker: WorkerIdentity) throws -> Trial {
        try updateOwned(study: study, trial: trial, worker: worker) { db, s in
            try db.execute(sql: "INSERT OR REPLACE INTO intermediate_values (study_id, number, step, value) VALUES (?, ?, ?, ?)",
                           arguments: [study, trial, step, value.isNaN ? nil : value])
            s.trial.intermediateValues[step] = value
            return s.trial
        }
    }

    public func addParams(study: Int64, trial: Int, _ params: [String: ParameterValue], worker: WorkerIdentity) throws -> Trial {
        try updateOwned(study: study, trial: trial, worker: worker) { _, s in
            s.trial.params.merge(params) { old, _ in old }
            return s.trial
        }
    }

    public func history(study: Int64) throws -> StudyHistory {
        try read { db in try sync(db, study: study) }
    }

    public func setAttributes(study: Int64, trial: Int, _ attributes: [String: AttributeValue], worker: WorkerIdentity) throws {
        try updateOwned(study: study, trial: trial, worker: worker) { _, s in
            s.trial.attributes.merge(attributes) { _, new in new }
        }
    }

    public func finish(study: Int64, trial: Int, state: TrialState, value: Double?, failureReason: String?,
                       worker: WorkerIdentity) throws -> Trial {
        try write { db in
            let name = try studyName(db, study)
            var s = try loadStored(db, study: study, number: trial)
            if try TrialRules.finish(&s, state: state, value: value, failureReason: failureReason, worker: worker, study: name, now: Date()) {
                try save(db, study: study, s, insert: false)
            }
            return s.trial
        }
    }

    public func release(study: Int64, trial: Int, worker: WorkerIdentity, attributes: [String: AttributeValue]) throws {
        try write { db in
            let name = try studyName(db, study)
            var s = try loadStored(db, study: study, number: trial)
            try TrialRules.release(&s, worker: worker, attributes: attributes, study: name)
            try save(db, study: study, s, insert: false)
        }
    }

    public func heartbeat(study: Int64, trials: [Int], worker: WorkerIdentity, lease: Double) throws -> Set<Int> {
        if trials.isEmpty { return [] }
        return try write { db in
            let expiry = Date().addingTimeInterval(lease).timeIntervalSince1970
            let ownerJSON = StoredJSON.encode(worker: worker)
            var owned = Set<Int>()
            for n in trials {
                try db.execute(sql: """
                    UPDATE trials SET lease_expires_at = ? WHERE study_id = ? AND number = ? AND state = 'running' AND owner = ?
                    """, arguments: [expiry, study, n, ownerJSON])
                if db.changesCount > 0 { owned.insert(n) }
            }
            return owned
        }
    }

    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, worker: WorkerIdentity) throws {
        try write { db in
            let name = try studyName(db, study)
            let s = try loadStored(db, study: study, number: trial)
            try TrialRules.requireOwner(s, worker: worker, study: name)
            try db.execute(sql: """
                INSERT OR REPLACE INTO checkpoints (study_id, number, step, data, saved_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [study, trial, step, data, Date().timeIntervalSince1970])
        }
    }

    public func checkpoint(study: Int64, trial: Int) throws -> (step: Int, data: Data)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT step, data FROM checkpoints WHERE study_id = ? AND number = ?", arguments: [study, trial])
                .map { ($0["step"], $0["data"]) }
        }
    }

    public func trials(study: Int64) throws -> [Trial] {
        try read { db in
            _ = try studyName(db, study)
            let iv = try intermediateValues(db, study: study, numbers: nil)
            return try Row.fetchAll(
                db, sql: "SELECT \(SQLiteStorage.trialColumns) FROM trials WHERE study_id = ? ORDER BY number", arguments: [study]
            ).map { row in try decodeStored(row, intermediate: iv[row["number"]] ?? [:]).trial }
        }
    }

    public func trial(study: Int64, number: Int) throws -> Trial? {
        try read { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM trials WHERE study_id = ? AND number = ?", arguments: [study, number]) != nil else {
                return nil
            }
            return try loadStored(db, study: study, number: number).trial
        }
    }
}
