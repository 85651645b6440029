import Foundation
import Logging
import SweepCore
import Synchronization

/// The ``StudyStorage`` contract implemented once in portable SQL, over an ``SQLEngine`` (SQLite or
/// PostgreSQL), so both backends share every rule.
///
/// Tables (`sweep_` prefix, so a shared PostgreSQL database can hold other applications' tables):
/// `sweep_studies`, `sweep_trials` (params, intermediate values and attributes as exact JSON, see
/// `StoredJSON`; one row per trial, so reading a trial is one indexed lookup), `sweep_checkpoints`.
/// Each write bumps the study's change counter `seq` and stamps the trials it touched with it; an ask
/// reads only trials changed since its last sync.
public final class SQLStudyStore: StudyStorage, Sendable {
    let engine: any SQLEngine
    private let cache = HistoryCache()
    /// Starts a change of `study` (lock, new change number, name, clock).
    private func begin(_ s: any SQLSession, study: Int64) throws -> (seq: Int64, name: String, now: Date) {
        guard let begun = try engine.beginStudyChange(s, id: study) else {
            throw StorageError.studyNotFound(name: "#\(study)", location: location)
        }
        return begun
    }

    /// Study names by id (a study's name never changes).
    private let names = Mutex<[Int64: String]>([:])

    /// Where requeues and lease takeovers are logged.
    let logger: Logger

