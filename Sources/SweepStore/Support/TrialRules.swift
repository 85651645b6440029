import Foundation
import SweepCore

/// A trial plus the ownership data every backend keeps next to it.
struct StoredTrial: Sendable {
    var trial: Trial
    /// Owner of a running trial (mirrored into `trial.owner` as a label).
    var owner: WorkerIdentity? {
        didSet { trial.owner = owner?.label }
    }
    /// When the lease of a running trial runs out.
    var leaseExpiresAt: Date?

    init(trial: Trial, owner: WorkerIdentity? = nil, leaseExpiresAt: Date? = nil) {
        self.trial = trial
        self.owner = owner
        self.leaseExpiresAt = leaseExpiresAt
        self.trial.owner = owner?.label
    }
}

/// The state-transition rules shared by all backends, so they behave identically.
enum TrialRules {
    /// Checks that `worker` may act on the running trial `stored`.
    static func requireOwner(_ stored: StoredTrial, worker: WorkerIdentity, study: String) throws {
        let t = stored.trial
        if t.state.isFinished {
            throw StorageError.trialAlreadyFinished(study: study, number: t.number, state: t.state.rawValue)
        }
        guard t.state == .running else {
            throw StorageError.trialNotRunning(study: study, number: t.number, state: t.state.rawValue)
        }
        if let owner = stored.owner, owner.id != worker.id {
            // External (CLI ask/tell) trials may be finished by any external caller.
            if !(owner.external && worker.external) {
                throw StorageError.notOwner(study: study, number: t.number, owner: owner.description)
            }
        }
    }

    /// Applies a finish, or accepts a repeat of the same finish (idempotent tell).
    /// Returns false when nothing needs writing (repeat).
    static func finish(_ stored: inout StoredTrial, state: TrialState, value: Double?, failureReason: String?,
                       worker: WorkerIdentity, study: String, now: Date) throws -> Bool {
        try finish(&stored, FinishRequest(trial: stored.trial.number, state: state, value: value, failureReason: failureReason),
                   worker: worker, study: study, now: now)
    }

    /// ``finish(_:state:value:failureReason:worker:study:now:)`` with the request's objective vector and
    /// attributes; a repeat must carry the same vector.
    static func finish(_ stored: inout StoredTrial, _ request: FinishRequest, worker: WorkerIdentity, study: String,
                       now: Date) throws -> Bool {
        let (state, value, failureReason) = (request.state, request.value, request.failureReason)
        precondition(state.isFinished, "finish needs a finished state")
        let t = stored.trial
        if t.state.isFinished {
            let sameValue = t.value == value || (t.value?.isNaN == true && value?.isNaN == true)
            if t.state == state && sameValue && t.values == request.values { return false }
            throw StorageError.trialAlreadyFinished(study: study, number: t.number, state: t.state.rawValue)
        }
        try requireOwner(stored, worker: worker, study: study)
        stored.trial.state = state
        stored.trial.value = value ?? (state == .pruned ? stored.trial.lastIntermediate?.value : nil)
        stored.trial.failureReason = failureReason
        stored.trial.values = request.values
        stored.trial.attributes.merge(request.attributes) { _, new in new }
        stored.trial.finishedAt = now
        stored.owner = nil
        stored.leaseExpiresAt = nil
        return true
    }

    /// Whether a running trial has been abandoned (lease expired or owner process gone).
    static func isAbandoned(_ stored: StoredTrial, now: Date) -> Bool {
        guard stored.trial.state == .running else { return false }
        if let expiry = stored.leaseExpiresAt, expiry < now { return true }
        if let owner = stored.owner, owner.isKnownDead { return true }
        return false
    }

    /// Requeues an abandoned trial, or fails it after too many requeues.
    static func requeue(_ stored: inout StoredTrial, now: Date) {
        let retries = (stored.trial.attributes[StorageDefaults.retriesAttribute]?.int ?? 0) + 1
        let previous = stored.owner?.description ?? "its worker"
        stored.trial.attributes[StorageDefaults.retriesAttribute] = .number(Double(retries))
        stored.owner = nil
        stored.leaseExpiresAt = nil
        if retries > StorageDefaults.maxRetries {
            stored.trial.state = .failed
            stored.trial.finishedAt = now
            stored.trial.failureReason = "abandoned \(retries) times (last by \(previous)); not retried again"
        } else {
            stored.trial.state = .waiting
        }
    }

    /// Claims a waiting trial for `worker`.
    static func claim(_ stored: inout StoredTrial, worker: WorkerIdentity, lease: Double, attributes: [String: AttributeValue],
                      study: String, now: Date) throws {
        guard stored.trial.state == .waiting else {
            throw StorageError.trialNotWaiting(study: study, number: stored.trial.number, state: stored.trial.state.rawValue)
        }
        stored.trial.state = .running
        if stored.trial.startedAt == nil { stored.trial.startedAt = now }
        stored.trial.attributes[StorageDefaults.pausedAttribute] = nil
        stored.trial.attributes.merge(attributes) { _, new in new }
        stored.owner = worker
        stored.leaseExpiresAt = now.addingTimeInterval(lease)
    }

    /// Ends a waiting (paused) trial as pruned, keeping its last intermediate value.
    static func pruneWaiting(_ stored: inout StoredTrial, study: String, now: Date) throws {
        guard stored.trial.state == .waiting else {
            if stored.trial.state == .pruned { return }
            throw StorageError.trialNotRunning(study: study, number: stored.trial.number, state: stored.trial.state.rawValue)
        }
        stored.trial.state = .pruned
        stored.trial.value = stored.trial.lastIntermediate?.value
        stored.trial.finishedAt = now
        stored.owner = nil
        stored.leaseExpiresAt = nil
    }

    /// Releases a running trial back to waiting.
    static func release(_ stored: inout StoredTrial, worker: WorkerIdentity, attributes: [String: AttributeValue], study: String) throws {
        try requireOwner(stored, worker: worker, study: study)
        stored.trial.state = .waiting
        stored.trial.attributes.merge(attributes) { _, new in new }
        stored.owner = nil
        stored.leaseExpiresAt = nil
    }
}
