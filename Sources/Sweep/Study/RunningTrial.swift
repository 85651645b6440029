import Foundation
import SweepCore
import SweepMath
import Synchronization

/// A trial in progress, handed to objectives and to ask/tell users: its parameters, a way to report
/// intermediate values (and be pruned), and checkpoint storage for resuming.
///
/// A `RunningTrial` is used by one thread at a time (the worker running it).
public final class RunningTrial: @unchecked Sendable {
    /// The trial's number in its study.
    public let number: Int
    /// The study it belongs to.
    public let study: Study
    private let state: Mutex<Trial>
    let stopFlag: StopFlag?
    /// The optimize run's target (see ``OptimizeOptions/target``); nil for ask/tell.
    let target: Double?

    init(trial: Trial, study: Study, stopFlag: StopFlag? = nil, target: Double? = nil) {
        self.number = trial.number
        self.study = study
        self.state = Mutex(trial)
        self.stopFlag = stopFlag
        self.target = target
    }

    func withStop(_ flag: StopFlag, target: Double?) -> RunningTrial {
        RunningTrial(trial: snapshot, study: study, stopFlag: flag, target: target)
    }

    /// The trial record as last seen by this process.
    public var snapshot: Trial { state.withLock { $0 } }

    /// Parameter values (active parameters, plus define-by-run suggestions made so far).
    public var params: [String: ParameterValue] { snapshot.params }

    /// Scheduler/sampler attributes (e.g. the resource a multi-fidelity scheduler granted).
    public var attributes: [String: AttributeValue] { snapshot.attributes }

    /// Whether the sweep is stopping (Ctrl-C, time limit). Long objectives should check this between
    /// epochs, save a checkpoint and throw ``TrialInterrupted``.
    public var isStopRequested: Bool { (stopFlag?.isSet ?? false) || SignalStop.received }

    /// The number of steps (e.g. epochs) this run of the trial should reach before reporting its final
    /// value, when a multi-fidelity scheduler set one (nil: the objective's own full budget).
    public var resource: Int? { attributes[TrialAttributeKey.resource]?.int }

