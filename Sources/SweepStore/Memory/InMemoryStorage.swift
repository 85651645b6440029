import Foundation
import SweepCore
import Synchronization

/// A store that lives in this process only: for tests, examples and throwaway sweeps
/// (`storage: memory`). Same contract as the persistent backends.
public final class InMemoryStorage: StudyStorage {
    private struct StudyData {
        var record: StudyRecord
        var history = StudyHistory(trials: [])
        var owners: [Int: (owner: WorkerIdentity, leaseExpiresAt: Date)] = [:]
        var checkpoints: [Int: (step: Int, data: Data)] = [:]

        func stored(_ n: Int) -> StoredTrial {
            StoredTrial(trial: history.trials[n], owner: owners[n]?.owner, leaseExpiresAt: owners[n]?.leaseExpiresAt)
        }

        /// While an operation runs: each stored trial's previous version (nil: it was new), to undo.
        var undo: [(number: Int, previous: StoredTrial?)] = []

        mutating func store(_ s: StoredTrial) {
            let n = s.trial.number
            undo.append((n, n < history.trials.count ? stored(n) : nil))
            storeWithoutUndo(s)
        }

        private mutating func storeWithoutUndo(_ s: StoredTrial) {
            history.upsert(s.trial)
            if let owner = s.owner, let lease = s.leaseExpiresAt {
                owners[s.trial.number] = (owner, lease)
            } else {
                owners[s.trial.number] = nil
            }
        }

        /// Undoes the trial changes of a failed operation, newest first (like a rolled-back transaction).
        mutating func rollBack() {
            for (n, previous) in undo.reversed() {
                if let previous {
                    storeWithoutUndo(previous)
                } else {
                    history.removeLast()
                    owners[n] = nil
                }
            }
            undo.removeAll()
        }

        /// Applies `body` to trial `n`; rules throw before changing anything, so a throw leaves it intact.
        mutating func update<T>(_ n: Int, _ body: (inout StoredTrial) throws -> T) throws -> T {
            guard n >= 0 && n < history.trials.count else {
                throw StorageError.trialNotFound(study: record.name, number: n)
            }
            var s = stored(n)
            let result = try body(&s)
            store(s)
            return result
        }
    }

    private let state = Mutex<(studies: [Int64: StudyData], nextID: Int64)>(([:], 1))
    public let location = "memory"

    public init() {}

    public func createStudy(name: String, direction: Direction, seed: UInt64, configSource: String, configHash: String) throws -> StudyRecord {
        try state.withLock { s in
            if s.studies.values.contains(where: { $0.record.name == name }) {
                throw StorageError.studyExists(name: name, location: location)
            }
            let record = StudyRecord(id: s.nextID, name: name, direction: direction, seed: seed,
                                     configSource: configSource, configHash: configHash, createdAt: Date())
            s.studies[s.nextID] = StudyData(record: record)
            s.nextID += 1
            return record
        }
    }

    public func study(named name: String) throws -> StudyRecord? {
        state.withLock { s in s.studies.values.first { $0.record.name == name }?.record }
    }

    public func studies() throws -> [StudyRecord] {
        state.withLock { s in s.studies.values.map(\.record).sorted { $0.id < $1.id } }
    }

    public func updateConfig(study: Int64, source: String, hash: String) throws {
        try withStudy(study) { d in
            d.record.configSource = source
            d.record.configHash = hash
        }
    }

    /// Runs `body` on the study's data in place (taken out of the dictionary so it is uniquely referenced
    /// and mutations do not copy the trial array).
    private func withStudy<T>(_ id: Int64, _ body: (inout StudyData) throws -> T) throws -> T {
        try state.withLock { s in
            guard var d = s.studies.removeValue(forKey: id) else {
                throw StorageError.studyNotFound(name: "#\(id)", location: location)
            }
            defer { s.studies[id] = d }
            // Like a transaction: a throw undoes every trial change the operation made.
            d.undo.removeAll(keepingCapacity: true)
            do {
                let result = try body(&d)
                d.undo.removeAll(keepingCapacity: true)
                return result
            } catch {
                d.rollBack()
                throw error
            }
        }
    }

    public func ask(study: Int64, worker: WorkerIdentity, lease: Double,
                    decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision) {
        try withStudy(study) { d in try ask(&d, worker: worker, lease: lease, decide: decide) }
    }

    private func ask(_ d: inout StudyData, worker: WorkerIdentity, lease: Double,
                     decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision) {
        let now = Date()
        for n in Array(d.owners.keys) where TrialRules.isAbandoned(d.stored(n), now: now) {
            try d.update(n) { TrialRules.requeue(&$0, now: now) }
        }
        let decision = try decide(d.history)
        var action = decision
        while case let .pruneWaiting(numbers, then) = action {
            let name = d.record.name
            for n in numbers { try d.update(n) { try TrialRules.pruneWaiting(&$0, study: name, now: now) } }
            action = then
        }
        switch action {
        case let .claim(number, attributes):
            let name = d.record.name
            let trial = try d.update(number) { s -> Trial in
                try TrialRules.claim(&s, worker: worker, lease: lease, attributes: attributes, study: name, now: now)
                return s.trial
            }
            return (trial, decision)
        case let .create(params, attributes):
            let trial = Trial(number: d.history.trials.count, state: .running, params: params, startedAt: now, attributes: attributes)
            d.store(StoredTrial(trial: trial, owner: worker, leaseExpiresAt: now.addingTimeInterval(lease)))
            return (trial, decision)
        case .none, .pruneWaiting:
            return (nil, decision)
        }
    }

