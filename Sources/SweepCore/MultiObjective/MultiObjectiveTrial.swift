import SweepMath

/// A trial as a multi-objective sampler sees it: parameters, the objective vector and the constraint
/// values (`≤ 0` = satisfied, see ``ConstraintDomination``).
///
/// ``Trial`` stores one value today; storage of value vectors comes with the integration step, which
/// only has to build these views (``init(_:values:constraints:)``) from stored trials.
public struct MultiObjectiveTrial: Sendable, Hashable {
    /// 0-based trial number (as ``Trial/number``).
    public var number: Int
    /// Lifecycle state; only `complete` trials with a full value vector are used by samplers.
    public var state: TrialState
    /// Hyperparameter values (active parameters only).
    public var params: [String: ParameterValue]
    /// One value per objective, in the study's objective order, once complete.
    public var values: [Double]?
    /// Constraint values (any count; `≤ 0` = satisfied), or nil when the study has no constraints or
    /// they were not recorded.
    public var constraints: [Double]?
    /// Sampler bookkeeping (e.g. `nsga2.generation`).
    public var attributes: [String: AttributeValue]

    public init(number: Int, state: TrialState, params: [String: ParameterValue], values: [Double]? = nil,
                constraints: [Double]? = nil, attributes: [String: AttributeValue] = [:]) {
        self.number = number
        self.state = state
        self.params = params
        self.values = values
        self.constraints = constraints
        self.attributes = attributes
    }

    /// Whether the trial is complete with one finite value per direction.
    public func hasValues(for directions: [Direction]) -> Bool {
        guard state == .complete, let values else { return false }
        return values.count == directions.count && values.allSatisfy(\.isFinite)
    }

    /// The view of a stored `trial`: its ``Trial/values`` (or `[value]` for a single-objective trial)
    /// and the constraint values of its `constraints` attribute (``ProbabilityOfFeasibility/constraintsKey``).
    public init(_ trial: Trial) {
        self.init(trial, values: trial.values ?? trial.value.map { [$0] },
                  constraints: trial.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles)
    }

    /// The view of a stored single-value `trial` with its objective vector and constraints.
    public init(_ trial: Trial, values: [Double]?, constraints: [Double]? = nil) {
        self.init(number: trial.number, state: trial.state, params: trial.params, values: values,
                  constraints: constraints, attributes: trial.attributes)
    }
}

/// Everything a multi-objective sampler may look at: the multi-objective counterpart of
/// ``SamplingContext`` (same determinism contract: randomness only from ``rng(_:)``).
public struct MultiObjectiveSamplingContext: Sendable {
    /// The space to sample.
    public let space: SearchSpace
    /// Number of the trial being proposed.
    public let trialNumber: Int
    /// The study seed.
    public let seed: UInt64
    /// One direction per objective.
    public let directions: [Direction]
    /// Every other trial of the study so far, in number order, in any state.
    public let trials: [MultiObjectiveTrial]

    public init(space: SearchSpace, trialNumber: Int, seed: UInt64, directions: [Direction], trials: [MultiObjectiveTrial]) {
        self.space = space
        self.trialNumber = trialNumber
        self.seed = seed
        self.directions = directions
        self.trials = trials
    }

    /// The generator for this trial and `purpose` (same streams as ``SamplingContext/rng(_:)``).
    public func rng(_ purpose: UInt64) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, stream: purpose, UInt64(trialNumber))
    }

    /// Complete trials with one finite value per objective, in number order.
    public var completed: [MultiObjectiveTrial] {
        trials.filter { $0.hasValues(for: directions) }
    }
}

/// Proposes hyperparameters for a study with several objectives.
///
/// Implementations must be deterministic functions of the ``MultiObjectiveSamplingContext``.
public protocol MultiObjectiveSampler: Sendable {
    /// Name used in configs and reports (`nsga2`, …).
    var name: String { get }

    /// Proposes the parameters of trial `context.trialNumber`.
    func suggest(in context: MultiObjectiveSamplingContext) throws -> Suggestion
}
