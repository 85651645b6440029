import Foundation
import SweepMath

/// Thompson sampling (key `thompson_share`): with probability ``Options/thompsonShare`` a model
/// trial is the minimiser of one joint posterior draw over ``thompsonSobolPoints`` scrambled Sobol
/// points plus ``thompsonLocalPoints`` trust-region points around the best observation
/// (``trustRegionCandidates(around:logLengthscales:categorical:count:scale:rng:)`` at
/// ``Options/trustRegionScale``), instead of the LogEI maximiser. A draw is optimistic in a random
/// place rather than where the improvement is expected, so it visits basins LogEI rates low.
/// The coin, the scramble and the draw all come from `context.rng(25)`, so with the share at 0 no
/// other stream (and no suggestion) changes.
extension GPSampler {
    static let thompsonSobolPoints = 384
    static let thompsonLocalPoints = 128

    /// The Thompson point, or nil when the coin says LogEI, the draw fails, or every candidate is
    /// already observed, pending or next to a stopped trial.
    func thompsonStep(_ context: SamplingContext, gp: GaussianProcess, layout: UnitCubeLayout, xs: [[Double]], ys: [Double],
                      pending: [[Double]], stopped: [[Double]], theta: GPHyperparameters) -> [Double]? {
        guard options.thompsonShare > 0 else { return nil }
        var rng = context.rng(25)
        guard rng.nextUnit() < options.thompsonShare, let sobol = try? SobolSequence(dimension: layout.dimension, scrambleSeed: rng.next())
        else { return nil }
        var candidates: [[Double]] = sobol.points(0..<GPSampler.thompsonSobolPoints)
        if let best = ys.indices.min(by: { ys[$0] < ys[$1] }) {
            candidates += GPSampler.trustRegionCandidates(around: xs[best], logLengthscales: theta.logLengthscales,
                                                          categorical: layout.categorical, count: GPSampler.thompsonLocalPoints,
                                                          scale: options.trustRegionScale, rng: &rng)
        }
        for i in candidates.indices { layout.canonicalize(&candidates[i]) }
        let d = layout.dimension
        guard let draw = gp.posteriorSample(Matrix(rows: candidates.count, columns: d, storage: candidates.flatMap { $0 }), rng: &rng)
        else { return nil }
        var taken = xs + pending
        taken.sort { $0.lexicographicallyPrecedes($1) }
        let order = candidates.indices.sorted { draw[$0] < draw[$1] || (draw[$0] == draw[$1] && $0 < $1) }
        return order.lazy.map { candidates[$0] }.first { !GPSampler.contains(taken, $0) && !GPSampler.isNearStopped($0, stopped) }
    }
}
