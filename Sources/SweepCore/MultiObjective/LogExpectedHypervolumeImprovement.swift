import Foundation
import SweepMath

/// The logarithm of the expected hypervolume improvement (EHVI, Emmerich et al. 2006) of a point whose
/// objectives (all **minimised**) are independent normals `Y_k ~ N(μ_k, σ_k²)`, computed exactly over
/// the non-dominated cells of a ``BoxDecomposition``.
///
/// The region a new point `y` adds to the hypervolume is the union of the disjoint non-dominated
/// cells `[l, u]` clipped to `[y, ∞)`, so `HVI(y) = Σ_cells ∏_k (u_k − max(l_k, y_k))⁺` and, the
/// objectives being independent, `EHVI = Σ_cells ∏_k E[(u_k − max(l_k, Y_k))⁺]` with the closed form
/// `E[(u − max(l, Y))⁺] = σ·(h(z_u) − h(z_l))`, `z = (· − μ)/σ`, `h(z) = φ(z) + zΦ(z)`.
///
/// Everything is evaluated in log space as Ament et al. (2023) do for LogEI: `log h` by
/// ``NormalDistribution/logH(_:)``, the difference by `log1mexp`, the product as a sum and the sum over
/// cells by log-sum-exp. The value therefore stays finite (and its gradient informative) far from the
/// front, where plain EHVI underflows to 0; it is `−∞` only when no cell can be improved.
/// Accuracy (tested against Monte-Carlo EHVI): relative error of `exp(value)` ~1e-12 wherever EHVI is
/// representable.
public struct LogExpectedHypervolumeImprovement: Sendable {
    /// Lower and upper ends of each non-dominated cell (minimisation frame; lower ends may be `−∞`).
    public let lower: [[Double]]
    public let upper: [[Double]]
    /// Number of objectives.
    public let objectiveCount: Int

    /// Smallest std used (a deterministic prediction would make z infinite).
    static let minimumStd = 1e-10
    /// log √(2π), for log φ(z) = −z²/2 − log √(2π).
    static let logSqrt2Pi = 0.5 * log(2 * Double.pi)

    /// - Parameters:
    ///   - front: observed objective vectors (minimised; dominated ones are allowed and ignored).
    ///   - reference: the reference point, worse than every point that should count.
    /// - Throws: ``MultiObjectiveError`` as ``BoxDecomposition`` (wrong lengths, non-finite values,
    ///   more than 4 objectives).
    public init(front: [[Double]], reference: [Double]) throws {
        let m = reference.count
        let boxes = try BoxDecomposition(points: front, reference: reference,
                                         directions: Array(repeating: .minimize, count: m)).nondominated
        let kept = boxes.filter { b in (0..<m).allSatisfy { b.upper[$0] > b.lower[$0] } }
        lower = kept.map(\.lower)
        upper = kept.map(\.upper)
        objectiveCount = m
    }

    /// log EHVI for means `mean` and standard deviations `std` (one per objective).
    public func value(mean: [Double], std: [Double]) -> Double {
        var dm = [Double](repeating: 0, count: objectiveCount), ds = dm
        return evaluate(mean: mean, std: std, dMean: &dm, dStd: &ds, gradient: false)
    }

    /// log EHVI and its partial derivatives with respect to each mean and std.
    public func valueAndGradient(mean: [Double], std: [Double], dMean: inout [Double], dStd: inout [Double]) -> Double {
        evaluate(mean: mean, std: std, dMean: &dMean, dStd: &dStd, gradient: true)
    }

    private func evaluate(mean: [Double], std rawStd: [Double], dMean: inout [Double], dStd: inout [Double],
                          gradient: Bool) -> Double {
        let m = objectiveCount
        for k in 0..<m { dMean[k] = 0; dStd[k] = 0 }
        let cells = lower.count
        if cells == 0 { return -.infinity }
        let std = rawStd.map { max($0, Self.minimumStd) }
        // Per-cell log values and, for the gradient, per-cell per-objective log-derivatives.
        var logCell = [Double](repeating: 0, count: cells)
        var gm = gradient ? [Double](repeating: 0, count: cells * m) : []
        var gs = gradient ? [Double](repeating: 0, count: cells * m) : []
        for c in 0..<cells {
            var total = 0.0
            for k in 0..<m {
                let term = Self.logTerm(lower: lower[c][k], upper: upper[c][k], mean: mean[k], std: std[k], gradient: gradient)
                total += term.value
                if gradient { gm[c * m + k] = term.dMean; gs[c * m + k] = term.dStd }
            }
            logCell[c] = total
        }
        let top = logCell.max() ?? -.infinity
        guard top > -.infinity else { return -.infinity }
        var sum = 0.0
        for c in 0..<cells { sum += exp(logCell[c] - top) }
        let value = top + log(sum)
        if gradient {
            for c in 0..<cells where logCell[c] > -.infinity {
                let w = exp(logCell[c] - value)
                for k in 0..<m {
                    dMean[k] += w * gm[c * m + k]
                    dStd[k] += w * gs[c * m + k]
                }
            }
            for k in 0..<m where !(rawStd[k] > Self.minimumStd) { dStd[k] = 0 }
        }
        return value
    }

    /// `log E[(u − max(l, Y))⁺]` for `Y ~ N(mean, std²)` and its derivatives with respect to mean and std:
    /// `∂/∂μ = −(Φ(z_u) − Φ(z_l))/T`, `∂/∂σ = (φ(z_u) − φ(z_l))/T`, T the expectation.
    static func logTerm(lower l: Double, upper u: Double, mean: Double, std: Double, gradient: Bool)
        -> (value: Double, dMean: Double, dStd: Double)
    {
        let zu = (u - mean) / std
        let logHu = NormalDistribution.logH(zu)
        let value: Double
        if l == -.infinity {
            value = log(std) + logHu
        } else {
            let zl = (l - mean) / std
            value = log(std) + logDifference(logHu, NormalDistribution.logH(zl))
        }
        guard gradient, value > -.infinity else { return (value, 0, 0) }
        let logPhiU = -0.5 * zu * zu - Self.logSqrt2Pi
        let logCDFU = NormalDistribution.logCDF(zu)
        if l == -.infinity {
            return (value, -exp(logCDFU - value), exp(logPhiU - value))
        }
        let zl = (l - mean) / std
        let logPhiL = -0.5 * zl * zl - Self.logSqrt2Pi
        let logCDFDiff = logDifference(logCDFU, NormalDistribution.logCDF(zl))
        return (value, -exp(logCDFDiff - value), exp(logPhiU - value) - exp(logPhiL - value))
    }

    /// `log(eᵃ − eᵇ)`, `−∞` when `b ≥ a`.
    @inline(__always)
    static func logDifference(_ a: Double, _ b: Double) -> Double {
        guard b < a else { return -.infinity }
        if b == -.infinity { return a }
        return a + NormalDistribution.log1mexp(b - a)
    }
}
