import Foundation
import SweepCore
import Synchronization

/// The ``StudyStorage`` contract implemented once in portable SQL, over an ``SQLEngine`` (SQLite or
/// PostgreSQL), so both backends share every rule.
///
/// Tables (`sweep_` prefix, so a shared PostgreSQL database can hold other applications' tables):
/// `sweep_studies`, `sweep_trials` (params and attributes as exact JSON, see `StoredJSON`),
/// `sweep_intermediate_values`, `sweep_checkpoints`. Each write bumps the study's change counter `seq`
/// and stamps the trials it touched with it; an ask reads only trials changed since its last sync.
public class SQLStudyStore: StudyStorage, @unchecked Sendable {
    let engine: any SQLEngine
    private let cache = Mutex<[Int64: (history: StudyHistory, seq: Int64)]>([:])
    /// Study names by id (a study's name never changes).
    private let names = Mutex<[Int64: String]>([:])

    init(engine: any SQLEngine) {
        self.engine = engine
    }

    public var location: String { engine.location }

    // MARK: - Rows

    private static let trialColumns = "number, state, params, value, started_at, finished_at, failure_reason, attributes, owner, lease_expires_at"

    private func malformed(_ what: String) -> StorageError {
        .notADatabase(path: location, reason: what)
    }

    private func decodeStored(_ row: SQLRow, intermediate: [Int: Double]) throws -> StoredTrial {
        guard let number = row["number"].int else { throw malformed("a trial row without a number") }
        do {
            guard let stateText = row["state"].string, let state = TrialState(rawValue: stateText) else {
                throw JSONDecodingFailure(what: "state of trial \(number)")
            }
            guard let params = row["params"].string, let attributes = row["attributes"].string else {
                throw JSONDecodingFailure(what: "trial \(number)")
            }
            let trial = Trial(
                number: number, state: state, params: try StoredJSON.decodeParams(params),
                value: row["value"].double, intermediateValues: intermediate,
                startedAt: row["started_at"].double.map { Date(timeIntervalSince1970: $0) },
                finishedAt: row["finished_at"].double.map { Date(timeIntervalSince1970: $0) },
                failureReason: row["failure_reason"].string,
                attributes: try StoredJSON.decodeAttributes(attributes))
            let owner = try row["owner"].string.map(StoredJSON.decodeWorker)
            let lease = row["lease_expires_at"].double.map { Date(timeIntervalSince1970: $0) }
            return StoredTrial(trial: trial, owner: owner, leaseExpiresAt: lease)
        } catch let failure as JSONDecodingFailure {
            throw malformed("\(failure) in trial \(number)")
        }
    }

