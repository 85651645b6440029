import Foundation
import SweepMath

/// A GP posterior with fixed hyperparameters: zero prior mean, covariance
/// `K = a·base(r²) + σ²_n·I` (see ``GPKernel``), conditioned on `n` observations.
///
/// Inputs are rows of a unit-cube matrix (numeric coordinates compared by difference, categorical
/// ones by equality); targets are used as given (Sweep's sampler standardises them first).
/// The Cholesky factor comes from LAPACK `dpotrf` with jitter escalation (1e-10 … 1e-4 of the mean
/// diagonal, reported in ``jitter``); `α = K⁻¹y` from `dpotrs`.
///
/// Accuracy (tested against scikit-learn 1.9.1 with the same fixed kernels): posterior mean and
/// predictive std to 1e-8 relative, ``logMarginalLikelihood`` to 1e-8.
public struct GaussianProcess: Sendable {
    /// Covariance shape.
    public let kernel: GPKernel
    /// Hyperparameters (log space).
    public let hyperparameters: GPHyperparameters
    /// Observation inputs, `n × d`.
    public let inputs: Matrix<Double>
    /// Observation targets, `n`.
    public let targets: [Double]
    /// Which input coordinates are categorical (compared by equality).
    public let categorical: [Bool]
    /// Input warping applied to ``inputs`` and to every queried point before the kernel (nil: none).
    public let warp: InputWarp?
    /// ``inputs`` after ``warp``: what the kernel sees.
    let kernelInputs: Matrix<Double>
    /// Diagonal jitter added on top of σ²_n to factor K (0 normally).
    public let jitter: Double
    /// `K⁻¹·y`.
    public let alpha: [Double]
    /// Lower Cholesky factor of K, row-major `n × n`.
    let factor: [Double]
    let invL2: [Double]
    let anyCategorical: Bool

    /// Number of observations.
    public var count: Int { targets.count }
    /// Input dimension.
    public var dimension: Int { inputs.columns }

    /// Conditions the GP on `(inputs, targets)`.
    /// - Throws: ``GPError`` for mismatched sizes, non-finite data, or a kernel matrix that cannot be
    ///   factored even with jitter.
    public init(inputs: Matrix<Double>, targets: [Double], kernel: GPKernel, hyperparameters: GPHyperparameters,
                categorical: [Bool]? = nil, warp: InputWarp? = nil) throws(GPError) {
        let n = inputs.rows, d = inputs.columns
        let categorical = categorical ?? Array(repeating: false, count: d)
        guard targets.count == n else { throw .dimensionMismatch("\(n) inputs but \(targets.count) targets") }
        guard hyperparameters.dimension == d, categorical.count == d else {
            throw .dimensionMismatch("inputs have \(d) columns, lengthscales \(hyperparameters.dimension), categorical mask \(categorical.count)")
        }
        guard inputs.storage.allSatisfy(\.isFinite) else { throw .nonFinite("inputs") }
        guard targets.allSatisfy(\.isFinite) else { throw .nonFinite("targets") }
        if let warp, warp.warped.count != d { throw .dimensionMismatch("inputs have \(d) columns, the input warp \(warp.warped.count)") }
        self.warp = warp
        self.kernelInputs = warp?.apply(inputs) ?? inputs
        self.kernel = kernel
        self.hyperparameters = hyperparameters
        self.inputs = inputs
        self.targets = targets
        self.categorical = categorical
        self.invL2 = hyperparameters.inverseSquaredLengthscales
        self.anyCategorical = categorical.contains(true)
        var k = GaussianProcess.kernelMatrix(kernelInputs, kernel: kernel, invL2: invL2, categorical: categorical,
                                             amplitude: hyperparameters.amplitude, noise: hyperparameters.noise)
        guard let jitter = SymmetricPositiveDefinite.factorWithJitter(&k, order: n) else { throw .notPositiveDefinite(order: n) }
        self.jitter = jitter
        var alpha = targets
        k.withUnsafeBufferPointer { l in
            alpha.withUnsafeMutableBufferPointer { SymmetricPositiveDefinite.solve(factor: l.baseAddress!, order: n, $0.baseAddress!) }
        }
        self.factor = k
        self.alpha = alpha
    }

