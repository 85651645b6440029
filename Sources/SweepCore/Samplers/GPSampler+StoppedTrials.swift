import Foundation

/// Pruned and failed trials in the GP model (issue 15).
///
/// Without them, a proposal that gets pruned leaves the model's data unchanged, so the next trial
/// proposes the same point again (tuning an SVC with the median pruner, up to 24 of 40 trials were
/// copies). Now every pruned trial, failed trial and complete trial with a NaN or infinite value is
/// a *stopped* trial: it enters the posterior at an estimate of its final value or at the worst value
/// (``Options/PrunedTrials``; estimates also join the output warp and the hyperparameter fit), and no suggestion lands within ``stoppedTrialRadius`` of one unless no
/// scored candidate is farther away.
extension GPSampler {
    /// Euclidean unit-cube distance below which a point counts as a repeat of a stopped trial (1% of
    /// the cube's edge; categorical coordinates differ by at least 1/choices when they differ).
    public static let stoppedTrialRadius = 0.01

    /// A stopped trial as the model sees it.
    struct StoppedTrial {
        /// Canonical unit-cube coordinates.
        var point: [Double]
        /// Its value turned into a minimisation (last intermediate of a pruned trial), nil when it
        /// has none usable (failed, NaN, nothing reported) or the mode is ``Options/PrunedTrials/worst``.
        var value: Double?
        /// The step of ``value`` (nil: compare with final values).
        var step: Int? = nil
    }

    /// The stopped trials of `context` (none in mode `ignore`).
    func stoppedTrials(_ context: SamplingContext, layout: UnitCubeLayout) -> [StoppedTrial] {
        guard options.prunedTrials != .ignore else { return [] }
        var out: [StoppedTrial] = []
        for t in context.trials where t.number != context.trialNumber {
            let stopped = t.state == .pruned || t.state == .failed || (t.state == .complete && !(t.value?.isFinite ?? false))
            guard stopped, let u = layout.encode(t.params) else { continue }
            var value: Double?, step: Int?
            if t.state == .pruned, options.prunedTrials != .worst, let last = t.lastIntermediate, last.value.isFinite {
                value = context.direction.minimizing(last.value)
                step = last.step
            }
            out.append(StoppedTrial(point: u, value: value, step: step))
        }
        return out
    }

    /// The complete trials' warped values and the stopped trials' targets, from one output warp.
    ///
    /// A stopped trial with a usable value gets an estimate of its final value on the raw scale
    /// (``stoppedFinals(_:raw:intermediates:)``), and the Yeo–Johnson warp and standardisation
    /// (`OutputTransform.powerStandardise`) are fitted on the complete trials' values *and* these
    /// estimates together; stopped trials without one sit at the worst warped value of the lot.
    /// Warping the complete trials alone (before) fitted the warp on the survivors of the pruner,
    /// the better half, and clamped every pruned estimate into their range: with the median pruner
    /// on multi-fidelity hartmann6 the model then lost a decade of final precision against no pruning
    /// even when the estimates were the exact final values (`scripts/bench/pruned`, 40 seeds, median
    /// log10 regret: −2.53 before, −3.26 now, no pruner −3.44; exact values −2.49 before, −3.89 now
    /// on 20 seeds).
    static func warpedTargets(_ stopped: [StoppedTrial], raw: [Double],
                              intermediates: [[Int: Double]] = []) -> (ys: [Double], stopped: [Double]) {
        let finals = stoppedFinals(stopped, raw: raw, intermediates: intermediates)
        let all = OutputTransform.powerStandardise(raw + finals.compactMap { $0 })
        let worst = all.max() ?? 0
        var next = raw.count
        let targets = finals.map { f -> Double in
            guard f != nil, next < all.count else { return worst }
            next += 1
            return all[next - 1]
        }
        return (Array(all.prefix(raw.count)), targets)
    }

    /// Complete trials a step-`step` value must have been reported by before ``stoppedFinals`` compares
    /// with them at that step (fewer: the value is taken as a final value).
    static let minimumStepReference = 3

    /// Raw-scale estimates of the stopped trials' final values (`raw`: the complete trials' final
    /// values, turned into a minimisation; `intermediates[i]`: complete trial i's intermediate values,
    /// likewise), nil when a trial has no usable value. *Quantile mapping at its step*: among the
    /// complete trials that reported that step (at least ``minimumStepReference``), the value's position
    /// between their sorted step values, read off at the same position between their sorted final
    /// values (piecewise linear, clamped to the range). A trial pruned at step 1 of 9 as worse than
    /// most thus lands where the complete trials that were equally bad at step 1 ended — even when
    /// early values are biased (learning curves, low-fidelity proxies) and so not on the final scale.
    /// Without such a reference the value itself is the estimate.
    static func stoppedFinals(_ stopped: [StoppedTrial], raw: [Double], intermediates: [[Int: Double]] = []) -> [Double?] {
        stopped.map { s in
            guard let v = s.value, !raw.isEmpty else { return nil }
            if let step = s.step, intermediates.count == raw.count {
                let at = raw.indices.compactMap { i in intermediates[i][step].flatMap { $0.isFinite ? (i, $0) : nil } }
                if at.count >= minimumStepReference {
                    return interpolate(v, from: at.map(\.1).sorted(), to: at.map { raw[$0.0] }.sorted())
                }
            }
            return v
        }
    }

    /// Piecewise-linear map of `v` from the sorted knots `xs` to the sorted `ys` (same count ≥ 1),
    /// clamped to the ends; equal knots take the upper value.
    static func interpolate(_ v: Double, from xs: [Double], to ys: [Double]) -> Double {
        guard let first = xs.first, let last = xs.last else { return 0 }
        if v <= first { return ys[0] }
        if v >= last { return ys[ys.count - 1] }
        var hi = 1
        while hi < xs.count - 1 && xs[hi] < v { hi += 1 }
        let lo = hi - 1
        let w = xs[hi] > xs[lo] ? (v - xs[lo]) / (xs[hi] - xs[lo]) : 1
        return ys[lo] + w * (ys[hi] - ys[lo])
    }

    /// Whether `u` lies within ``stoppedTrialRadius`` of any of `points`.
    static func isNearStopped(_ u: [Double], _ points: [[Double]]) -> Bool {
        let r2 = stoppedTrialRadius * stoppedTrialRadius
        for p in points {
            var s = 0.0
            for j in u.indices {
                let a = u[j].isNaN ? 0.5 : u[j], b = p[j].isNaN ? 0.5 : p[j]
                s += (a - b) * (a - b)
                if s >= r2 { break }
            }
            if s < r2 { return true }
        }
        return false
    }
}
