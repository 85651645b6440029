import Foundation
import SweepMath

/// The log marginal likelihood of fixed data as a function of the packed log-hyperparameters
/// `θ = [log ℓ₁ … log ℓ_d, log a, log σ²_n]` — followed, with input warping, by ``InputWarp``'s
/// `[log a_j, log b_j]` per warped coordinate — with its analytic gradient.
///
/// `∂LML/∂θ_p = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_p)` with
/// - `∂K/∂log a = a·base(r²)`, `∂K/∂log σ²_n = σ²_n·I`,
/// - `∂K/∂log ℓ_j = −2·a·base′(r²)·δ_j²/ℓ_j²` (δ Hamming on categorical coordinates),
/// - with warping, `∂K/∂s_j = 2·a·base′(r²)·δ_j·(∂w_j(x)/∂s_j − ∂w_j(x′)/∂s_j)/ℓ_j²` for each shape
///   parameter `s_j` (`GPMarginalLikelihood+Warp.swift`).
///
/// Cost per evaluation: kernel fill `O(n²d)`, `dpotrf` + `dpotri` `O(n³)` (LAPACK), contraction
/// `O(n²d)`. The signal part `a·base` is kept in the upper triangle of the kernel buffer (LAPACK
/// works on the lower one) for the amplitude gradient. Buffers are allocated once per instance and reused, so the optimiser's many calls do not
/// allocate `n²` memory each time. Not thread-safe (one instance per fit).
public final class GPMarginalLikelihood {
    public let kernel: GPKernel
    public let inputs: Matrix<Double>
    public let targets: [Double]
    public let categorical: [Bool]
    /// The warped coordinates (nil: no input warping).
    public let warped: [Bool]?
    private(set) var k: [Double]
    private(set) var derivative: [Double]
    private(set) var alpha: [Double]

    /// - Precondition: shapes agree and data are finite (``GaussianProcess/init`` checks that for callers).
    /// - Parameter warped: coordinates to warp (``InputWarp``); nil or none marked: no warping.
    public init(inputs: Matrix<Double>, targets: [Double], kernel: GPKernel, categorical: [Bool]? = nil, warped: [Bool]? = nil) {
        precondition(inputs.rows == targets.count, "GPMarginalLikelihood: \(inputs.rows) inputs, \(targets.count) targets")
        self.kernel = kernel
        self.inputs = inputs
        self.targets = targets
        let categorical = categorical ?? Array(repeating: false, count: inputs.columns)
        self.categorical = categorical
        let mask = warped.map { w in w.indices.map { w[$0] && !categorical[$0] } }  // categoricals stay unwarped
        self.warped = mask.flatMap { $0.count == inputs.columns && $0.contains(true) ? $0 : nil }
        let n = inputs.rows
        k = [Double](repeating: 0, count: n * n)
        derivative = [Double](repeating: 0, count: n * n)
        alpha = [Double](repeating: 0, count: n)
    }

    /// Number of packed hyperparameters, `d + 2` plus two per warped coordinate.
    public var parameterCount: Int { inputs.columns + 2 + (warped.map(InputWarp.parameterCount) ?? 0) }

    /// LML at `theta` (packed), writing `∂LML/∂θ` into `gradient` (size ``parameterCount``). Returns `−∞`
    /// (and a zero gradient) when the kernel matrix cannot be factored even with jitter.
    public func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
        let n = inputs.rows, d = inputs.columns, count = parameterCount
        precondition(theta.count == count && gradient.count == count, "GPMarginalLikelihood: θ needs \(count) entries")
        for p in 0..<count { gradient[p] = 0 }
        let warp = warped.map { InputWarp(warped: $0, packed: Array(theta[(d + 2)...])) }
        let inputs = warp?.apply(self.inputs) ?? self.inputs
        let amplitude = exp(theta[d]), noise = exp(theta[d + 1])
        let invL2 = (0..<d).map { exp(-2 * theta[$0]) }
        let anyCat = categorical.contains(true)
        // 1. Kernel (the upper triangle keeps a·base for the amplitude gradient: LAPACK only works on
        //    the lower one) and a·base′(r²) for the lengthscale gradient.
        k.withUnsafeMutableBufferPointer { kp in
            derivative.withUnsafeMutableBufferPointer { dp in
                GaussianProcess.fillKernel(kp.baseAddress!, derivative: dp.baseAddress!, inputs, kernel: kernel, invL2: invL2,
                                           categorical: categorical, amplitude: amplitude, noise: noise)
            }
        }
        // 2. Cholesky (jitter only if needed), α, log det.
        guard SymmetricPositiveDefinite.factorWithJitter(&k, order: n) != nil else { return -.infinity }
        for i in 0..<n { alpha[i] = targets[i] }
        var logDet = 0.0
        k.withUnsafeMutableBufferPointer { kp in
            alpha.withUnsafeMutableBufferPointer { SymmetricPositiveDefinite.solve(factor: kp.baseAddress!, order: n, $0.baseAddress!) }
            for i in 0..<n { logDet += log(kp[i * n + i]) }
            // 3. K⁻¹ (lower triangle) in place.
            SymmetricPositiveDefinite.invert(factor: kp.baseAddress!, order: n)
        }
        var fit = 0.0
        for i in 0..<n { fit += targets[i] * alpha[i] }
        let value = -0.5 * fit - logDet - 0.5 * Double(n) * log(2 * Double.pi)
        // 4. Contraction with W = ααᵀ − K⁻¹ (off-diagonal pairs counted twice, hence no ½ there).
        //    Raw pointers throughout: this O(n²d) loop runs once per likelihood evaluation.
        var gAmp = 0.0, gNoise = 0.0
        var gLen = [Double](repeating: 0, count: d)
        inputs.storage.withUnsafeBufferPointer { xb in
            k.withUnsafeBufferPointer { kb in
                derivative.withUnsafeBufferPointer { db in
                    alpha.withUnsafeBufferPointer { ab in
                        categorical.withUnsafeBufferPointer { cb in
                            gLen.withUnsafeMutableBufferPointer { gb in
                                let xp = xb.baseAddress!, kp = kb.baseAddress!, dp = db.baseAddress!
                                let ap = ab.baseAddress!, cat = cb.baseAddress!, gl = gb.baseAddress!
                                for i in 0..<n {
                                    let ai = ap[i]
                                    let wii = ai * ai - kp[i * n + i]
                                    gAmp += 0.5 * wii * amplitude
                                    gNoise += 0.5 * wii * noise
                                    let xi = xp + i * d
                                    for j in 0..<i {
                                        let w = ai * ap[j] - kp[i * n + j]
                                        gAmp += w * kp[j * n + i]  // a·base(r²_ij), kept in the upper triangle
                                        let c = -2 * w * dp[i * n + j]
                                        let xj = xp + j * d
                                        if anyCat {
                                            for q in 0..<d {
                                                let u = xi[q] - xj[q]
                                                gl[q] += c * (cat[q] ? (u != 0 ? 1 : 0) : u * u)
                                            }
                                        } else {
                                            for q in 0..<d {
                                                let u = xi[q] - xj[q]
                                                gl[q] += c * u * u
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for q in 0..<d { gradient[q] = gLen[q] * invL2[q] }
        gradient[d] = gAmp
        gradient[d + 1] = gNoise
        if let warp { addWarpGradient(warp, warpedInputs: inputs, invL2: invL2, into: &gradient) }
        return value
    }
}
