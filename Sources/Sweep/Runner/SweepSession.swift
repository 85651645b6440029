import Foundation
import SweepCore
import SweepStore
import Synchronization

/// A sweep config opened against its store: the study (created or resumed) and the objective, ready to
/// run. This is what `sweep run`, `sweep resume` and `sweep worker` use, and, without ever building the
/// objective, `sweep ask`/`tell` (see ``ObjectiveLoading``).
public final class SweepSession: Sendable {
    public let config: SweepConfig
    public let location: StorageLocation
    public let study: Study
    /// Whether the study existed before this session (a resume).
    public let resumed: Bool
    /// Human-readable notes about allowed config changes on resume (e.g. a raised budget).
    public let notes: [String]
    /// The objective once built (or what building it threw), or nil before its first use.
    private let built: Mutex<Result<any Objective, any Error>?>

    /// When a session builds the objective (an `mlp` objective loads its dataset when built).
    public enum ObjectiveLoading: Sendable {
        /// Before the store is opened: a config whose objective cannot be built (bad settings,
        /// unreadable data) is refused before anything is created or changed. What running trials needs.
        case beforeOpening
        /// On the first read of ``SweepSession/objective``, if ever: for callers that evaluate trials
        /// themselves (`sweep ask`/`tell`), which then never load an `mlp` sweep's dataset.
        case onFirstUse
    }

    init(config: SweepConfig, location: StorageLocation, study: Study, objective: (any Objective)?, resumed: Bool, notes: [String]) {
        self.config = config
        self.location = location
        self.study = study
        self.built = Mutex(objective.map { .success($0) })
        self.resumed = resumed
        self.notes = notes
    }

    /// What evaluates a trial, built from the config on first use (at most once per session).
    /// - Throws: what building it throws (``ConfigError``, ``DatasetError`` for unreadable data), again
    ///   on every read.
    public var objective: any Objective {
        get throws {
            try built.withLock { built in
                if built == nil { built = Result { try ObjectiveFactory.make(config: config, artifacts: artifacts) } }
                return try built!.get()
            }
        }
    }

    private var artifacts: URL { location.artifactsDirectory(sweepName: config.name) }

    /// Opens (creating or resuming) the sweep described by `config`.
    ///
    /// - Parameters:
    ///   - storage: overrides the config's `storage`.
    ///   - lease: seconds a running trial stays owned without a heartbeat.
    ///   - objective: when to build the objective (default: before the store is opened).
    ///   - use: how the store will be used (``StoreUse``).
    /// - Throws: ``StudyError/configChanged(study:differences:)`` when the stored sweep has a different
    ///   search space, objective, metric or seed; ``StorageError`` for store problems.
    public static func open(config: SweepConfig, storage: String? = nil, lease: Double = 60,
                            worker: WorkerIdentity = .current(), objective: ObjectiveLoading = .beforeOpening,
                            use: StoreUse = .shared) throws -> SweepSession {
        let location = try StorageLocation.parse(storage ?? config.storage, sweepName: config.name)
        // Objective, sampler, scheduler and pruner first: a config any of them refuses (bad settings,
        // unreadable data) is refused before the store is opened.
        let built = objective == .beforeOpening
            ? try ObjectiveFactory.make(config: config, artifacts: location.artifactsDirectory(sweepName: config.name)) : nil
        let methods = try Methods(config)
        let store = try location.open(use: use)
        return try open(config: config, location: location, store: store, existing: try store.study(named: config.name),
                        methods: methods, objective: built, lease: lease, worker: worker)
    }

    /// Opens (creating or resuming) the sweep of the YAML file at `path` for a caller that evaluates trials
    /// itself (`sweep ask`/`tell`/`enqueue`): the files the config refers to are not read (an `mlp`
    /// sweep's CSV may be elsewhere or gone) and the objective is built only if ``objective`` is read.
    /// - Throws: ``ConfigError`` for an unreadable or invalid file; what ``open(config:storage:lease:worker:objective:use:)`` throws.
    public static func openForAskTell(file path: String, lease: Double = 60, worker: WorkerIdentity = .current(),
                                      use: StoreUse = .shared) throws -> SweepSession {
        try open(config: try SweepConfig.load(path: path, checkFiles: false), lease: lease, worker: worker, objective: .onFirstUse, use: use)
    }

