extension NSGAIISampler: Sampler {
    /// Single-objective use through Sweep's ``Sampler`` protocol: every trial's ``Trial/value`` is a
    /// one-element objective vector in `context.direction` (a genetic algorithm for one objective).
    public func suggest(in context: SamplingContext) throws -> Suggestion {
        let trials = context.trials.map { t in MultiObjectiveTrial(t, values: t.value.map { [$0] }) }
        return try suggest(in: MultiObjectiveSamplingContext(
            space: context.space, trialNumber: context.trialNumber, seed: context.seed,
            directions: [context.direction], trials: trials))
    }
}
