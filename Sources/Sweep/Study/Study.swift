import Foundation
import Logging
import SweepCore
import SweepMath
import SweepStore

/// A hyperparameter search: a search space, a sampler, a store of trials.
///
/// ```swift
/// let study = try Study.open(name: "mlp-digits", storage: SQLiteStorage(path: "sweeps/mlp.sqlite"),
///                            space: space, direction: .maximize, sampler: RandomSampler(), seed: 0)
/// while let trial = try study.ask(), study.trials().count <= 50 {
///     let lr = try trial.float("lr")
///     for epoch in 1...20 {
///         let acc = train(lr: lr, epoch: epoch)
///         try trial.report(step: epoch, value: acc)   // throws TrialPruned when the pruner says stop
///     }
///     try study.tell(trial, .value(accuracy))
/// }
/// ```
///
/// Or let the worker pool drive it: ``optimize(trials:workers:timeLimit:maxFailed:events:objective:)``.
///
/// A `Study` is safe to use from several threads. Every method reads and writes the store, so several
/// processes (and, with PostgreSQL, machines) can work on the same study at once.
public final class Study: Sendable {
    /// The stored study record.
    public let record: StudyRecord
    /// The declared search space, or nil for a purely define-by-run study.
    public let space: SearchSpace?
    /// Proposes new trials.
    public let sampler: any Sampler
    /// Stops unpromising trials from their intermediate values.
    public let pruner: any Pruner
    /// Optional multi-fidelity scheduler (successive halving, Hyperband, ASHA).
    public let scheduler: (any Scheduler)?
    /// Where trials live. Read from it freely; every write goes through this `Study` (ask, tell, report,
    /// release, enqueue, checkpoints, attributes), which applies the ``TrialLifecycle``.
    public let storage: any StudyStorage
    /// The identity this process uses as trial owner.
    public let worker: WorkerIdentity
    /// Seconds a running trial's lease lasts without a heartbeat.
    public let lease: Double
    /// Where the worker pool logs lost leases and failed heartbeats (see ``SweepLog``).
    public let logger: Logger
    /// The objectives (one or more) and constraints tells are checked against.
    public let objectives: StudyObjectives

    /// Study name.
    public var name: String { record.name }
    /// Optimisation direction.
    public var direction: Direction { record.direction }
    /// Seed of every random choice.
    public var seed: UInt64 { record.seed }

    init(record: StudyRecord, space: SearchSpace?, sampler: any Sampler, pruner: any Pruner, scheduler: (any Scheduler)?,
         storage: any StudyStorage, worker: WorkerIdentity, lease: Double, logger: Logger = SweepLog.default,
         objectives: StudyObjectives? = nil) {
        self.logger = logger
        self.objectives = objectives ?? .single(record.direction)
        self.record = record
        self.space = space
        self.sampler = sampler
        self.pruner = pruner
        self.scheduler = scheduler
        self.storage = storage
        self.worker = worker
        self.lease = lease
    }