    /// The session on a store already open, where `existing` is the sweep's record read from it (nil: a
    /// new sweep). When `config` is what the record stores, the study is built from the record as it is:
    /// no second query, no re-parse of the stored config, nothing written.
    static func open(config: SweepConfig, location: StorageLocation, store: any StudyStorage, existing: StudyRecord?,
                     methods: Methods, objective: (any Objective)?, lease: Double, worker: WorkerIdentity) throws -> SweepSession {
        let hash = ConfigFingerprint.hash(config)
        let study: Study
        var notes: [String] = []
        if let existing, existing.configSource == config.source, existing.configHash == hash {
            study = Study(record: existing, space: config.space, sampler: methods.sampler, pruner: methods.pruner,
                          scheduler: methods.scheduler, storage: store, worker: worker, lease: lease,
                          objectives: StudyObjectives(config))
        } else {
            // The stored config, parsed once: for the notes and for the differences when the hash changed.
            let stored = existing.flatMap { try? SweepConfig.parse(yaml: $0.configSource, file: "<stored config of \(config.name)>") }
            if let old = stored {
                if old.budget != config.budget { notes.append("budget changed: \(describe(old.budget)) → \(describe(config.budget))") }
                if old.method != config.method { notes.append("method changed: \(old.method.name) → \(config.method.name)") }
            }
            study = try Study.open(
                name: config.name, storage: store, space: config.space, direction: config.metric.goal,
                sampler: methods.sampler, pruner: methods.pruner, scheduler: methods.scheduler, seed: config.seed,
                lease: lease, worker: worker, configSource: config.source, configHash: hash,
                differences: { record in
                    let parsed = record.configSource == existing?.configSource ? stored
                        : try? SweepConfig.parse(yaml: record.configSource, file: "<stored config>")
                    guard let old = parsed else { return ["the stored sweep was not created from a sweep file"] }
                    return ConfigFingerprint.differences(old: old, new: config)
                }, objectives: StudyObjectives(config))
            if existing == nil { try methods.warmStart?.enqueueBest(into: study) }
        }
        return SweepSession(config: config, location: location, study: study, objective: objective,
                            resumed: existing != nil, notes: notes)
    }

    /// The sampler, scheduler and pruner a config names (made before the store is opened, so a config
    /// they refuse changes nothing).
    struct Methods {
        let sampler: any Sampler
        let scheduler: (any Scheduler)?
        let pruner: any Pruner
        /// `warm_start:`'s earlier sweep: prior observations for the sampler, best configurations to enqueue.
        let warmStart: WarmStart?

        init(_ config: SweepConfig) throws {
            warmStart = try config.warmStart.map { try WarmStart.load($0, for: config) }
            let base = config.isMultiObjective
                ? try MethodRegistry.makeMultiObjectiveSampler(config.method, directions: config.directions)
                : try MethodRegistry.makeSampler(config.method, space: config.space)
            sampler = warmStart.map { $0.sampler(wrapping: base) } ?? base
            scheduler = try MethodRegistry.makeScheduler(config.method, config: config)
            pruner = try config.pruner.map { try PrunerRegistry.make($0) } ?? NoPruner()
        }
    }

    /// Runs the sweep with the config's budget.
    /// - Throws: ``ConfigError`` when the sweep has no objective (ask/tell only).
    @discardableResult
    public func run(workers: Int? = nil, events: (any OptimizeObserver)? = nil, stop: StopFlag = StopFlag()) throws -> OptimizeSummary {
        try config.requireObjective(command: "sweep run")
        let options = OptimizeOptions(trials: config.budget.trials, workers: workers ?? config.budget.workers,
                                      timeLimit: config.budget.timeLimit, maxFailed: config.budget.maxFailed,
                                      target: config.budget.target)
        return try study.optimize(options, events: events, stop: stop, objective: try objective)
    }

    static func describe(_ b: Budget) -> String {
        var parts = ["trials \(b.trials.map(String.init) ?? "unlimited")", "workers \(b.workers)"]
        if let t = b.timeLimit { parts.append("time_limit \(Int(t))s") }
        if let m = b.maxFailed { parts.append("max_failed \(m)") }
        if let t = b.target { parts.append("target \(t)") }
        return parts.joined(separator: ", ")
    }
}

/// Builds the objective a config describes.
public enum ObjectiveFactory {
    public static func make(config: SweepConfig, artifacts: URL) throws -> any Objective {
        SessionProbe.count(\.objectivesBuilt)
        return try config.objective.spec.makeObjective(config: config, artifacts: artifacts)
    }
}
