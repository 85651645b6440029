import Foundation
import SweepMath

/// Pruned trials as censored observations (issue 15, ``Options/PrunedTrials/censored``, the default).
///
/// The median pruner stops a trial because it is doing worse than most, so its mapped value
/// (``stoppedFinals(_:raw:intermediates:)``) says the final value is *at least this bad*, not what it
/// is. Fed in as the value itself, a pruned trial drags the posterior down to the bound around it. Here
/// its posterior target is the mean of the complete trials' GP posterior at its point conditioned on
/// exceeding the bound: `E[f | f ≥ b] = μ + σ·φ(α)/Φ(−α)`, `α = (b − μ)/σ` (σ² the latent plus noise
/// variance, same hyperparameters and prior mean as the main posterior). Where the complete trials
/// already predict worse than the bound the target stays near μ; where they predict better it sits
/// just above the bound. The hyperparameter fit and the output warp still use the mapped values.
///
/// Measured with `scripts/bench/pruned` (40 trials of 9 steps, median pruner, 100 seeds, median
/// log10 regret of the best complete trial): branin −5.20 (mapped value itself −4.59, no pruner
/// −4.53, pruned ≥ unpruned in 74 of 100 seeds), hartmann6 −3.11 (mapped −3.36, no pruner −3.21,
/// 51 of 100; means −2.86, −2.85, −2.87).
extension GPSampler {
    /// The stopped trials' posterior targets: `targets` (from ``warpedTargets(_:raw:intermediates:)``)
    /// with every stopped trial that has a mapped value replaced by its censored imputation in mode
    /// ``Options/PrunedTrials/censored``; unchanged in the other modes, for stopped trials without a
    /// value (failed, nothing reported) and when the complete trials' GP cannot be factored.
    /// - Parameters:
    ///   - complete: the complete trials' unit-cube inputs (`n × d`); `ys` their warped values.
    ///   - theta: the fitted hyperparameters; `warp` the fitted input warp, if any.
    func censoredTargets(_ targets: [Double], _ stopped: [StoppedTrial], complete: Matrix<Double>, ys: [Double],
                         theta: GPHyperparameters, warp: InputWarp? = nil, layout: UnitCubeLayout) -> [Double] {
        guard options.prunedTrials == .censored else { return targets }
        let bounded = stopped.indices.filter { stopped[$0].value != nil && $0 < targets.count }
        guard !bounded.isEmpty, complete.rows == ys.count, !ys.isEmpty else { return targets }
        let m = options.priorMean * (ys.max() ?? 0)  // the main posterior's constant prior mean
        guard let gp = try? GaussianProcess(inputs: complete, targets: ys.map { $0 - m }, kernel: options.kernel,
                                            hyperparameters: theta, categorical: layout.categorical, warp: warp) else { return targets }
        let points = Matrix(rows: bounded.count, columns: complete.columns, storage: bounded.flatMap { stopped[$0].point })
        let (mean, variance) = gp.predict(points)
        var out = targets
        for (k, i) in bounded.enumerated() {
            let imputed = GPSampler.truncatedNormalMean(mean: mean[k] + m, std: (variance[k] + theta.noise).squareRoot(), lower: targets[i])
            if imputed.isFinite { out[i] = imputed }
        }
        return out
    }

    /// Mean of a normal distribution N(`mean`, `std`²) truncated to [`lower`, ∞), stable far into
    /// either tail (the inverse Mills ratio through `erfcx`): `mean + std·√(2/π)/erfcx(α/√2)`,
    /// `α = (lower − mean)/std`; never below `lower` nor `mean`. `std` ≤ 0: `max(mean, lower)`.
    static func truncatedNormalMean(mean: Double, std: Double, lower: Double) -> Double {
        guard std > 0, std.isFinite else { return max(mean, lower) }
        let alpha = (lower - mean) / std
        let ratio = (2 / Double.pi).squareRoot() / NormalDistribution.erfcx(alpha / 2.0.squareRoot())  // φ(α)/Φ(−α)
        return max(mean + std * (ratio.isFinite ? ratio : 0), lower)
    }
}