    /// A random generator for this trial and `purpose`, derived from the study seed: use it for anything
    /// random inside the objective so the sweep stays reproducible.
    public func rng(_ purpose: UInt64 = 0) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: study.seed, stream: 0x0B1E_C71E, purpose, UInt64(number))
    }

    // MARK: - Typed accessors

    /// The value of parameter `name`.
    public func value(_ name: String) throws -> ParameterValue {
        let p = params
        guard let v = p[name] else {
            throw StudyError.missingParameter(trial: number, name: name, available: p.keys.sorted())
        }
        return v
    }

    /// A float (or int) parameter as `Double`.
    public func float(_ name: String) throws -> Double {
        let v = try value(name)
        guard let d = v.doubleValue else {
            throw StudyError.wrongParameterType(trial: number, name: name, expected: "a number", actual: v.kindName)
        }
        return d
    }

    /// An int parameter.
    public func int(_ name: String) throws -> Int {
        let v = try value(name)
        guard let i = v.intValue else {
            throw StudyError.wrongParameterType(trial: number, name: name, expected: "an int", actual: v.kindName)
        }
        return i
    }

    /// A string parameter.
    public func string(_ name: String) throws -> String {
        let v = try value(name)
        guard let s = v.stringValue else {
            throw StudyError.wrongParameterType(trial: number, name: name, expected: "a string", actual: v.kindName)
        }
        return s
    }

    /// A bool parameter.
    public func bool(_ name: String) throws -> Bool {
        let v = try value(name)
        guard let b = v.boolValue else {
            throw StudyError.wrongParameterType(trial: number, name: name, expected: "a bool", actual: v.kindName)
        }
        return b
    }

    // MARK: - Define-by-run

    /// Suggests a float in `[lower, upper]` (log-uniform with `log`, on a grid with `step`).
    ///
    /// If the study declared `name`, the declared value is returned (and must lie in the requested
    /// range); otherwise the value is drawn from this trial's own stream and stored with the trial.
    public func suggestFloat(_ name: String, _ lower: Double, _ upper: Double, log: Bool = false, step: Double? = nil) throws -> Double {
        try suggest(Parameter.float(name, lower, upper, log: log, step: step)).doubleValue!
    }

    /// Suggests an int in `[lower, upper]`.
    public func suggestInt(_ name: String, _ lower: Int, _ upper: Int, log: Bool = false, step: Int = 1) throws -> Int {
        try suggest(Parameter.int(name, lower, upper, log: log, step: step)).intValue!
    }

    /// Suggests one of `choices`.
    public func suggestCategorical(_ name: String, _ choices: [ParameterValue]) throws -> ParameterValue {
        try suggest(Parameter.categorical(name, choices))
    }

    private func suggest(_ parameter: Parameter) throws -> ParameterValue {
        do {
            _ = try SearchSpace([parameter])
        } catch let error as SearchSpaceError {
            throw StudyError.incompatibleSuggestion(name: parameter.name, reason: error.description)
        }
        if let existing = params[parameter.name] {
            guard let v = parameter.domain.normalized(existing) else {
                throw StudyError.incompatibleSuggestion(
                    name: parameter.name, reason: "the trial already has \(existing), outside \(parameter.domain)")
            }
            return v
        }
        if let declared = study.space?[parameter.name] {
            // Declared but inactive in this trial.
            throw StudyError.incompatibleSuggestion(
                name: parameter.name, reason: "it is declared (\(declared.domain)) but inactive in this trial")
        }
        // Independent draw from a stream keyed by the parameter name (stable FNV-1a hash).
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in parameter.name.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        var rng = Xoshiro256StarStar(seed: study.seed, stream: 0xDB1, UInt64(number), h)
        let value = SearchSpace.decode(rng.nextUnit(), in: parameter.domain)
        let updated = try study.addParams(number: number, [parameter.name: value])
        state.withLock { $0 = updated }
        return updated.params[parameter.name] ?? value
    }

    // MARK: - Reporting

    /// Records an intermediate value at `step` (e.g. validation accuracy after an epoch).
    ///
    /// - Throws: ``TrialReachedTarget`` when `value` meets the optimize run's target (before any other
    ///   decision), ``TrialPruned`` when the pruner decides the trial should stop, ``TrialPaused`` when a
    ///   multi-fidelity scheduler's rung is reached; storage errors (e.g. the lease was lost).
    public func report(step: Int, value: Double) throws {
        try act(on: reportDecision(step: step, value: value), step: step, value: value)
    }

    /// Throws what a report's `decision` (or the optimize run's target) means for the objective.
    private func act(on decision: ReportDecision, step: Int, value: Double) throws {
        if let target, AskLimits.meets(value, target: target, direction: study.direction) {
            throw TrialReachedTarget(step: step, value: value)
        }
        switch decision {
        case .continue: return
        case .prune: throw TrialPruned(step: step)
        case .pause: throw TrialPaused(step: step)
        }
    }

    /// Records an intermediate value and returns the decision instead of throwing.
    public func reportDecision(step: Int, value: Double) throws -> ReportDecision {
        let decision = try study.report(number: number, step: step, value: value)
        state.withLock { $0.intermediateValues[step] = value }
        return decision
    }

    /// Saves a checkpoint (replacing the previous one) and records the intermediate value of the same
    /// `step` in one storage transaction, then acts like ``report(step:value:)``.
    ///
    /// Use this rather than ``saveCheckpoint(step:data:)`` followed by ``report(step:value:)`` when the
    /// value cannot be recomputed from the checkpoint: an interruption between two separate calls leaves a
    /// checkpoint at `step` with no value, and a trial resumed from it has nothing to report for that step.
    /// - Throws: as ``report(step:value:)``; when storing fails, neither the checkpoint nor the value is kept.
    public func saveCheckpoint(step: Int, data: Data, reporting value: Double) throws {
        let decision = try study.report(number: number, step: step, value: value, checkpoint: data)
        state.withLock { $0.intermediateValues[step] = value }
        try act(on: decision, step: step, value: value)
    }

    // MARK: - Checkpoints

    /// The latest checkpoint saved for this trial (by this or an earlier, interrupted run, or before a
    /// multi-fidelity pause). Loading one records the attribute `sweep.resumed_from_step`.
    public func loadCheckpoint() throws -> (step: Int, data: Data)? {
        guard let checkpoint = try study.checkpoint(number: number) else { return nil }
        try setAttributes([TrialAttributeKey.resumedFromStep: .number(Double(checkpoint.step))])
        return checkpoint
    }

    /// Saves a checkpoint (replacing the previous one). `step` is the last completed step.
    public func saveCheckpoint(step: Int, data: Data) throws {
        try study.saveCheckpoint(number: number, step: step, data: data)
    }

    /// Stores extra attributes with the trial (JSON values).
    public func setAttributes(_ attributes: [String: AttributeValue]) throws {
        try study.setAttributes(number: number, attributes)
        state.withLock { $0.attributes.merge(attributes) { _, new in new } }
    }
}

/// A process-wide "please stop" flag (Ctrl-C, time limit), readable from any thread.
public final class StopFlag: Sendable {
    private let flag = Atomic<Int>(0)
    public init() {}
    public var isSet: Bool { flag.load(ordering: .relaxed) != 0 }
    public func set() { flag.store(1, ordering: .relaxed) }
}