    private func record(_ row: SQLRow) throws -> StudyRecord {
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

    private func studyName(_ s: any SQLSession, _ study: Int64) throws -> String {
        if let name = names.withLock({ $0[study] }) { return name }
        guard let name = try s.row("SELECT name FROM sweep_studies WHERE id = ?", [.integer(study)])?["name"].string else {
            throw StorageError.studyNotFound(name: "#\(study)", location: location)
        }
        names.withLock { $0[study] = name }
        return name
    }

    private func intermediateValues(_ s: any SQLSession, study: Int64, numbers: [Int]?) throws -> [Int: [Int: Double]] {
        var out: [Int: [Int: Double]] = [:]
        let rows: [SQLRow]
        if let numbers {
            if numbers.isEmpty { return [:] }
            // Numbers are integers we produced; inlining them keeps the statement portable.
            rows = try s.rows("SELECT number, step, value FROM sweep_intermediate_values WHERE study_id = ? AND number IN ("
                              + numbers.map(String.init).joined(separator: ",") + ")", [.integer(study)])
        } else {
            rows = try s.rows("SELECT number, step, value FROM sweep_intermediate_values WHERE study_id = ?", [.integer(study)])
        }
        for row in rows {
            guard let n = row["number"].int, let step = row["step"].int else { continue }
            out[n, default: [:]][step] = row["value"].double ?? .nan
        }
        return out
    }

    private func loadStored(_ s: any SQLSession, study: Int64, number: Int) throws -> StoredTrial {
        guard let row = try s.row("SELECT \(Self.trialColumns) FROM sweep_trials WHERE study_id = ? AND number = ?",
                                  [.integer(study), SQLValue(number)]) else {
            throw StorageError.trialNotFound(study: try studyName(s, study), number: number)
        }
        let iv = try intermediateValues(s, study: study, numbers: [number])
        return try decodeStored(row, intermediate: iv[number] ?? [:])
    }

    private func nextSeq(_ s: any SQLSession, study: Int64) throws -> Int64 {
        guard let seq = try s.row("UPDATE sweep_studies SET seq = seq + 1 WHERE id = ? RETURNING seq", [.integer(study)])?["seq"].int64 else {
            throw StorageError.studyNotFound(name: "#\(study)", location: location)
        }
        return seq
    }

    /// Writes a trial row (not its intermediate values) stamped with a new change number.
    private func save(_ s: any SQLSession, study: Int64, _ stored: StoredTrial, insert: Bool) throws {
        let seq = try nextSeq(s, study: study)
        let t = stored.trial
        let args: [SQLValue] = [
            .text(t.state.rawValue), .text(StoredJSON.encode(params: t.params)), SQLValue(t.value),
            SQLValue(t.startedAt), SQLValue(t.finishedAt), SQLValue(t.failureReason),
            .text(StoredJSON.encode(attributes: t.attributes)), SQLValue(stored.owner.map(StoredJSON.encode(worker:))),
            SQLValue(stored.leaseExpiresAt), .integer(seq), .integer(study), SQLValue(t.number),
        ]
        if insert {
            try s.execute("""
                INSERT INTO sweep_trials (state, params, value, started_at, finished_at, failure_reason, attributes, owner,
                                          lease_expires_at, seq, study_id, number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, args)
        } else {
            try s.execute("""
                UPDATE sweep_trials SET state = ?, params = ?, value = ?, started_at = ?, finished_at = ?, failure_reason = ?,
                                        attributes = ?, owner = ?, lease_expires_at = ?, seq = ?
                WHERE study_id = ? AND number = ?
                """, args)
        }
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

    /// Brings the cached history up to date with every change committed since the last sync.
    private func sync(_ s: any SQLSession, study: Int64) throws -> StudyHistory {
        var (history, seq) = cache.withLock { $0[study] } ?? (StudyHistory(trials: []), 0)
        let rows = try s.rows("SELECT \(Self.trialColumns), seq FROM sweep_trials WHERE study_id = ? AND seq > ? ORDER BY number",
                              [.integer(study), .integer(seq)])
        if !rows.isEmpty {
            let numbers = rows.compactMap { $0["number"].int }
            // Intermediate values of changed trials only (all of them when catching up from scratch).
            let iv = try intermediateValues(s, study: study, numbers: seq == 0 ? nil : numbers)
            for row in rows {
                let stored = try decodeStored(row, intermediate: iv[row["number"].int ?? -1] ?? [:])
                guard stored.trial.number <= history.trials.count else {
                    throw malformed("trial numbers are not contiguous at \(stored.trial.number)")
                }
                history.upsert(stored.trial)
                seq = max(seq, row["seq"].int64 ?? seq)
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
        try engine.write { s in
            try engine.lockStudy(s, id: study)
            let now = try engine.now(s)
            let name = try studyName(s, study)
            // Requeue abandoned trials (expired lease or dead local owner).
            for row in try s.rows("SELECT \(Self.trialColumns) FROM sweep_trials WHERE study_id = ? AND state = 'running'", [.integer(study)]) {
                let light = try decodeStored(row, intermediate: [:])
                guard TrialRules.isAbandoned(light, now: now) else { continue }
                var stored = try loadStored(s, study: study, number: light.trial.number)
                TrialRules.requeue(&stored, now: now)
                try save(s, study: study, stored, insert: false)
            }
            let history = try sync(s, study: study)
            let decision = try decide(history)
            var action = decision
            while case let .pruneWaiting(numbers, then) = action {
                for n in numbers {
                    var stored = try loadStored(s, study: study, number: n)
                    try TrialRules.pruneWaiting(&stored, study: name, now: now)
                    try save(s, study: study, stored, insert: false)
                }
                action = then
            }
            switch action {
            case let .claim(number, attributes):
                var stored = try loadStored(s, study: study, number: number)
                try TrialRules.claim(&stored, worker: worker, lease: lease, attributes: attributes, study: name, now: now)
                try save(s, study: study, stored, insert: false)
                return (stored.trial, decision)
            case let .create(params, attributes):
                let trial = Trial(number: history.trials.count, state: .running, params: params, startedAt: now, attributes: attributes)
                try save(s, study: study, StoredTrial(trial: trial, owner: worker, leaseExpiresAt: now.addingTimeInterval(lease)), insert: true)
                return (trial, decision)
            case .none, .pruneWaiting:
                return (nil, decision)
            }
        }
    }

    public func enqueue(study: Int64, params: [String: ParameterValue], attributes: [String: AttributeValue]) throws -> Trial {
        try engine.write { s in
            try engine.lockStudy(s, id: study)
            _ = try studyName(s, study)
            let count = try s.row("SELECT count(*) AS n FROM sweep_trials WHERE study_id = ?", [.integer(study)])?["n"].int ?? 0
            let trial = Trial(number: count, state: .waiting, params: params, attributes: attributes)
            try save(s, study: study, StoredTrial(trial: trial), insert: true)
            return trial
        }
    }

    /// Loads a trial, lets `body` check and change it, saves it; all in one write transaction.
    private func update<T>(study: Int64, trial: Int, _ body: (any SQLSession, String, Date, inout StoredTrial) throws -> (T, Bool)) throws -> T {
        try engine.write { s in
            try engine.lockStudy(s, id: study)
            let name = try studyName(s, study)
            var stored = try loadStored(s, study: study, number: trial)
            let (result, changed) = try body(s, name, try engine.now(s), &stored)
            if changed { try save(s, study: study, stored, insert: false) }
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
        try update(study: study, trial: trial) { s, name, _, stored in
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            try s.execute("DELETE FROM sweep_intermediate_values WHERE study_id = ? AND number = ? AND step = ?",
                          [.integer(study), SQLValue(trial), SQLValue(step)])
            try s.execute("INSERT INTO sweep_intermediate_values (study_id, number, step, value) VALUES (?, ?, ?, ?)",
                          [.integer(study), SQLValue(trial), SQLValue(step), .real(value)])
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

    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, worker: WorkerIdentity) throws {
        try engine.write { s in
            let name = try studyName(s, study)
            let stored = try loadStored(s, study: study, number: trial)
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            let now = try engine.now(s)
            try s.execute("DELETE FROM sweep_checkpoints WHERE study_id = ? AND number = ?", [.integer(study), SQLValue(trial)])
            try s.execute("INSERT INTO sweep_checkpoints (study_id, number, step, data, saved_at) VALUES (?, ?, ?, ?, ?)",
                          [.integer(study), SQLValue(trial), SQLValue(step), .blob(data), .real(now.timeIntervalSince1970)])
        }
    }

    public func checkpoint(study: Int64, trial: Int) throws -> (step: Int, data: Data)? {
        try engine.read { s in
            guard let row = try s.row("SELECT step, data FROM sweep_checkpoints WHERE study_id = ? AND number = ?",
                                      [.integer(study), SQLValue(trial)]),
                  let step = row["step"].int, let data = row["data"].data else { return nil }
            return (step, data)
        }
    }

    public func history(study: Int64) throws -> StudyHistory {
        try engine.read { s in try sync(s, study: study) }
    }

    public func trials(study: Int64) throws -> [Trial] {
        try engine.read { s in
            _ = try studyName(s, study)
            let iv = try intermediateValues(s, study: study, numbers: nil)
            return try s.rows("SELECT \(Self.trialColumns) FROM sweep_trials WHERE study_id = ? ORDER BY number", [.integer(study)])
                .map { row in try decodeStored(row, intermediate: iv[row["number"].int ?? -1] ?? [:]).trial }
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
