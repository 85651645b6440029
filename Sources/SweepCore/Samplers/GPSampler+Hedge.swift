import Foundation
import SweepMath

/// GP-Hedge (Hoffman, Brochu & de Freitas, UAI 2011; scikit-optimize's default acquisition), key
/// `acquisition: hedge`: a portfolio of LogEI and UCB (``Options/ucbBeta``). Every model suggestion
/// records each member's *nominee* — the point the chosen member's full optimisation returned, and
/// for the other member its best scored Sobol candidate — in the `gp.hedge` attribute. The next
/// suggestion rebuilds the members' gains from that history with the current posterior,
/// gₖ = −Σₜ μ(nomineeₖ,ₜ) (lower mean is better: the member whose proposals the model now rates best
/// gains), and picks member k with probability ∝ exp(η gₖ), η = 1, drawn from `context.rng(22)`.
/// Stateless and deterministic with the seed, like the rest of the sampler; a resumed study sees
/// the same history and so the same gains.
extension GPSampler {
    /// Attribute key of the nominees: LogEI's point, then UCB's (2·d unit-cube coordinates).
    public static let hedgeKey = "gp.hedge"

    /// Learning rate η of the Hedge probabilities (scikit-optimize's default).
    static let hedgeEta = 1.0

    /// Gains of the members (LogEI, UCB): minus the sum of the posterior mean over each member's
    /// nominees in `history` (rows of 2·`dimension` coordinates; others are skipped).
    static func hedgeGains(_ gp: GaussianProcess, history: [[Double]], dimension d: Int) -> [Double] {
        let rows = history.filter { $0.count == 2 * d && $0.allSatisfy(\.isFinite) }
        guard !rows.isEmpty else { return [0, 0] }
        return (0..<2).map { k in
            let points = Matrix(rows: rows.count, columns: d, storage: rows.flatMap { $0[(k * d)..<((k + 1) * d)] })
            return -gp.predictMean(points).reduce(0, +)
        }
    }

    /// Hedge probabilities: exp(η gₖ) normalised (computed relative to the largest gain, so large
    /// gains do not overflow).
    static func hedgeProbabilities(_ gains: [Double], eta: Double = hedgeEta) -> [Double] {
        let top = gains.max() ?? 0
        let weights = gains.map { exp(eta * ($0 - top)) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}
