import Foundation
import SweepMath

extension GPMarginalLikelihood {
    /// Adds `∂LML/∂(log a_j, log b_j)` of the input warp into `gradient` (after the `d + 2` kernel
    /// entries, in ``InputWarp/packed`` order). Called by ``evaluate(_:gradient:)`` once its buffers
    /// hold `K⁻¹` (lower triangle), `a·base′(r²)` (``derivative``, strict lower triangle) and `α`:
    /// `½ tr(W ∂K/∂s) = Σ_{i>j} W_ij·2·a·base′(r²_ij)·δ_q·(∂w_q(x_i)/∂s − ∂w_q(x_j)/∂s)/ℓ_q²` with
    /// `W = ααᵀ − K⁻¹` and `δ_q = w_q(x_i) − w_q(x_j)` (the diagonal of K does not depend on the warp).
    /// Cost O(n²·w) for w warped coordinates.
    func addWarpGradient(_ warp: InputWarp, warpedInputs z: Matrix<Double>, invL2: [Double], into gradient: inout [Double]) {
        let n = inputs.rows, d = inputs.columns
        let columns = warp.warped.indices.filter { warp.warped[$0] }
        let w = columns.count
        // Per point and warped coordinate: ∂w/∂log a and ∂w/∂log b (n × w each).
        var dA = [Double](repeating: 0, count: n * w), dB = [Double](repeating: 0, count: n * w)
        for i in 0..<n {
            for (c, j) in columns.enumerated() {
                let g = warp.valueAndParameterGradient(inputs[i, j], coordinate: j)
                dA[i * w + c] = g.dLogA
                dB[i * w + c] = g.dLogB
            }
        }
        var gA = [Double](repeating: 0, count: w), gB = [Double](repeating: 0, count: w)
        k.withUnsafeBufferPointer { kp in
            derivative.withUnsafeBufferPointer { dp in
                for i in 0..<n {
                    let ai = alpha[i]
                    for j in 0..<i {
                        let s = 2 * (ai * alpha[j] - kp[i * n + j]) * dp[i * n + j]
                        for (c, q) in columns.enumerated() {
                            let u = s * (z[i, q] - z[j, q]) * invL2[q]
                            gA[c] += u * (dA[i * w + c] - dA[j * w + c])
                            gB[c] += u * (dB[i * w + c] - dB[j * w + c])
                        }
                    }
                }
            }
        }
        for c in 0..<w {
            gradient[d + 2 + 2 * c] = gA[c]
            gradient[d + 2 + 2 * c + 1] = gB[c]
        }
    }
}
