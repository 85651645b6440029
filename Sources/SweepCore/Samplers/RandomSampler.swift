import SweepMath

/// Independent uniform sampling of every active parameter (log-uniform for log-scaled ones).
///
/// Trial n draws from the stream `(seed, 1, n)`, so a trial's parameters do not depend on which other
/// trials ran first.
public struct RandomSampler: Sampler {
    public let name = "random"

    public init() {}

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        var rng = context.rng(1)
        let u = (0..<context.space.dimension).map { _ in rng.nextUnit() }
        return Suggestion(params: try context.space.decode(u))
    }
}
