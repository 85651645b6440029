import Foundation

/// Pruned and failed trials in the GP model (issue 15).
///
/// Without them, a proposal that gets pruned leaves the model's data unchanged, so the next trial
/// proposes the same point again (tuning an SVC with the median pruner, up to 24 of 40 trials were
/// copies). Now every pruned trial, failed trial and complete trial with a NaN or infinite value is
/// a *stopped* trial: it enters the posterior (not the hyperparameter fit) at a pessimistic value
/// (``Options/PrunedTrials``), and no suggestion lands within ``stoppedTrialRadius`` of one unless no
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
    }

    /// The stopped trials of `context` (none in mode `ignore`).
    func stoppedTrials(_ context: SamplingContext, layout: UnitCubeLayout) -> [StoppedTrial] {
        guard options.prunedTrials != .ignore else { return [] }
        var out: [StoppedTrial] = []
        for t in context.trials where t.number != context.trialNumber {
            let stopped = t.state == .pruned || t.state == .failed || (t.state == .complete && !(t.value?.isFinite ?? false))
            guard stopped, let u = layout.encode(t.params) else { continue }
            var value: Double?
            if t.state == .pruned, options.prunedTrials == .last, let last = t.lastIntermediate, last.value.isFinite {
                value = context.direction.minimizing(last.value)
            }
            out.append(StoppedTrial(point: u, value: value))
        }
        return out
    }

    /// Posterior targets of stopped trials on the warped scale of the complete trials (`raw` → `warped`,
    /// same order): the worst warped value, or for a known value its piecewise-linear interpolation
    /// between the complete trials' (raw, warped) pairs, clamped to their range.
    static func stoppedTargets(_ stopped: [StoppedTrial], raw: [Double], warped: [Double]) -> [Double] {
        let worst = warped.max() ?? 0
        let order = raw.indices.sorted { raw[$0] < raw[$1] }
        let xs = order.map { raw[$0] }, ys = order.map { warped[$0] }
        return stopped.map { s in
            guard let v = s.value, let first = xs.first, let last = xs.last else { return worst }
            if v <= first { return ys[0] }
            if v >= last { return ys[ys.count - 1] }
            var hi = 1
            while hi < xs.count - 1 && xs[hi] < v { hi += 1 }
            let lo = hi - 1
            let w = xs[hi] > xs[lo] ? (v - xs[lo]) / (xs[hi] - xs[lo]) : 1
            return ys[lo] + w * (ys[hi] - ys[lo])
        }
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
