import Foundation
import SweepCore
import SweepStore

/// An earlier sweep's trials, mapped into a new sweep's search space, to start the new sweep from.
///
/// - Its complete trials with a finite value whose parameters fit the new space become *prior
///   observations*: ``sampler(wrapping:)`` hands them to the sampler with every proposal, before the
///   new sweep's own trials, so GP (`bayes`) and TPE fit them from the first trial (and skip their
///   initial random/Sobol design once there are enough). They are numbered −n … −1 so they never
///   clash with the new sweep's trial numbers; they are never stored in the new sweep.
/// - Its best ``WarmStartSpec/top`` distinct configurations are enqueued first
///   (``enqueueBest(into:)``), so the new sweep re-evaluates them before proposing anything.
///
/// Mapping: parameters the new space does not have are dropped, parameters inactive under the new
/// space's conditions are dropped, and a trial missing an active parameter of the new space, or with
/// a value outside its new domain, is left out. Deterministic: no randomness is involved.
public struct WarmStart: Sendable {
    /// The earlier sweep's name.
    public let sweep: String
    /// Prior observations in the new space, in the earlier sweep's order, numbered −n … −1.
    public let priorTrials: [Trial]
    /// Complete trials of the earlier sweep that did not fit the new space.
    public let dropped: Int
    /// How many of the best to enqueue.
    public let top: Int
    /// The new sweep's direction (ranks the priors).
    public let direction: Direction

    /// Attribute set on the trials ``enqueueBest(into:)`` enqueues: the earlier sweep's name.
    public static let attribute = TrialAttributeKey.warmStart

    public init(sweep: String, trials: [Trial], space: SearchSpace, direction: Direction, top: Int) {
        self.sweep = sweep
        self.top = top
        self.direction = direction
        var mapped: [Trial] = []
        var dropped = 0
        for t in trials where t.state == .complete && (t.value?.isFinite ?? false) {
            guard let params = Self.map(t.params, into: space) else { dropped += 1; continue }
            var prior = t
            prior.params = params
            prior.attributes = [Self.attribute: .string(sweep)]
            prior.owner = nil
            mapped.append(prior)
        }
        // Numbered −n … −1 in the earlier sweep's order, so the history stays in number order.
        for i in mapped.indices { mapped[i].number = i - mapped.count }
        priorTrials = mapped
        self.dropped = dropped
    }

    /// `params` restricted to `space` (unknown and inactive parameters dropped), normalised; nil
    /// when they do not fit it.
    static func map(_ params: [String: ParameterValue], into space: SearchSpace) -> [String: ParameterValue]? {
        var kept = params.filter { space[$0.key] != nil }
        for p in space.parameters where kept[p.name] != nil && !space.isActive(p, in: kept) { kept[p.name] = nil }
        return try? space.normalized(kept)
    }

    /// Loads the sweep `spec` names and maps its trials into `config`'s space.
    /// - Throws: ``ConfigError`` naming the file, line and `warm_start` key when the sweep cannot be
    ///   found, or optimises the other direction or another metric.
    public static func load(_ spec: WarmStartSpec, for config: SweepConfig) throws -> WarmStart {
        func refuse(_ message: String, key: String = "warm_start.from", line: Int? = spec.line) -> ConfigError {
            ConfigError.invalid(file: spec.file, line: line, key: key, message: message)
        }
        if let storage = spec.storage, case let .sqlite(path)? = try? StorageLocation.parse(storage, sweepName: spec.from),
           !FileManager.default.fileExists(atPath: path) {
            // Opening would create an empty database.
            throw refuse("no such file \(path): the earlier sweep's database", key: "warm_start.storage", line: spec.storageLine)
        }
        let locator: SweepLocator
        do {
            locator = try sharedStore(spec, config: config) ?? SweepLocator.locate(spec.from, storage: spec.storage)
        } catch let error as StorageError {
            if case .studyNotFound = error {
                throw refuse("no earlier sweep '\(spec.from)' to warm-start from: \(error); give its name, YAML file or database, or warm_start.storage")
            }
            throw refuse("cannot open the earlier sweep '\(spec.from)': \(error)", key: spec.storage == nil ? "warm_start.from" : "warm_start.storage",
                         line: spec.storage == nil ? spec.line : spec.storageLine)
        }
        if locator.record.name == config.name, StorageLocation.sameStore(locator, config: config) {
            throw refuse("a sweep cannot warm-start from itself ('\(config.name)')")
        }
        guard locator.record.direction == config.metric.goal else {
            throw refuse("sweep '\(locator.record.name)' \(locator.record.direction.rawValue)s its metric but this one \(config.metric.goal.rawValue)s '\(config.metric.name)'; warm-start from a sweep of the same metric")
        }
        if let earlier = try? SweepConfig.parse(yaml: locator.record.configSource, file: "<stored config of \(locator.record.name)>"),
           earlier.metric.name != config.metric.name {
            throw refuse("sweep '\(locator.record.name)' optimised '\(earlier.metric.name)', this one '\(config.metric.name)'; warm-start from a sweep of the same metric")
        }
        let trials = try locator.storage.trials(study: locator.record.id)
        return WarmStart(sweep: locator.record.name, trials: trials, space: config.space, direction: config.metric.goal, top: spec.top)
    }

