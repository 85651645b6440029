import Foundation
import SweepMath

/// Trust-region candidates (TuRBO-style, Eriksson et al. 2019, without its state): next to the
/// global Sobol candidates, ``Options/trustRegionCandidates`` points drawn around the incumbent (the
/// best observation) inside a box whose half-width along coordinate j is
/// `scale · ℓ_j / geomean(ℓ)` (clamped to [scale/8, 2·scale] and to the cube), ``Options/trustRegionScale``
/// being the scale: coordinates the model finds smooth (long ℓ) get a wider box. The points are
/// scored with the same acquisition as the global ones, so they only win where the model rates the
/// incumbent's neighbourhood best; on multimodal functions they give the climb starts in nearby basins
/// that 1,024 points spread over the whole cube rarely provide. Drawn from `context.rng(23)`, so
/// with the feature off the other streams (and suggestions) are unchanged.
extension GPSampler {
    /// `count` points in the box around `center` (unit cube, canonical coordinates left to the
    /// caller); categorical coordinates keep the centre's value. Deterministic in `rng`.
    static func trustRegionCandidates(around center: [Double], logLengthscales: [Double], categorical: [Bool],
                                      count: Int, scale: Double, rng: inout Xoshiro256StarStar) -> [[Double]] {
        let d = center.count
        guard count > 0, d > 0, logLengthscales.count == d else { return [] }
        let meanLog = logLengthscales.reduce(0, +) / Double(d)
        let halfWidth = logLengthscales.map { min(2 * scale, max(scale / 8, scale * exp($0 - meanLog))) }
        var points: [[Double]] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            var u = center
            for j in 0..<d where !categorical[j] {
                let lo = max(0, center[j] - halfWidth[j]), hi = min(1, center[j] + halfWidth[j])
                u[j] = lo + (hi - lo) * rng.nextUnit()
            }
            points.append(u)
        }
        return points
    }

    /// With probability ``Options/localShare`` (drawn from `context.rng(24)`), a model trial is a
    /// random point of the trust region around the best observation instead of the acquisition's
    /// choice: the model cannot resolve structure finer than its lengthscales (ackley's unit-period
    /// bumps), and random steps there can. nil otherwise, or when the draw repeats an observation.
    /// `stalled`: the acquisition's best value fell below ``Options/stallLogEI`` (then always local).
    func localStep(_ context: SamplingContext, layout: UnitCubeLayout, xs: [[Double]], ys: [Double],
                   theta: GPHyperparameters, stalled: Bool = false) -> [Double]? {
        guard let best = ys.indices.min(by: { ys[$0] < ys[$1] }) else { return nil }
        var rng = context.rng(24)
        guard rng.nextUnit() < options.localShare || stalled else { return nil }
        guard var u = GPSampler.trustRegionCandidates(around: xs[best], logLengthscales: theta.logLengthscales,
                                                      categorical: layout.categorical, count: 1,
                                                      scale: options.trustRegionScale, rng: &rng).first else { return nil }
        layout.canonicalize(&u)
        return xs.contains(u) ? nil : u
    }

    /// Whether the best of `ys` (in trial order) is at least `max(4, d)` trials old: TuRBO's failure
    /// tolerance, so a model still improving (refining an optimum) is never called stalled.
    static func stagnant(_ ys: [Double], dimension d: Int) -> Bool {
        guard let best = ys.indices.min(by: { ys[$0] < ys[$1] }) else { return false }
        return ys.count - 1 - best >= max(4, d)
    }
}
