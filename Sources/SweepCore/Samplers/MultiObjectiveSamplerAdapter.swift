/// A ``MultiObjectiveSampler`` used where a ``Sampler`` is expected (the ask policy, the worker pool):
/// each suggestion builds the ``MultiObjectiveSamplingContext`` from the stored trials — their
/// ``Trial/values`` (or `[value]` for single-objective trials) and their `constraints` attribute
/// (``MultiObjectiveTrial/init(_:)``) — and asks the wrapped sampler.
///
/// Deterministic whenever the wrapped sampler is: the context carries the same seed, trial number and
/// history.
public struct MultiObjectiveSamplerAdapter: Sampler {
    /// The sampler asked.
    public let base: any MultiObjectiveSampler
    /// One direction per objective; nil: one objective in the study's direction (`method: nsga2` with a
    /// single metric).
    public let directions: [Direction]?

    public init(_ base: any MultiObjectiveSampler, directions: [Direction]?) {
        self.base = base
        self.directions = directions
    }

    public var name: String { base.name }

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        try base.suggest(in: MultiObjectiveSamplingContext(
            space: context.space, trialNumber: context.trialNumber, seed: context.seed,
            directions: directions ?? [context.direction], trials: context.trials.map(MultiObjectiveTrial.init)))
    }
}