    init(engine: any SQLEngine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    public var location: String { engine.location }

    // MARK: - Rows

    private func malformed(_ what: String) -> StorageError {
        .notADatabase(path: location, reason: what)
    }

    private func decodeStored(_ row: SQLRow, at positions: TrialColumns.Positions? = nil) throws -> StoredTrial {
        guard let number = row["number"].int else { throw malformed("a trial row without a number") }
        do {
            return try TrialColumns.decode(row, number: number, TrialColumns.Decoding(owner: decodeOwner), at: positions)
        } catch let failure as JSONDecodingFailure {
            throw malformed("\(failure) in trial \(number)")
        }
    }

    func record(_ row: SQLRow) throws -> StudyRecord {
        guard let id = row["id"].int64, let name = row["name"].string,
              let direction = row["direction"].string.flatMap(Direction.init(rawValue:)),
              let seed = row["seed"].string.flatMap({ UInt64($0) }),
              let source = row["config_source"].string, let hash = row["config_hash"].string,
              let created = row["created_at"].double else {
            throw malformed("malformed study row")
        }
        return StudyRecord(id: id, name: name, direction: direction, seed: seed, configSource: source,
                           configHash: hash, createdAt: Date(timeIntervalSince1970: created))
    }

    func studyName(_ s: any SQLSession, _ study: Int64) throws -> String {
        if let name = names.withLock({ $0[study] }) { return name }
        guard let name = try s.row("SELECT name FROM sweep_studies WHERE id = ?", [.integer(study)])?["name"].string else {
            throw StorageError.studyNotFound(name: "#\(study)", location: location)
        }
        names.withLock { $0[study] = name }
        return name
    }

    /// Owners decoded once per distinct JSON text (the same few workers own every trial).
    private let owners = Mutex<[String: WorkerIdentity]>([:])

    private func decodeOwner(_ text: String) throws -> WorkerIdentity {
        if let known = owners.withLock({ $0[text] }) { return known }
        let owner = try StoredJSON.decodeWorker(text)
        owners.withLock { $0[text] = owner }
        return owner
    }

    func loadStored(_ s: any SQLSession, study: Int64, number: Int, name: String? = nil) throws -> StoredTrial {
        guard let row = try s.row("SELECT \(TrialColumns.selectList) FROM sweep_trials WHERE study_id = ? AND number = ?",
                                  [.integer(study), SQLValue(number)]) else {
            throw StorageError.trialNotFound(study: try name ?? studyName(s, study), number: number)
        }
        return try decodeStored(row)
    }

    /// Writes a trial row stamped with the transaction's change number.
    private func save(_ s: any SQLSession, study: Int64, _ stored: StoredTrial, insert: Bool, seq: Int64) throws {
        try s.executePipelined(insert ? TrialColumns.insert : TrialColumns.update, TrialColumns.arguments(stored, seq: seq, study: study))
    }

    // MARK: - Studies

    public func createStudy(name: String, direction: Direction, seed: UInt64, configSource: String, configHash: String) throws -> StudyRecord {
        try engine.write { s in
            if try s.row("SELECT id FROM sweep_studies WHERE name = ?", [.text(name)]) != nil {
                throw StorageError.studyExists(name: name, location: location)
            }
            let now = try engine.now(s)
            guard let id = try s.row("""
                INSERT INTO sweep_studies (name, direction, seed, config_source, config_hash, created_at, seq)
                VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id
                """, [.text(name), .text(direction.rawValue), .text(String(seed)), .text(configSource), .text(configHash),
                      .real(now.timeIntervalSince1970)])?["id"].int64 else {
                throw StorageError.backend(location: location, reason: "inserting the study returned no id")
            }
            return StudyRecord(id: id, name: name, direction: direction, seed: seed, configSource: configSource,
                               configHash: configHash, createdAt: now)
        }
    }

    public func study(named name: String) throws -> StudyRecord? {
        try engine.read { s in try s.row("SELECT * FROM sweep_studies WHERE name = ?", [.text(name)]).map(record) }
    }

    public func studies() throws -> [StudyRecord] {
        try engine.read { s in try s.rows("SELECT * FROM sweep_studies ORDER BY id", []).map(record) }
    }

    public func updateConfig(study: Int64, source: String, hash: String) throws {
        try engine.write { s in
            let n = try s.execute("UPDATE sweep_studies SET config_source = ?, config_hash = ? WHERE id = ?",
                                  [.text(source), .text(hash), .integer(study)])
            if n == 0 { throw StorageError.studyNotFound(name: "#\(study)", location: location) }
        }
    }

    // MARK: - Trials

    /// For readers: brings the cached history up to date with every change committed since the last
    /// sync. The entry stays in the cache meanwhile (a writer must not find it missing and re-read
    /// everything); it is copied only when there is something new to apply.
    private func sync(_ s: any SQLSession, study: Int64) throws -> Cached {
        let entry = try synced(s, study: study, take: false)
        cache.store(entry, study: study)
        return entry
    }

    /// Takes the cached history out of the cache (so it is uniquely referenced and changing it does not
    /// copy it) and brings it up to date. Write transactions use it through ``change(study:_:)``.
    private func takeSynced(_ s: any SQLSession, study: Int64) throws -> Cached {
        try synced(s, study: study, take: true)
    }

    private func synced(_ s: any SQLSession, study: Int64, take: Bool) throws -> Cached {
        var entry = take ? cache.take(study) : cache.peek(study)
        let rows = try s.rows("SELECT \(TrialColumns.selectList), seq FROM sweep_trials WHERE study_id = ? AND seq > ? ORDER BY number",
                              [.integer(study), .integer(entry.seq)])
        let positions = rows.first.map { TrialColumns.Positions($0.columns) }
        for row in rows {
            let stored = try decodeStored(row, at: positions)
            let n = stored.trial.number
            guard n <= entry.history.trials.count else { throw malformed("trial numbers are not contiguous at \(n)") }
            entry.history.upsert(stored.trial)
            entry.leases[n] = stored.trial.state == .running ? (stored.owner, stored.leaseExpiresAt) : nil
            entry.seq = max(entry.seq, row["seq"].int64 ?? entry.seq)
        }
        return entry
    }

    /// Runs a write transaction on `study` with its synced history: lock, change number, name, clock and
    /// the cached history (up to date, including rows changed earlier in the body).
    ///
    /// The changed history goes back to the cache just before the commit, so the next writer — which
    /// cannot start before this commit — finds it; it claims to have seen changes up to `seq − 1` only,
    /// so the rows written here are read back once, from the database. If the transaction fails (or an
    /// engine retries it) the cache is invalidated instead of trusted.
    private func change<T>(study: Int64,
                           _ body: (any SQLSession, _ seq: Int64, _ name: String, _ now: Date, inout Cached) throws -> T) throws -> T {
        var attempted = false
        do {
            return try engine.write { s -> T in
                if attempted { cache.invalidate(study) }
                attempted = true
                let (seq, name, now) = try begin(s, study: study)
                var entry = try takeSynced(s, study: study)
                let value = try body(s, seq, name, now, &entry)
                entry.seq = min(entry.seq, seq - 1)
                cache.store(entry, study: study)
                return value
            }
        } catch {
            cache.invalidate(study)
            throw error
        }
    }

    /// The trial `number` as the synced cache knows it (identical to its row: every change of a row
    /// except a lease extension bumps the change number, and finishing or claiming never reads the lease).
    private func cachedStored(_ entry: Cached, number: Int, name: String) throws -> StoredTrial {
        guard number >= 0, number < entry.history.trials.count else {
            throw StorageError.trialNotFound(study: name, number: number)
        }
        let seen = entry.leases[number]
        return StoredTrial(trial: entry.history.trials[number], owner: seen?.owner, leaseExpiresAt: seen?.expiry)
    }

    /// Saves a changed trial and records the change in the cached history.
    private func save(_ s: any SQLSession, study: Int64, _ stored: StoredTrial, seq: Int64, into entry: inout Cached) throws {
        let n = stored.trial.number
        try save(s, study: study, stored, insert: n == entry.history.trials.count, seq: seq)
        entry.history.upsert(stored.trial)
        entry.leases[n] = stored.trial.state == .running ? (stored.owner, stored.leaseExpiresAt) : nil
    }

    public func ask(study: Int64, worker: WorkerIdentity, lease: Double,
                    decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision) {
        try change(study: study) { s, seq, name, now, entry in
            try ask(s, study: study, name: name, seq: seq, now: now, entry: &entry, worker: worker, lease: lease, decide: decide)
        }
    }

    public func finishAndAsk(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity, lease: Double,
                             decide: (StudyHistory) throws -> AskDecision) throws -> (finished: Trial, trial: Trial?, decision: AskDecision) {
        try change(study: study) { s, seq, name, now, entry in
            var stored = try cachedStored(entry, number: request.trial, name: name)
            if try TrialRules.finish(&stored, request, worker: worker, study: name, now: now) {
                try save(s, study: study, stored, seq: seq, into: &entry)
            }
            let (trial, decision) = try ask(s, study: study, name: name, seq: seq, now: now, entry: &entry,
                                            worker: worker, lease: lease, decide: decide)
            return (stored.trial, trial, decision)
        }
    }

    /// The body of an ask inside a write transaction that has begun the study change.
    private func ask(_ s: any SQLSession, study: Int64, name: String, seq: Int64, now: Date, entry: inout Cached,
                     worker: WorkerIdentity, lease: Double,
                     decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision) {
        // Requeue abandoned trials (expired lease or dead local owner). The cached leases find the
        // candidates without a query; each candidate is re-read, since a heartbeat may have extended it.
        for (number, seen) in entry.leases {
            // Our own process is alive by definition: only the lease decides for our trials.
            let owner = seen.owner?.id == worker.id ? nil : seen.owner
            guard TrialRules.isAbandoned(StoredTrial(trial: Trial(number: number), owner: owner, leaseExpiresAt: seen.expiry), now: now) else {
                continue
            }
            var stored = try loadStored(s, study: study, number: number, name: name)
            let current = stored.owner?.id == worker.id ? StoredTrial(trial: stored.trial, leaseExpiresAt: stored.leaseExpiresAt) : stored
            guard TrialRules.isAbandoned(current, now: now) else { continue }
            let previous = stored.owner?.description ?? "its worker"
            let why = (stored.leaseExpiresAt ?? now) < now ? "its lease expired" : "its owner's process is gone"
            TrialRules.requeue(&stored, now: now)
            logger.info("trial \(number) of sweep '\(name)': \(why) (owner \(previous)); \(stored.trial.state == .failed ? "failed: requeued too often" : "requeued")",
                        metadata: ["taken_over_by": "\(worker.label)"])
            try save(s, study: study, stored, seq: seq, into: &entry)
        }
        let decision = try decide(entry.history)
        var action = decision
        while case let .pruneWaiting(numbers, then) = action {
            for n in numbers {
                var stored = try cachedStored(entry, number: n, name: name)
                try TrialRules.pruneWaiting(&stored, study: name, now: now)
                try save(s, study: study, stored, seq: seq, into: &entry)
            }
            action = then
        }
        switch action {
        case let .claim(number, attributes):
            var stored = try cachedStored(entry, number: number, name: name)
            try TrialRules.claim(&stored, worker: worker, lease: lease, attributes: attributes, study: name, now: now)
            try save(s, study: study, stored, seq: seq, into: &entry)
            return (stored.trial, decision)
        case let .create(params, attributes):
            let trial = Trial(number: entry.history.trials.count, state: .running, params: params, startedAt: now, attributes: attributes)
            try save(s, study: study, StoredTrial(trial: trial, owner: worker, leaseExpiresAt: now.addingTimeInterval(lease)),
                     seq: seq, into: &entry)
            return (trial, decision)
        case .none, .pruneWaiting:
            return (nil, decision)
        }
    }

    public func enqueue(study: Int64, params: [String: ParameterValue], attributes: [String: AttributeValue]) throws -> Trial {
        try engine.write { s in
            let (seq, _, _) = try begin(s, study: study)
            let count = try s.row("SELECT count(*) AS n FROM sweep_trials WHERE study_id = ?", [.integer(study)])?["n"].int ?? 0
            let trial = Trial(number: count, state: .waiting, params: params, attributes: attributes)
            try save(s, study: study, StoredTrial(trial: trial), insert: true, seq: seq)
            return trial
        }
    }

    /// Loads a trial, lets `body` check and change it, saves it; all in one write transaction.
    func update<T>(study: Int64, trial: Int, _ body: (any SQLSession, String, Date, inout StoredTrial) throws -> (T, Bool)) throws -> T {
        try engine.write { s in
            let (seq, name, now) = try begin(s, study: study)
            var stored = try loadStored(s, study: study, number: trial, name: name)
            let (result, changed) = try body(s, name, now, &stored)
            if changed { try save(s, study: study, stored, insert: false, seq: seq) }
            return result
        }
    }

    public func addParams(study: Int64, trial: Int, _ params: [String: ParameterValue], worker: WorkerIdentity) throws -> Trial {
        try update(study: study, trial: trial) { _, name, _, stored in
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            stored.trial.params.merge(params) { old, _ in old }
            return (stored.trial, true)
        }
    }

    public func report(study: Int64, trial: Int, step: Int, value: Double, worker: WorkerIdentity) throws -> Trial {
        try update(study: study, trial: trial) { _, name, _, stored in
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            stored.trial.intermediateValues[step] = value
            return (stored.trial, true)
        }
    }

    public func setAttributes(study: Int64, trial: Int, _ attributes: [String: AttributeValue], worker: WorkerIdentity) throws {
        try update(study: study, trial: trial) { _, name, _, stored in
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            stored.trial.attributes.merge(attributes) { _, new in new }
            return ((), true)
        }
    }

    public func finish(study: Int64, trial: Int, state: TrialState, value: Double?, failureReason: String?,
                       worker: WorkerIdentity) throws -> Trial {
        try update(study: study, trial: trial) { _, name, now, stored in
            let changed = try TrialRules.finish(&stored, state: state, value: value, failureReason: failureReason,
                                                worker: worker, study: name, now: now)
            return (stored.trial, changed)
        }
    }

    public func finish(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity) throws -> Trial {
        try update(study: study, trial: request.trial) { _, name, now, stored in
            let changed = try TrialRules.finish(&stored, request, worker: worker, study: name, now: now)
            return (stored.trial, changed)
        }
    }

    public func release(study: Int64, trial: Int, worker: WorkerIdentity, attributes: [String: AttributeValue]) throws {
        try update(study: study, trial: trial) { _, name, _, stored in
            try TrialRules.release(&stored, worker: worker, attributes: attributes, study: name)
            return ((), true)
        }
    }

    public func heartbeat(study: Int64, trials: [Int], worker: WorkerIdentity, lease: Double) throws -> Set<Int> {
        if trials.isEmpty { return [] }
        return try engine.write { s in
            let expiry = try engine.now(s).addingTimeInterval(lease).timeIntervalSince1970
            let owner = StoredJSON.encode(worker: worker)
            var owned = Set<Int>()
            // A lease renewal is not a change of the trial: no change number, no study lock.
            for n in trials {
                let changed = try s.execute("""
                    UPDATE sweep_trials SET lease_expires_at = ? WHERE study_id = ? AND number = ? AND state = 'running' AND owner = ?
                    """, [.real(expiry), .integer(study), SQLValue(n), .text(owner)])
                if changed > 0 { owned.insert(n) }
            }
            return owned
        }
    }

    public func history(study: Int64) throws -> StudyHistory {
        try engine.read { s in try sync(s, study: study).history }
    }

    public func trials(study: Int64) throws -> [Trial] {
        try engine.read { s in
            _ = try studyName(s, study)
            return try s.rows("SELECT \(TrialColumns.selectList) FROM sweep_trials WHERE study_id = ? ORDER BY number", [.integer(study)])
                .map { row in try decodeStored(row).trial }
        }
    }

    public func trial(study: Int64, number: Int) throws -> Trial? {
        try engine.read { s in
            guard try s.row("SELECT number FROM sweep_trials WHERE study_id = ? AND number = ?", [.integer(study), SQLValue(number)]) != nil else {
                return nil
            }
            return try loadStored(s, study: study, number: number).trial
        }
    }
}
