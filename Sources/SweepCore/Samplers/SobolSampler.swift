import SweepMath

/// Quasi-random sampling along an Owen-scrambled Sobol sequence: trial n takes point n.
///
/// Sobol points fill the cube far more evenly than independent random draws (discrepancy
/// O((log N)^d / N) versus O(N^-1/2)), which is why they are also the GP sampler's initial design. The
/// scramble seed comes from the study seed, so the design is reproducible; pass `scrambled: false`
/// for SciPy's raw sequence (whose first point is the cube's corner).
public struct SobolSampler: Sampler {
    public let name = "sobol"
    /// Whether points are scrambled (default true).
    public let scrambled: Bool

    public init(scrambled: Bool = true) { self.scrambled = scrambled }

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        let sequence = try SobolSequence(
            dimension: context.space.dimension,
            scrambleSeed: scrambled ? Xoshiro256StarStar.derive(seed: context.seed, keys: [3]) : nil)
        let point = sequence.point(at: context.trialNumber)
        return Suggestion(params: try context.space.decode(point), attributes: ["sobol.index": .number(Double(context.trialNumber))])
    }
}
