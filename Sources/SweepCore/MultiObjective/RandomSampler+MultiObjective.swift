extension RandomSampler: MultiObjectiveSampler {
    /// Uniform random sampling for multi-objective studies: the same draws as the single-objective
    /// ``suggest(in:)-(SamplingContext)`` (stream `(seed, 1, n)`), whatever the objectives.
    public func suggest(in context: MultiObjectiveSamplingContext) throws -> Suggestion {
        var rng = context.rng(1)
        let u = (0..<context.space.dimension).map { _ in rng.nextUnit() }
        return Suggestion(params: try context.space.decode(u))
    }
}
