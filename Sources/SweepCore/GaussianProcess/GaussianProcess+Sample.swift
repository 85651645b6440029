import Foundation
import SweepMath

extension GaussianProcess {
    /// The posterior mean at the first `count` observation inputs, in O(count): with
    /// `K = K_f + (σ²_n + jitter)·I` and `α = K⁻¹y`, the mean `K_f·α` there is `y − (σ²_n + jitter)·α`.
    /// Equals ``predictMean(_:)`` at those rows up to the rounding of the solve (≲ 1e-8 of the
    /// targets' scale with the smallest noise).
    public func meanAtInputs(count m: Int) -> [Double] {
        let shift = hyperparameters.noise + jitter
        return (0..<max(0, min(m, count))).map { targets[$0] - shift * alpha[$0] }
    }

    /// One joint draw of the latent function from the posterior at the rows of `points` (`m × d`):
    /// `μ + C·z` with `z` standard normal from `rng` and `C` the Cholesky factor of the posterior
    /// covariance `K** − K*ₓ K⁻¹ Kₓ*` (latent, without σ²_n). Used for Thompson sampling.
    ///
    /// Cost `O(m²·n + m³/3)`; keep `m` in the hundreds. The covariance is factored with jitter
    /// escalation from 1e-8 to 1e-2 of its mean diagonal (near observations the posterior variance
    /// is ~0 and the matrix is numerically singular; the jitter adds at most 10 % of the average
    /// posterior std). Returns nil when the factorisation fails even then or the data are not finite.
    public func posteriorSample(_ points: Matrix<Double>, rng: inout Xoshiro256StarStar) -> [Double]? {
        precondition(points.columns == dimension, "posteriorSample: points have \(points.columns) columns, GP has \(dimension)")
        let m = points.rows, n = count
        if m == 0 { return [] }
        let mean = n == 0 ? [Double](repeating: 0, count: m) : predictMean(points)
        // Prior covariance among the points (no noise), then minus VVᵀ with V = L⁻¹Kₓ* (whitened rows).
        var cov = GaussianProcess.kernelMatrix(warp?.apply(points) ?? points, kernel: kernel, invL2: invL2, categorical: categorical,
                                               amplitude: hyperparameters.amplitude, noise: 0)
        if n > 0 {
            var cross = crossCovariance(points)
            cross.withUnsafeMutableBufferPointer { cp in
                factor.withUnsafeBufferPointer { l in
                    SymmetricPositiveDefinite.solveRows(factor: l.baseAddress!, order: n, cp.baseAddress!, rows: m)
                }
                cov.withUnsafeMutableBufferPointer { c in
                    for a in 0..<m {
                        for b in 0...a {
                            var s = 0.0
                            for i in 0..<n { s += cp[a * n + i] * cp[b * n + i] }
                            c[a * m + b] -= s
                            c[b * m + a] = c[a * m + b]
                        }
                    }
                }
            }
        }
        guard cov.allSatisfy(\.isFinite), mean.allSatisfy(\.isFinite),
              SymmetricPositiveDefinite.factorWithJitter(&cov, order: m, initialJitter: 1e-8, maxJitter: 1e-2) != nil
        else { return nil }
        let z = (0..<m).map { _ in rng.nextNormal() }
        var sample = mean
        for a in 0..<m {
            var s = 0.0
            for b in 0...a { s += cov[a * m + b] * z[b] }
            sample[a] += s
        }
        return sample
    }
}
