import Foundation
import SweepCore
import SweepStore

/// A sweep config opened against its store: the study (created or resumed) and the objective, ready to
/// run. This is what `sweep run`, `sweep resume` and `sweep worker` use.
public final class SweepSession: Sendable {
    public let config: SweepConfig
    public let location: StorageLocation
    public let study: Study
    public let objective: any Objective
    /// Whether the study existed before this session (a resume).
    public let resumed: Bool
    /// Human-readable notes about allowed config changes on resume (e.g. a raised budget).
    public let notes: [String]

    init(config: SweepConfig, location: StorageLocation, study: Study, objective: any Objective, resumed: Bool, notes: [String]) {
        self.config = config
        self.location = location
        self.study = study
        self.objective = objective
        self.resumed = resumed
        self.notes = notes
    }

    /// Opens (creating or resuming) the sweep described by `config`.
    ///
    /// - Parameters:
    ///   - storage: overrides the config's `storage`.
    ///   - lease: seconds a running trial stays owned without a heartbeat.
    /// - Throws: ``StudyError/configChanged(study:differences:)`` when the stored sweep has a different
    ///   search space, objective, metric or seed; ``StorageError`` for store problems.
    public static func open(config: SweepConfig, storage: String? = nil, lease: Double = 60,
                            worker: WorkerIdentity = .current()) throws -> SweepSession {
        let location = try StorageLocation.parse(storage ?? config.storage, sweepName: config.name)
        // Objective, sampler, scheduler and pruner first: a config any of them refuses (bad settings,
        // unreadable data) is refused before the store is opened.
        let objective = try ObjectiveFactory.make(config: config, artifacts: location.artifactsDirectory(sweepName: config.name))
        let warmStart = try config.warmStart.map { try WarmStart.load($0, for: config) }
        let sampler = try warmStart.map { $0.sampler(wrapping: try MethodRegistry.makeSampler(config.method, space: config.space)) }
            ?? MethodRegistry.makeSampler(config.method, space: config.space)
        let scheduler = try MethodRegistry.makeScheduler(config.method, config: config)
        let pruner = try config.pruner.map { try PrunerRegistry.make($0) } ?? NoPruner()
        let store = try location.open()
        let existing = try store.study(named: config.name)
        var notes: [String] = []
        if let existing, let old = try? SweepConfig.parse(yaml: existing.configSource, file: "<stored config of \(config.name)>") {
            if old.budget != config.budget { notes.append("budget changed: \(describe(old.budget)) → \(describe(config.budget))") }
            if old.method != config.method { notes.append("method changed: \(old.method.name) → \(config.method.name)") }
        }
        let study = try Study.open(
            name: config.name, storage: store, space: config.space, direction: config.metric.goal,
            sampler: sampler, pruner: pruner, scheduler: scheduler, seed: config.seed, lease: lease, worker: worker,
            configSource: config.source, configHash: ConfigFingerprint.hash(config),
            differences: { record in
                guard let old = try? SweepConfig.parse(yaml: record.configSource, file: "<stored config>") else {
                    return ["the stored sweep was not created from a sweep file"]
                }
                return ConfigFingerprint.differences(old: old, new: config)
            })
        if existing == nil { try warmStart?.enqueueBest(into: study) }
        return SweepSession(config: config, location: location, study: study, objective: objective,
                            resumed: existing != nil, notes: notes)
    }

    /// Runs the sweep with the config's budget.
    /// - Throws: ``ConfigError`` when the sweep has no objective (ask/tell only).
    @discardableResult
    public func run(workers: Int? = nil, events: (any OptimizeObserver)? = nil, stop: StopFlag = StopFlag()) throws -> OptimizeSummary {
        try config.requireObjective(command: "sweep run")
        let options = OptimizeOptions(trials: config.budget.trials, workers: workers ?? config.budget.workers,
                                      timeLimit: config.budget.timeLimit, maxFailed: config.budget.maxFailed,
                                      target: config.budget.target)
        return try study.optimize(options, events: events, stop: stop, objective: objective)
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
        try config.objective.spec.makeObjective(config: config, artifacts: artifacts)
    }
}