    /// `log p(y | X, θ) = −½ yᵀα − Σ log L_ii − (n/2) log 2π`.
    public var logMarginalLikelihood: Double {
        let n = count
        var fit = 0.0, logDet = 0.0
        for i in 0..<n { fit += targets[i] * alpha[i]; logDet += log(factor[i * n + i]) }
        return -0.5 * fit - logDet - 0.5 * Double(n) * log(2 * Double.pi)
    }

    /// The symmetric kernel matrix (full, row-major) `a·base + σ²_n·I`.
    static func kernelMatrix(_ x: Matrix<Double>, kernel: GPKernel, invL2: [Double], categorical: [Bool],
                             amplitude: Double, noise: Double) -> [Double] {
        var k = [Double](repeating: 0, count: x.rows * x.rows)
        k.withUnsafeMutableBufferPointer {
            fillKernel($0.baseAddress!, derivative: nil, x, kernel: kernel, invL2: invL2, categorical: categorical,
                       amplitude: amplitude, noise: noise)
        }
        return k
    }

    /// Writes `a·base(r²) + σ²_n·I` into both triangles of the row-major `n × n` buffer `k`, and, when
    /// `derivative` is given, `a·base′(r²)` into its strict lower triangle.
    static func fillKernel(_ k: UnsafeMutablePointer<Double>, derivative: UnsafeMutablePointer<Double>?, _ x: Matrix<Double>,
                           kernel: GPKernel, invL2: [Double], categorical: [Bool], amplitude: Double, noise: Double) {
        let n = x.rows, d = x.columns
        let anyCat = categorical.contains(true)
        x.storage.withUnsafeBufferPointer { xp in
            invL2.withUnsafeBufferPointer { il in
                categorical.withUnsafeBufferPointer { cat in
                    for i in 0..<n {
                        k[i * n + i] = amplitude + noise
                        for j in 0..<i {
                            let r2 = scaledSquaredDistance(xp.baseAddress! + i * d, xp.baseAddress! + j * d,
                                                           il.baseAddress!, cat.baseAddress!, anyCat, d)
                            let v: Double
                            if let derivative {
                                let (b, db) = kernel.valueAndDerivative(r2)
                                v = amplitude * b
                                derivative[i * n + j] = amplitude * db
                            } else {
                                v = amplitude * kernel.value(r2)
                            }
                            k[i * n + j] = v
                            k[j * n + i] = v
                        }
                    }
                }
            }
        }
    }

    /// Posterior mean and **latent** variance (excluding σ²_n) at each row of `points` (`m × d`).
    ///
    /// Batched: the `m × n` cross-covariance is whitened by one `dtrsm` and the means come from one
    /// `dgemv`, so cost is `O(m·n·d + m·n²)` in BLAS. Variances are clamped at 0 from below.
    public func predict(_ points: Matrix<Double>) -> (mean: [Double], variance: [Double]) {
        precondition(points.columns == dimension, "predict: points have \(points.columns) columns, GP has \(dimension)")
        let m = points.rows, n = count
        var mean = [Double](repeating: 0, count: m)
        var variance = [Double](repeating: hyperparameters.amplitude, count: m)
        if n == 0 || m == 0 { return (mean, variance) }
        var cross = crossCovariance(points)
        let amplitude = hyperparameters.amplitude
        cross.withUnsafeMutableBufferPointer { cp in
            alpha.withUnsafeBufferPointer { ap in
                mean.withUnsafeMutableBufferPointer {
                    SymmetricPositiveDefinite.multiply(cp.baseAddress!, rows: m, columns: n, ap.baseAddress!, into: $0.baseAddress!)
                }
            }
            factor.withUnsafeBufferPointer { l in
                SymmetricPositiveDefinite.solveRows(factor: l.baseAddress!, order: n, cp.baseAddress!, rows: m)
            }
            for a in 0..<m {
                var s = 0.0
                for i in 0..<n { let v = cp[a * n + i]; s += v * v }
                variance[a] = max(0, amplitude - s)
            }
        }
        return (mean, variance)
    }

    /// Posterior mean only at each row of `points` (`m × d`): `O(m·n·d)`, no triangular solve.
    public func predictMean(_ points: Matrix<Double>) -> [Double] {
        precondition(points.columns == dimension, "predictMean: points have \(points.columns) columns, GP has \(dimension)")
        let m = points.rows, n = count
        var mean = [Double](repeating: 0, count: m)
        if n == 0 || m == 0 { return mean }
        var cross = crossCovariance(points)
        cross.withUnsafeMutableBufferPointer { cp in
            alpha.withUnsafeBufferPointer { ap in
                mean.withUnsafeMutableBufferPointer {
                    SymmetricPositiveDefinite.multiply(cp.baseAddress!, rows: m, columns: n, ap.baseAddress!, into: $0.baseAddress!)
                }
            }
        }
        return mean
    }

