import Foundation
import SweepMath

/// The probability that a point satisfies every constraint `c_j(x) ≤ 0`, from one independent GP per
/// constraint (Gardner et al. 2014; BoTorch's and Optuna's constrained acquisitions):
/// `log PoF(x) = Σ_j log Φ((t_j − μ_j(x)) / σ_j(x))`, where `t_j` is the threshold 0 expressed on the
/// scale the GP was fitted on (constraint values are standardised first, see ``init(inputs:constraints:kernel:hyperparameters:categorical:)``).
///
/// Acquisitions multiply by PoF, i.e. add ``logValues(_:)`` to their log value. Computed with
/// ``NormalDistribution/logCDF(_:)``, so it stays finite and differentiable far inside the infeasible
/// region. σ is the latent std, floored at 1e-10 of the standardised scale.
public struct ProbabilityOfFeasibility: Sendable {
    /// One GP per constraint, on standardised constraint values.
    public let gps: [GaussianProcess]
    /// The feasibility threshold (0 in the constraint's units) on each GP's standardised scale.
    public let thresholds: [Double]

    static let minimumStd = 1e-10
    /// log √(2π), for log φ(z) = −z²/2 − log √(2π).
    static let logSqrt2Pi = 0.5 * log(2 * Double.pi)

    /// Trial attribute holding a single-objective trial's constraint values (an array of numbers,
    /// `≤ 0` = satisfied); multi-objective trials carry them in ``MultiObjectiveTrial/constraints``.
    public static let constraintsKey = "constraints"

    /// Wraps already conditioned GPs.
    public init(gps: [GaussianProcess], thresholds: [Double]) {
        self.gps = gps
        self.thresholds = thresholds
    }

    /// The standardised targets of one constraint's observations and where 0 lands on that scale.
    /// A constant constraint is only centred (unit scale).
    public static func standardise(_ values: [Double]) -> (targets: [Double], threshold: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        var v = 0.0
        for c in values { v += (c - mean) * (c - mean) }
        var std = (v / n).squareRoot()
        if !(std > 1e-12 * max(1, abs(mean))) { std = 1 }
        return (values.map { ($0 - mean) / std }, -mean / std)
    }

    /// `log Φ((threshold − mean)/std)` and its derivatives with respect to mean and std.
    public static func logProbability(mean: Double, std rawStd: Double, threshold: Double)
        -> (value: Double, dMean: Double, dStd: Double)
    {
        let std = max(rawStd, minimumStd)
        let z = (threshold - mean) / std
        let value = NormalDistribution.logCDF(z)
        // d log Φ(z)/dz = φ(z)/Φ(z), evaluated in log space (finite for very negative z).
        let ratio = exp(-0.5 * z * z - Self.logSqrt2Pi - value)
        return (value, -ratio / std, rawStd > minimumStd ? -ratio * z / std : 0)
    }

    /// log PoF at every row of `points` (batched predictions).
    public func logValues(_ points: Matrix<Double>) -> [Double] {
        var out = [Double](repeating: 0, count: points.rows)
        for (gp, t) in zip(gps, thresholds) {
            let (mean, variance) = gp.predict(points)
            for a in 0..<points.rows {
                out[a] += Self.logProbability(mean: mean[a], std: variance[a].squareRoot(), threshold: t).value
            }
        }
        return out
    }

    /// log PoF at `x`, with its gradient with respect to `x` **added** to `gradient`.
    public func addLogValueAndGradient(_ x: [Double], gradient: inout [Double]) -> Double {
        let d = x.count
        var gm = [Double](repeating: 0, count: d), gv = gm
        var total = 0.0
        for (gp, t) in zip(gps, thresholds) {
            let (mean, variance) = gp.predictWithGradient(at: x, meanGradient: &gm, varianceGradient: &gv)
            let std = variance.squareRoot()
            let p = Self.logProbability(mean: mean, std: std, threshold: t)
            total += p.value
            let dVar = std > Self.minimumStd ? p.dStd * 0.5 / std : 0
            for j in 0..<d { gradient[j] += p.dMean * gm[j] + dVar * gv[j] }
        }
        return total
    }
}
