import Foundation
import SweepMath

/// The acquisition of ``MultiObjectiveGPSampler``, to be maximised over the unit cube:
/// `log EHVI(x) + log PoF(x)` (either part may be absent: no feasible observation yet → log PoF
/// alone; no constraints → log EHVI alone).
struct MultiObjectiveAcquisition: Sendable {
    /// One GP per objective (minimised, warped scale).
    let objectives: [GaussianProcess]
    /// nil while no observation is feasible.
    let ehvi: LogExpectedHypervolumeImprovement?
    /// nil without constraints.
    let feasibility: ProbabilityOfFeasibility?

    /// Values at every row of `points`.
    func values(_ points: Matrix<Double>) -> [Double] {
        var out = feasibility?.logValues(points) ?? [Double](repeating: 0, count: points.rows)
        guard let ehvi else { return out }
        let predictions = objectives.map { $0.predict(points) }
        let m = objectives.count
        var mean = [Double](repeating: 0, count: m), std = mean
        for a in 0..<points.rows {
            for k in 0..<m {
                mean[k] = predictions[k].mean[a]
                std[k] = predictions[k].variance[a].squareRoot()
            }
            out[a] += ehvi.value(mean: mean, std: std)
        }
        return out
    }

    /// Value at `u` and its gradient with respect to `u` (written into `gradient`).
    func valueAndGradient(_ u: [Double], gradient: inout [Double]) -> Double {
        let d = u.count, m = objectives.count
        for j in 0..<d { gradient[j] = 0 }
        var total = feasibility?.addLogValueAndGradient(u, gradient: &gradient) ?? 0
        guard let ehvi else { return total }
        var gm = [[Double]](repeating: [Double](repeating: 0, count: d), count: m), gv = gm
        var mean = [Double](repeating: 0, count: m), std = mean
        for k in 0..<m {
            let p = objectives[k].predictWithGradient(at: u, meanGradient: &gm[k], varianceGradient: &gv[k])
            mean[k] = p.mean
            std[k] = p.variance.squareRoot()
        }
        var dMean = [Double](repeating: 0, count: m), dStd = dMean
        total += ehvi.valueAndGradient(mean: mean, std: std, dMean: &dMean, dStd: &dStd)
        for k in 0..<m {
            let dVar = std[k] > LogExpectedHypervolumeImprovement.minimumStd ? dStd[k] * 0.5 / std[k] : 0
            for j in 0..<d { gradient[j] += dMean[k] * gm[k][j] + dVar * gv[k][j] }
        }
        return total
    }

    /// Standard deviation (unit-cube units) of the Gaussian perturbations of incumbent points that join
    /// the Sobol candidates; each perturbed coordinate is clamped into [0, 1], so a share of them lands
    /// exactly on the cube's faces (where fronts such as ZDT1's lie and Sobol points never are).
    static let perturbationScale = 0.1

    /// Maximises over the cube: Sobol candidates plus clamped perturbations of the `incumbents` (the
    /// observed Pareto-front points, unit cube) are scored in one batch; L-BFGS-B climbs from the
    /// ``MultiObjectiveGPSampler/Options/restarts`` best candidates and from up to as many incumbents
    /// (drawn without replacement; Optuna's GPSampler also starts local searches at Pareto-front
    /// points); the best snapped point not in the sorted `taken` list wins. Returns the point and its
    /// value.
    func maximize(layout: UnitCubeLayout, space: SearchSpace, options: MultiObjectiveGPSampler.Options,
                  rng: Xoshiro256StarStar, taken: [[Double]], incumbents: [[Double]] = []) throws -> ([Double], Double) {
        let d = layout.dimension
        var rng = rng
        let sobol = try SobolSequence(dimension: d, scrambleSeed: rng.next())
        var candidates: [[Double]] = sobol.points(0..<options.candidates)
        if !incumbents.isEmpty {
            for i in 0..<(options.candidates / 4) {
                var u = incumbents[i % incumbents.count]
                for j in 0..<d where !layout.categorical[j] {
                    u[j] = min(1, max(0, u[j] + Self.perturbationScale * rng.nextNormal()))
                }
                candidates.append(u)
            }
        }
        for i in candidates.indices { layout.canonicalize(&candidates[i]) }
        let scores = values(Matrix(rows: candidates.count, columns: d, storage: candidates.flatMap { $0 }))
        let ranked = candidates.indices.sorted { Self.better(scores[$0], scores[$1]) || (scores[$0] == scores[$1] && $0 < $1) }
        var starts: [[Double]] = []
        for i in ranked where starts.count < options.restarts {
            if !starts.contains(candidates[i]) { starts.append(candidates[i]) }
        }
        var order = Array(incumbents.indices)
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, rng.nextIndex(i + 1)) }
        for i in order.prefix(options.restarts) {
            var u = incumbents[i]
            layout.canonicalize(&u)
            if !starts.contains(u) { starts.append(u) }
        }
        var pool: [[Double]] = starts.compactMap { start in
            AcquisitionClimb.climb(from: start, layout: layout) { u, g in valueAndGradient(u, gradient: &g) }
        }
        pool += ranked.prefix(64).map { candidates[$0] }
        let poolScores = values(Matrix(rows: pool.count, columns: d, storage: pool.flatMap { $0 }))
        let byScore = pool.indices.sorted { Self.better(poolScores[$0], poolScores[$1]) || (poolScores[$0] == poolScores[$1] && $0 < $1) }
        for i in byScore where !GPSampler.contains(taken, pool[i]) { return (pool[i], poolScores[i]) }
        for i in ranked where !GPSampler.contains(taken, candidates[i]) { return (candidates[i], scores[i]) }
        return (pool[byScore[0]], poolScores[byScore[0]])
    }

    /// Strict order on scores: larger first, NaN last.
    static func better(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a > b
    }
}