    /// Opens the study called `name` in `storage`, creating it if needed.
    ///
    /// - Parameters:
    ///   - space: the declared search space (nil: define-by-run only, via ``RunningTrial/suggestFloat(_:_:_:log:step:)``…).
    ///   - direction: whether smaller or larger objective values are better.
    ///   - sampler: proposes parameters (default random).
    ///   - pruner: stops trials early from intermediate values (default none).
    ///   - scheduler: multi-fidelity scheduler (default none).
    ///   - seed: seed of every random choice; ignored when the study already exists (its stored seed wins).
    ///   - lease: seconds a running trial stays owned without a heartbeat (default 60).
    ///   - logger: where the worker pool logs lost leases and failed heartbeats (default ``SweepLog/default``).
    ///   - objectives: the objectives and constraints (default: one objective in `direction`); with
    ///     several, tells must give ``TrialOutcome/values(_:metrics:)`` with one value per objective.
    ///   - configSource, configHash: the config text stored with the study and the hash of its
    ///     unchangeable parts; when the study exists with a different hash, opening fails with
    ///     ``StudyError/configChanged(study:differences:)`` listing `differences(old)`.
    public static func open(
        name: String, storage: any StudyStorage, space: SearchSpace?, direction: Direction,
        sampler: any Sampler = RandomSampler(), pruner: any Pruner = NoPruner(), scheduler: (any Scheduler)? = nil,
        seed: UInt64 = 0, lease: Double = 60, worker: WorkerIdentity = .current(),
        configSource: String? = nil, configHash: String? = nil,
        differences: ((StudyRecord) -> [String])? = nil, logger: Logger = SweepLog.default,
        objectives: StudyObjectives? = nil
    ) throws -> Study {
        let source = configSource ?? Study.describe(space: space, direction: direction, seed: seed)
        let hash = configHash ?? Study.hash(source)
        var record: StudyRecord
        if let existing = try storage.study(named: name) {
            record = existing
            if existing.configHash != hash {
                let diffs = differences?(existing) ?? ["the stored config hash \(existing.configHash) differs from \(hash)"]
                if !diffs.isEmpty { throw StudyError.configChanged(study: name, differences: diffs) }
            }
            if existing.configSource != source || existing.configHash != hash {
                try storage.updateConfig(study: existing.id, source: source, hash: hash)
                record.configSource = source
                record.configHash = hash
            }
        } else {
            do {
                record = try storage.createStudy(name: name, direction: direction, seed: seed, configSource: source, configHash: hash)
            } catch StorageError.studyExists {
                // Another process created it between our check and our insert.
                return try open(name: name, storage: storage, space: space, direction: direction, sampler: sampler, pruner: pruner,
                                scheduler: scheduler, seed: seed, lease: lease, worker: worker, configSource: configSource,
                                configHash: configHash, differences: differences, logger: logger, objectives: objectives)
            }
        }
        return Study(record: record, space: space, sampler: sampler, pruner: pruner, scheduler: scheduler,
                     storage: storage, worker: worker, lease: lease, logger: logger, objectives: objectives)
    }

    /// A copy of this study handle acting as another owner (e.g. an external ask/tell caller).
    public func acting(as worker: WorkerIdentity, lease: Double? = nil) -> Study {
        Study(record: record, space: space, sampler: sampler, pruner: pruner, scheduler: scheduler, storage: storage,
              worker: worker, lease: lease ?? self.lease, logger: logger, objectives: objectives)
    }

    static func describe(space: SearchSpace?, direction: Direction, seed: UInt64) -> String {
        var parts = ["direction: \(direction.rawValue)", "seed: \(seed)"]
        if let space {
            parts += space.parameters.map { "\($0.name): \($0.domain)" + ($0.condition.map { " when \($0)" } ?? "") }
        }
        return parts.joined(separator: "\n")
    }

    /// FNV-1a 64-bit hash as hex: stable across runs and platforms (unlike `Hasher`).
    public static func hash(_ text: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }

    // MARK: - Reading

    /// All trials, by number.
    public func trials() throws -> [Trial] { try storage.history(study: record.id).trials }

    /// The current history (trials and counts).
    public func history() throws -> StudyHistory { try storage.history(study: record.id) }

    /// The best complete trial, or nil.
    public func bestTrial() throws -> Trial? { try trials().best(direction) }

    /// Trial `number` as stored, or nil when the study has no such trial.
    public func trial(number: Int) throws -> Trial? {
        try storage.trial(study: record.id, number: number)
    }

    /// Trial `number`'s place in the ``TrialLifecycle`` (paused trials told apart from waiting ones), or
    /// nil when the study has no such trial.
    public func lifecycleState(number: Int) throws -> TrialLifecycle.State? {
        try trial(number: number).map(TrialLifecycle.State.init(trial:))
    }

    // MARK: - Ask / tell

    /// Policy for creating new trials, checked inside the ask transaction (``AskLimits`` in SweepCore).
    public typealias AskLimits = SweepCore.AskLimits
    /// Why ``ask(limits:)`` returned nil (``AskStop`` in SweepCore).
    public typealias AskStop = SweepCore.AskStop

    /// The ask policy of this study under `limits` (pure; see ``AskPolicy``).
    public func policy(_ limits: AskLimits = AskLimits()) -> AskPolicy {
        AskPolicy(space: space, sampler: sampler, scheduler: scheduler, limits: limits, direction: record.direction, seed: record.seed)
    }

    /// Starts the next trial: a waiting (enqueued or interrupted) trial first, then a scheduler
    /// promotion, then a new proposal of the sampler (the rules of ``AskPolicy``). Returns nil when
    /// `limits` say stop.
    public func ask(limits: AskLimits = AskLimits()) throws -> RunningTrial? {
        try askWithReason(limits: limits).trial
    }