    public func finishAndAsk(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity, lease: Double,
                             decide: (StudyHistory) throws -> AskDecision) throws -> (finished: Trial, trial: Trial?, decision: AskDecision) {
        try withStudy(study) { d in
            let finished = try finish(&d, request, worker: worker)
            let (trial, decision) = try ask(&d, worker: worker, lease: lease, decide: decide)
            return (finished, trial, decision)
        }
    }

    public func enqueue(study: Int64, params: [String: ParameterValue], attributes: [String: AttributeValue]) throws -> Trial {
        try withStudy(study) { d in
            let trial = Trial(number: d.history.trials.count, state: .waiting, params: params, attributes: attributes)
            d.store(StoredTrial(trial: trial))
            return trial
        }
    }

    public func report(study: Int64, trial: Int, step: Int, value: Double, worker: WorkerIdentity) throws -> Trial {
        try withStudy(study) { d in
            let name = d.record.name
            return try d.update(trial) { s -> Trial in
                try TrialRules.requireOwner(s, worker: worker, study: name)
                s.trial.intermediateValues[step] = value
                return s.trial
            }
        }
    }

    public func addParams(study: Int64, trial: Int, _ params: [String: ParameterValue], worker: WorkerIdentity) throws -> Trial {
        try withStudy(study) { d in
            let name = d.record.name
            return try d.update(trial) { s -> Trial in
                try TrialRules.requireOwner(s, worker: worker, study: name)
                s.trial.params.merge(params) { old, _ in old }
                return s.trial
            }
        }
    }

    public func history(study: Int64) throws -> StudyHistory {
        try withStudy(study) { d in d.history }
    }

    public func setAttributes(study: Int64, trial: Int, _ attributes: [String: AttributeValue], worker: WorkerIdentity) throws {
        try withStudy(study) { d in
            let name = d.record.name
            try d.update(trial) { s in
                try TrialRules.requireOwner(s, worker: worker, study: name)
                s.trial.attributes.merge(attributes) { _, new in new }
            }
        }
    }

    public func finish(study: Int64, trial: Int, state: TrialState, value: Double?, failureReason: String?,
                       worker: WorkerIdentity) throws -> Trial {
        try withStudy(study) { d in
            try finish(&d, FinishRequest(trial: trial, state: state, value: value, failureReason: failureReason), worker: worker)
        }
    }

    public func finish(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity) throws -> Trial {
        try withStudy(study) { d in try finish(&d, request, worker: worker) }
    }

    private func finish(_ d: inout StudyData, _ request: FinishRequest, worker: WorkerIdentity) throws -> Trial {
        let name = d.record.name
        return try d.update(request.trial) { s -> Trial in
            _ = try TrialRules.finish(&s, request, worker: worker, study: name, now: Date())
            return s.trial
        }
    }

    public func release(study: Int64, trial: Int, worker: WorkerIdentity, attributes: [String: AttributeValue]) throws {
        try withStudy(study) { d in
            let name = d.record.name
            try d.update(trial) { s in try TrialRules.release(&s, worker: worker, attributes: attributes, study: name) }
        }
    }

    public func heartbeat(study: Int64, trials: [Int], worker: WorkerIdentity, lease: Double) throws -> Set<Int> {
        try withStudy(study) { d in
            var owned = Set<Int>()
            let now = Date()
            for n in trials {
                guard let entry = d.owners[n], entry.owner.id == worker.id else { continue }
                d.owners[n] = (entry.owner, now.addingTimeInterval(lease))
                owned.insert(n)
            }
            return owned
        }
    }

    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, worker: WorkerIdentity) throws {
        try withStudy(study) { d in
            let name = d.record.name
            try d.update(trial) { s in try TrialRules.requireOwner(s, worker: worker, study: name) }
            d.checkpoints[trial] = (step, data)
        }
    }

    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, reporting value: Double,
                               worker: WorkerIdentity) throws -> Trial {
        try withStudy(study) { d in
            let name = d.record.name
            let updated = try d.update(trial) { s -> Trial in
                try TrialRules.requireOwner(s, worker: worker, study: name)
                s.trial.intermediateValues[step] = value
                return s.trial
            }
            d.checkpoints[trial] = (step, data)
            return updated
        }
    }

    public func checkpoint(study: Int64, trial: Int) throws -> (step: Int, data: Data)? {
        try withStudy(study) { d in d.checkpoints[trial] }
    }

    public func trials(study: Int64) throws -> [Trial] {
        try withStudy(study) { d in d.history.trials }
    }

    public func trial(study: Int64, number: Int) throws -> Trial? {
        try withStudy(study) { d in number >= 0 && number < d.history.trials.count ? d.history.trials[number] : nil }
    }
}
