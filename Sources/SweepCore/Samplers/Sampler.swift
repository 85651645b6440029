import SweepMath

/// Everything a sampler may look at when proposing the next trial.
///
/// Samplers are pure functions of this context: all randomness comes from ``rng(_:)`` (a stream fixed
/// by the study seed, the trial number and a purpose tag), and all memory comes from ``trials``. That
/// is what makes a resumed study propose exactly what the uninterrupted one would have.
public struct SamplingContext: Sendable {
    /// The space to sample.
    public let space: SearchSpace
    /// Number of the trial being proposed.
    public let trialNumber: Int
    /// The study seed.
    public let seed: UInt64
    /// Optimisation direction.
    public let direction: Direction
    /// Every other trial of the study so far, in number order, in any state (running ones are
    /// "pending" for model-based samplers).
    public let trials: [Trial]

    public init(space: SearchSpace, trialNumber: Int, seed: UInt64, direction: Direction, trials: [Trial]) {
        self.space = space
        self.trialNumber = trialNumber
        self.seed = seed
        self.direction = direction
        self.trials = trials
    }

    /// The generator for this trial and `purpose` (a small tag separating uses, e.g. 1 = random
    /// sampling, 2 = acquisition restarts).
    public func rng(_ purpose: UInt64) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, stream: purpose, UInt64(trialNumber))
    }

    /// Complete trials with a finite value, in number order.
    public var completed: [Trial] {
        trials.filter { $0.state == .complete && ($0.value?.isFinite ?? false) }
    }

    /// Trials that are running or waiting (their results are not known yet).
    public var pending: [Trial] {
        trials.filter { $0.state == .running || $0.state == .waiting }
    }
}

/// A proposal: parameter values plus bookkeeping the sampler wants stored with the trial.
public struct Suggestion: Sendable, Hashable {
    public var params: [String: ParameterValue]
    public var attributes: [String: AttributeValue]

    public init(params: [String: ParameterValue], attributes: [String: AttributeValue] = [:]) {
        self.params = params
        self.attributes = attributes
    }
}

/// Why a sampler could not propose a trial.
public enum SamplerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A finite search (grid) has no unvisited points left.
    case exhausted(total: Int)
    /// The sampler cannot handle this space; the message says what to change.
    case unsupportedSpace(String)

    public var description: String {
        switch self {
        case let .exhausted(total): return "all \(total) grid points have been tried"
        case let .unsupportedSpace(why): return why
        }
    }
}

/// Proposes hyperparameters for new trials.
///
/// Implementations must be deterministic functions of the ``SamplingContext`` (see its notes).
public protocol Sampler: Sendable {
    /// Name used in configs and reports (`random`, `grid`, `sobol`, `bayes`, …).
    var name: String { get }

    /// Proposes the parameters of trial `context.trialNumber`.
    /// - Throws: ``SamplerError/exhausted(total:)`` when a finite search is done.
    func suggest(in context: SamplingContext) throws -> Suggestion

    /// Total number of distinct proposals for `space`, or nil when unbounded (grid search reports
    /// its size here so budgets can be checked up front).
    func capacity(of space: SearchSpace) throws -> Int?

    /// Finished trials a model-based sampler needs in `space` before it models them instead of
    /// following its initial design; nil (the default) for samplers without a model. A multi-fidelity
    /// scheduler fits such a sampler on the highest rung with at least this many values
    /// (``Scheduler/samplingHistory(_:minimumPoints:)``).
    func modelMinimumTrials(in space: SearchSpace) -> Int?
}

extension Sampler {
    public func capacity(of space: SearchSpace) throws -> Int? { nil }
    public func modelMinimumTrials(in space: SearchSpace) -> Int? { nil }
}