    /// ``ask(limits:)`` that also says why nothing was started.
    public func askWithReason(limits: AskLimits = AskLimits()) throws -> (trial: RunningTrial?, stop: AskStop?) {
        let (_, trial, stop) = try ask(limits: limits, finishing: nil)
        return (trial, stop)
    }

    /// Tells `finishing`'s outcome and asks for the next trial (the worker pool's step between trials,
    /// and the session's `tell` with `ask: true`). A finishing outcome and the ask are one storage
    /// transaction; a hand-back (``TrialOutcome/paused(step:)``, ``TrialOutcome/interrupted``) is
    /// written first, then the ask runs. Returns the told trial too.
    func ask(limits: AskLimits, finishing: (number: Int, outcome: TrialOutcome)?) throws
        -> (finished: Trial?, trial: RunningTrial?, stop: AskStop?)
    {
        let policy = policy(limits)
        var stop: AskStop?
        let decide: (StudyHistory) throws -> AskDecision = { history in
            let answer = try policy.decide(history)
            stop = answer.stop
            return answer.decision
        }
        var finished: Trial?
        let created: Trial?
        if let finishing, case let .finish(request) = try write(finishing.number, finishing.outcome) {
            (finished, created, _) = try storage.finishAndAsk(study: record.id, finishing: request, worker: worker, lease: lease,
                                                             decide: decide)
        } else {
            if let finishing { finished = try tell(number: finishing.number, finishing.outcome) }
            created = try storage.ask(study: record.id, worker: worker, lease: lease, decide: decide).trial
        }
        return (finished, created.map { RunningTrial(trial: $0, study: self) }, created == nil ? stop : nil)
    }

    /// Records how `trial` ended, or hands it back unfinished. Idempotent for final outcomes: telling
    /// the same one twice is accepted; a different outcome for a finished trial throws. NaN/inf values
    /// are recorded as failures. ``TrialOutcome/paused(step:)`` leaves the trial paused until the
    /// scheduler promotes it; ``TrialOutcome/interrupted`` makes it waiting, resumed by the next ask.
    @discardableResult
    public func tell(_ trial: RunningTrial, _ outcome: TrialOutcome) throws -> Trial {
        try tell(number: trial.number, outcome)
    }

    /// ``tell(_:_:)`` by trial number.
    /// - Throws: ``StudyError/unknownTrial(_:)`` for a negative number; ``StorageError/trialNotFound(study:number:)``
    ///   for a number no trial has; ``TrialLifecycleError`` for a pause at a negative step; for a hand-back,
    ///   ``StorageError/notOwner(study:number:owner:)`` / ``StorageError/trialNotRunning(study:number:state:)``
    ///   when this worker does not run the trial.
    @discardableResult
    public func tell(number: Int, _ outcome: TrialOutcome) throws -> Trial {
        guard number >= 0 else { throw StudyError.unknownTrial(number) }
        switch try write(number, outcome) {
        case let .finish(r):
            return try storage.finish(study: record.id, finishing: r, worker: worker)
        case let .release(attributes):
            try storage.release(study: record.id, trial: number, worker: worker, attributes: attributes)
            guard let released = try trial(number: number) else { throw StorageError.trialNotFound(study: name, number: number) }
            return released
        }
    }

    /// What telling `outcome` writes: the lifecycle's state after the event, as a finish or a release.
    enum Write {
        case finish(FinishRequest)
        /// Back to `waiting`, merging these attributes (the paused mark, or none for an interruption).
        case release([String: AttributeValue])
    }

