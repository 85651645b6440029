import Foundation
import SweepCore

/// Persistence of studies and their trials. One contract, three backends: ``InMemoryStorage`` (tests,
/// throwaway sweeps), ``SQLiteStorage`` (the default: one file per sweep, many processes on one
/// machine) and `PostgresStorage` (many machines).
///
/// Contract (the shared test suite checks it against every backend):
/// - Trial numbers are dense per study, starting at 0; trials are never deleted.
/// - ``ask(study:worker:lease:decide:)`` is atomic: the history `decide` sees and the trial it creates or
///   claims are one transaction, so concurrent askers (threads, processes, machines) never get the same
///   trial and samplers always see every earlier trial, pending ones included.
/// - A running trial has exactly one owner. Only the owner may report, checkpoint or finish it; a
///   finished trial never changes again. Finishing twice with the same outcome is accepted (idempotent).
/// - Running trials whose lease expired (no heartbeat for `lease` seconds, by the store's clock), or whose
///   owner is a process on this host that no longer exists, are handed back as `waiting` at the next
///   ask (keeping their checkpoint), up to `maxRetries` times; after that they fail.
/// - Every call either fully happens or leaves the store unchanged.
public protocol StudyStorage: AnyObject, Sendable {
    /// Where the data lives (path or URL without password), for messages.
    var location: String { get }

    /// Creates a study. Throws ``StorageError/studyExists(name:location:)`` if the name is taken.
    func createStudy(name: String, direction: Direction, seed: UInt64, configSource: String, configHash: String) throws -> StudyRecord
    /// The study called `name`, or nil.
    func study(named name: String) throws -> StudyRecord?
    /// Every study in the store.
    func studies() throws -> [StudyRecord]
    /// Replaces the stored config (for raised budgets and other allowed changes).
    func updateConfig(study: Int64, source: String, hash: String) throws

    /// Atomically: requeue abandoned trials, show the history to `decide` (`Study` passes its
    /// ``AskPolicy``), then create or claim the
    /// trial it asks for, owned by `worker` with a lease of `lease` seconds. Returns the trial, or nil
    /// for ``AskDecision/none(retry:)`` (the decision is returned too).
    func ask(study: Int64, worker: WorkerIdentity, lease: Double,
             decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision)

    /// Finishes a running trial and asks for the next one in a single transaction — what a worker does
    /// between trials, at half the cost of ``finish(study:trial:state:value:failureReason:worker:)``
    /// followed by ``ask(study:worker:lease:decide:)``. If finishing fails, nothing happens.
    func finishAndAsk(study: Int64, finishing: FinishRequest, worker: WorkerIdentity, lease: Double,
                      decide: (StudyHistory) throws -> AskDecision) throws -> (finished: Trial, trial: Trial?, decision: AskDecision)

    /// Adds a waiting trial with fixed parameters; the next ask claims it first.
    func enqueue(study: Int64, params: [String: ParameterValue], attributes: [String: AttributeValue]) throws -> Trial

    /// Adds parameters to a running trial (define-by-run suggestions); existing names keep their values.
    func addParams(study: Int64, trial: Int, _ params: [String: ParameterValue], worker: WorkerIdentity) throws -> Trial

    /// Records an intermediate value (replacing one at the same step) and renews the lease.
    func report(study: Int64, trial: Int, step: Int, value: Double, worker: WorkerIdentity) throws -> Trial

    /// Merges attributes into a running trial.
    func setAttributes(study: Int64, trial: Int, _ attributes: [String: AttributeValue], worker: WorkerIdentity) throws

    /// Ends a running trial as complete, pruned or failed.
    func finish(study: Int64, trial: Int, state: TrialState, value: Double?, failureReason: String?,
                worker: WorkerIdentity) throws -> Trial

    /// Ends a running trial as `request` says, with its objective vector and attributes (constraint
    /// values) in the same write. Repeating the same finish is accepted (idempotent).
    func finish(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity) throws -> Trial

    /// Hands a running trial back as `waiting` (interrupted; resumable from its checkpoint), merging
    /// `attributes`. A trial paused at a rung gets `TrialLifecycle.State.paused(step:).storedAttributes`
    /// (`sweep.paused`, `sweep.paused_at`): it keeps its results and waits for a scheduler to promote it.
    /// Only `Study` calls this (it executes the ``TrialLifecycle``).
    func release(study: Int64, trial: Int, worker: WorkerIdentity, attributes: [String: AttributeValue]) throws