    /// The `m × n` prior covariance between the rows of `points` and the observations (row-major).
    func crossCovariance(_ raw: Matrix<Double>) -> [Double] {
        let m = raw.rows, n = count, d = dimension
        let points = warp?.apply(raw) ?? raw
        var cross = [Double](repeating: 0, count: m * n)
        let amplitude = hyperparameters.amplitude
        points.storage.withUnsafeBufferPointer { pp in
            kernelInputs.storage.withUnsafeBufferPointer { xp in
                invL2.withUnsafeBufferPointer { il in
                    categorical.withUnsafeBufferPointer { cat in
                        cross.withUnsafeMutableBufferPointer { cp in
                            for a in 0..<m {
                                for i in 0..<n {
                                    let r2 = scaledSquaredDistance(pp.baseAddress! + a * d, xp.baseAddress! + i * d,
                                                                   il.baseAddress!, cat.baseAddress!, anyCategorical, d)
                                    cp[a * n + i] = amplitude * kernel.value(r2)
                                }
                            }
                        }
                    }
                }
            }
        }
        return cross
    }

    /// Posterior mean and latent variance at one point, with their gradients with respect to the
    /// point's coordinates written into `meanGradient` and `varianceGradient` (size d; zero on
    /// categorical coordinates, where the kernel is not differentiable). With a ``warp`` the gradients
    /// are with respect to the unwarped coordinates (chain rule through `dw/dx`).
    public func predictWithGradient(at raw: [Double], meanGradient: inout [Double], varianceGradient: inout [Double])
        -> (mean: Double, variance: Double)
    {
        let n = count, d = dimension
        precondition(raw.count == d, "predictWithGradient: point has \(raw.count) coordinates, GP has \(d)")
        var x = raw
        var slope: [Double] = []
        if let warp {
            slope = [Double](repeating: 1, count: d)
            for j in 0..<d { (x[j], slope[j]) = warp.valueAndSlope(raw[j], coordinate: j) }
        }
        for j in 0..<d { meanGradient[j] = 0; varianceGradient[j] = 0 }
        let amplitude = hyperparameters.amplitude
        if n == 0 { return (0, amplitude) }
        var k = [Double](repeating: 0, count: n)
        var c = [Double](repeating: 0, count: n)
        kernelInputs.storage.withUnsafeBufferPointer { xp in
            x.withUnsafeBufferPointer { pp in
                invL2.withUnsafeBufferPointer { il in
                    categorical.withUnsafeBufferPointer { cat in
                        for i in 0..<n {
                            let r2 = scaledSquaredDistance(pp.baseAddress!, xp.baseAddress! + i * d, il.baseAddress!,
                                                           cat.baseAddress!, anyCategorical, d)
                            let (v, dv) = kernel.valueAndDerivative(r2)
                            k[i] = amplitude * v
                            c[i] = 2 * amplitude * dv  // ∂k_i/∂x_j = c_i · (x_j − X_ij) / ℓ_j²
                        }
                    }
                }
            }
        }
        var mean = 0.0
        for i in 0..<n { mean += k[i] * alpha[i] }
        var v = k
        factor.withUnsafeBufferPointer { l in
            v.withUnsafeMutableBufferPointer { SymmetricPositiveDefinite.solve(factor: l.baseAddress!, order: n, $0.baseAddress!) }
        }
        var quad = 0.0
        for i in 0..<n { quad += k[i] * v[i] }
        let variance = max(0, amplitude - quad)
        kernelInputs.storage.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                let ca = c[i] * alpha[i], cv = -2 * c[i] * v[i]
                let row = i * d
                for j in 0..<d where !categorical[j] {
                    let delta = (x[j] - xp[row + j]) * invL2[j]
                    meanGradient[j] += ca * delta
                    varianceGradient[j] += cv * delta
                }
            }
        }
        for j in slope.indices { meanGradient[j] *= slope[j]; varianceGradient[j] *= slope[j] }
        return (mean, variance)
    }
}