    /// The write for `outcome` of a running trial (``TrialLifecycle/transition(from:on:)`` from `running`):
    /// a complete trial gets its objective vector (several objectives) and constraint violations.
    /// - Throws: ``StudyError/wrongValueCount(trial:expected:got:metrics:)``,
    ///   ``StudyError/missingMetric(trial:constraint:)`` before anything is written.
    func write(_ number: Int, _ outcome: TrialOutcome) throws -> Write {
        let next = try TrialLifecycle.transition(from: .running, on: outcome.event)
        guard next.isFinished else { return .release(next.storedAttributes) }
        var vector: [Double]?, reported: [String: Double] = [:]
        // The trial's recorded metrics (e.g. an mlp's cost attributes), read at most once.
        var recorded: [String: AttributeValue]?
        func storedAttributes() throws -> [String: AttributeValue] {
            if let recorded { return recorded }
            let read = try trial(number: number)?.attributes ?? [:]
            recorded = read
            return read
        }
        let value: Double?, reason: String?
        switch outcome {
        case let .value(v) where objectives.isMultiObjective && v.isFinite:
            // One measured value (the first objective's, e.g. an mlp's val_accuracy): the others must be
            // metrics the trial recorded (an mlp's cost attributes), else the tell is refused.
            guard let filled = objectives.vector(first: v, attributes: try storedAttributes()) else { throw wrongCount(number, got: 1) }
            (value, reason, vector) = (v, nil, filled)
        case let .value(v):
            (value, reason) = v.isFinite ? (v, nil) : (nil, "objective returned \(v)")
            vector = [v]
        case let .values(vs, metrics):
            guard vs.count == objectives.count else { throw wrongCount(number, got: vs.count) }
            let finite = vs.allSatisfy(\.isFinite)
            (value, reason) = finite ? (vs[0], nil) : (nil, "objective returned \(vs)")
            (vector, reported) = (vs, metrics)
        case let .failed(r): (value, reason) = (nil, r)
        case .pruned, .paused, .interrupted: (value, reason) = (nil, nil)
        }
        var attributes: [String: AttributeValue] = [:]
        guard next.stored == .complete, let vector else {
            return .finish(FinishRequest(trial: number, state: next.stored, value: value, failureReason: reason))
        }
        if !objectives.constraints.isEmpty {
            let c = try objectives.violations(trial: number, values: vector, metrics: reported, attributes: try storedAttributes())
            attributes[ProbabilityOfFeasibility.constraintsKey] = .array(c.map(AttributeValue.number))
        }
        if !reported.isEmpty { attributes[TrialAttributeKey.metrics] = .object(reported.mapValues(AttributeValue.number)) }
        return .finish(FinishRequest(trial: number, state: next.stored, value: value, failureReason: reason,
                                     values: objectives.isMultiObjective ? vector : nil, attributes: attributes))
    }

    private func wrongCount(_ number: Int, got: Int) -> StudyError {
        .wrongValueCount(trial: number, expected: objectives.count, got: got, metrics: objectives.metrics.map(\.name))
    }

    /// Records an intermediate value for a running trial and returns whether it should stop
    /// (pruner or scheduler decision). The embedded API: ``RunningTrial/report(step:value:)``.
    public func report(number: Int, step: Int, value: Double) throws -> ReportDecision {
        guard number >= 0 else { throw StudyError.unknownTrial(number) }
        return try decision(after: storage.report(study: record.id, trial: number, step: step, value: value, worker: worker), step: step)
    }

    /// Like ``report(number:step:value:)``, and stores `checkpoint` as the trial's latest checkpoint in the
    /// same transaction (see ``RunningTrial/saveCheckpoint(step:data:reporting:)``).
    public func report(number: Int, step: Int, value: Double, checkpoint: Data) throws -> ReportDecision {
        guard number >= 0 else { throw StudyError.unknownTrial(number) }
        return try decision(after: storage.saveCheckpoint(study: record.id, trial: number, step: step, data: checkpoint,
                                                   reporting: value, worker: worker), step: step)
    }

    /// The scheduler's and pruner's decision once `updated` has recorded its value at `step`.
    private func decision(after updated: Trial, step: Int) throws -> ReportDecision {
        if let scheduler, scheduler.shouldPause(updated, step: step) {
            return .pause
        }
        let history = try storage.history(study: record.id)
        if pruner.shouldPrune(updated, step: step, among: history.trials, direction: record.direction) {
            return .prune
        }
        return .continue
    }

    /// Adds a trial with fixed parameters; it runs before any new proposal.
    /// - Throws: ``StudyError/invalidParameters(_:)`` when they do not fit the declared space.
    @discardableResult
    public func enqueue(_ params: [String: ParameterValue], attributes: [String: AttributeValue] = [:]) throws -> Trial {
        var normalized = params
        if let space {
            do {
                normalized = try space.normalized(params)
            } catch let error as SearchSpaceError {
                throw StudyError.invalidParameters(error.description)
            }
        }
        return try storage.enqueue(study: record.id, params: normalized, attributes: attributes.merging([TrialAttributeKey.enqueued: .bool(true)]) { a, _ in a })
    }
}

/// What a report means for the trial.
public enum ReportDecision: Sendable, Equatable {
    /// Keep going.
    case `continue`
    /// Stop: the pruner judged the trial unpromising.
    case prune
    /// Stop for now: the trial reached its scheduler resource (rung); it may be promoted later.
    case pause
}