    /// Renews the leases of `trials`; returns the subset still owned by `worker`.
    func heartbeat(study: Int64, trials: [Int], worker: WorkerIdentity, lease: Double) throws -> Set<Int>

    /// Stores the latest checkpoint of a running trial (replacing an earlier one).
    func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, worker: WorkerIdentity) throws
    /// Stores the latest checkpoint of a running trial and its intermediate value at the same `step` in one
    /// transaction: after any interruption either both are stored or neither is, so a
    /// resumed trial never holds a checkpoint whose step has no value. Returns the updated trial.
    func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, reporting value: Double, worker: WorkerIdentity) throws -> Trial
    /// The latest checkpoint of a trial, if any.
    func checkpoint(study: Int64, trial: Int) throws -> (step: Int, data: Data)?

    /// All trials as a history (cheap: backends keep it cached and read only what changed).
    func history(study: Int64) throws -> StudyHistory

    /// All trials, by number.
    func trials(study: Int64) throws -> [Trial]
    /// One trial.
    func trial(study: Int64, number: Int) throws -> Trial?
}

/// How a trial ends, for ``StudyStorage/finishAndAsk(study:finishing:worker:lease:decide:)``.
public struct FinishRequest: Sendable, Equatable {
    public var trial: Int
    public var state: TrialState
    public var value: Double?
    public var failureReason: String?
    /// The objective vector of a multi-objective trial (``Trial/values``); nil for one objective.
    public var values: [Double]?
    /// Attributes merged into the trial with the finish (the `constraints` values, reported metrics).
    public var attributes: [String: AttributeValue]

    public init(trial: Int, state: TrialState, value: Double?, failureReason: String?, values: [Double]? = nil,
                attributes: [String: AttributeValue] = [:]) {
        self.trial = trial
        self.state = state
        self.value = value
        self.failureReason = failureReason
        self.values = values
        self.attributes = attributes
    }
}

extension StudyStorage {
    /// Default for other conformers (written before objective vectors existed): the attributes, then the
    /// finish. Such a store cannot keep a vector: a request with ``FinishRequest/values`` is refused
    /// before anything is written.
    public func finish(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity) throws -> Trial {
        guard request.values == nil else {
            throw StorageError.backend(location: location, reason: "this store keeps one value per trial; it cannot store objective vectors")
        }
        if !request.attributes.isEmpty { try setAttributes(study: study, trial: request.trial, request.attributes, worker: worker) }
        return try finish(study: study, trial: request.trial, state: request.state, value: request.value,
                          failureReason: request.failureReason, worker: worker)
    }

    /// Default for other conformers: two steps (finish, then ask). The stores in this module override it
    /// with one transaction.
    public func finishAndAsk(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity, lease: Double,
                             decide: (StudyHistory) throws -> AskDecision) throws -> (finished: Trial, trial: Trial?, decision: AskDecision) {
        let finished = try finish(study: study, trial: request.trial, state: request.state, value: request.value,
                                  failureReason: request.failureReason, worker: worker)
        let (trial, decision) = try ask(study: study, worker: worker, lease: lease, decide: decide)
        return (finished, trial, decision)
    }

    /// Default for other conformers: two steps (checkpoint, then report), which is NOT atomic. The stores
    /// in this module override it with one transaction.
    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, reporting value: Double,
                               worker: WorkerIdentity) throws -> Trial {
        try saveCheckpoint(study: study, trial: trial, step: step, data: data, worker: worker)
        return try report(study: study, trial: trial, step: step, value: value, worker: worker)
    }
}

/// Limits on requeueing abandoned trials.
public enum StorageDefaults {
    /// How many times an abandoned trial is requeued before it is failed.
    public static let maxRetries = 5
    /// Attribute counting requeues.
    public static let retriesAttribute = TrialAttributeKey.retries
    /// Attribute marking a waiting trial as paused for promotion (multi-fidelity) rather than enqueued.
    public static let pausedAttribute = TrialLifecycle.pausedAttribute
}