    /// Without `warm_start.storage`, a plain sweep name is looked up first in the store the new sweep
    /// itself names (`storage:` in its file: a shared SQLite file that exists, or PostgreSQL), then
    /// in `sweeps/NAME.sqlite`. Nil when the new sweep's store does not hold it.
    static func sharedStore(_ spec: WarmStartSpec, config: SweepConfig) throws -> SweepLocator? {
        guard spec.storage == nil, let own = config.storage, SweepConfig.nameProblem(spec.from) == nil,
              !spec.from.hasSuffix(".yaml"), !spec.from.hasSuffix(".yml"), !FileManager.default.fileExists(atPath: spec.from),
              let location = try? StorageLocation.parse(own, sweepName: config.name) else { return nil }
        switch location {
        case .memory: return nil
        case let .sqlite(path) where !FileManager.default.fileExists(atPath: path): return nil
        default: break
        }
        guard let store = try? location.open(), let record = try store.study(named: spec.from) else { return nil }
        return SweepLocator(storage: store, record: record, location: location)
    }

    /// `sampler` with the prior observations added to every proposal's history (before the new sweep's
    /// trials). The wrapper keeps the inner sampler's name.
    public func sampler(wrapping sampler: any Sampler) -> any Sampler {
        priorTrials.isEmpty ? sampler : WarmStartSampler(base: sampler, prior: priorTrials)
    }

    /// Enqueues the best ``top`` distinct prior configurations into `study` when it has no trials yet
    /// (a new sweep); returns how many were enqueued.
    @discardableResult
    public func enqueueBest(into study: Study) throws -> Int {
        guard top > 0, try study.history().trials.isEmpty else { return 0 }
        let ranked = priorTrials.sorted { direction.isBetter($0.value!, than: $1.value!) || ($0.value! == $1.value! && $0.number < $1.number) }
        var seen: [[String: ParameterValue]] = []
        for t in ranked where seen.count < top && !seen.contains(t.params) {
            try study.enqueue(t.params, attributes: [Self.attribute: .string(sweep)])
            seen.append(t.params)
        }
        return seen.count
    }
}

/// A sampler that sees prior observations before the study's own trials.
struct WarmStartSampler: Sampler {
    let base: any Sampler
    let prior: [Trial]

    var name: String { base.name }

    func suggest(in context: SamplingContext) throws -> Suggestion {
        try base.suggest(in: SamplingContext(space: context.space, trialNumber: context.trialNumber, seed: context.seed,
                                             direction: context.direction, trials: prior + context.trials))
    }

    func capacity(of space: SearchSpace) throws -> Int? { try base.capacity(of: space) }
}

extension StorageLocation {
    /// Whether `locator` reads the store `config` writes to.
    static func sameStore(_ locator: SweepLocator, config: SweepConfig) -> Bool {
        guard let own = try? StorageLocation.parse(config.storage, sweepName: config.name) else { return false }
        return own.description == locator.location.description
    }
}
