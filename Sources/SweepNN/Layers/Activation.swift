import SweepMath

/// Hidden-layer nonlinearity. The output layer is always linear (logits or regression outputs).
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// `max(0, z)`; derivative taken as 0 at `z = 0`.
    case relu
    /// `tanh(z)`.
    case tanh
    /// Exact GELU, `z·Φ(z) = z/2·(1 + erf(z/√2))` (PyTorch's default form, not the tanh approximation).
    case gelu
    /// Logistic `1/(1 + e^{-z})`.
    case sigmoid

    /// The initialisation ``Initialization/automatic`` picks: He for relu/gelu, Xavier for tanh/sigmoid.
    public var defaultInitialization: Initialization {
        switch self {
        case .relu, .gelu: return .he
        case .tanh, .sigmoid: return .xavier
        }
    }
}

/// Fused per-layer passes. Each runs once over a `rows × width` block right after the layer's gemm
/// (forward) or right after the gemm that propagates the error into it (backward).
enum ActivationKernels {
    /// Forward: `z[r, j] += bias[j]`, then `a = act(z)`; when `mask` is given (training with
    /// dropout), `a *= mask` as well. Afterwards `z` holds what ``backward`` needs: the
    /// pre-activation for relu and gelu, the (unmasked) activation for tanh and sigmoid, whose
    /// derivatives are cheapest from their outputs.
    @inline(__always)
    static func biasActivate<S: NNScalar>(
        _ activation: Activation, rows: Int, width: Int,
        z: UnsafeMutablePointer<S>, a: UnsafeMutablePointer<S>, bias: UnsafePointer<S>,
        mask: UnsafePointer<S>?
    ) {
        switch activation {
        case .relu:
            for r in 0..<rows {
                let zr = z + r * width, ar = a + r * width
                for j in 0..<width {
                    let v = zr[j] + bias[j]
                    zr[j] = v
                    ar[j] = v > 0 ? v : 0
                }
            }
        case .tanh:
            for r in 0..<rows {
                let zr = z + r * width, ar = a + r * width
                for j in 0..<width {
                    let t = S.nnTanh(zr[j] + bias[j])
                    zr[j] = t
                    ar[j] = t
                }
            }
        case .sigmoid:
            for r in 0..<rows {
                let zr = z + r * width, ar = a + r * width
                for j in 0..<width {
                    let s = 1 / (1 + S.nnExp(-(zr[j] + bias[j])))
                    zr[j] = s
                    ar[j] = s
                }
            }
        case .gelu:
            let invSqrt2: S = 0.70710678118654752440
            for r in 0..<rows {
                let zr = z + r * width, ar = a + r * width
                for j in 0..<width {
                    let v = zr[j] + bias[j]
                    zr[j] = v
                    ar[j] = v * (1 + S.nnErf(v * invSqrt2)) / 2
                }
            }
        }
        if let mask {
            let count = rows * width
            for i in 0..<count { a[i] *= mask[i] }
        }
    }

    /// Backward: `delta *= act'(z)` (and `*= mask` under dropout), turning `∂L/∂a` into `∂L/∂z`.
    /// `saved` is the `z` buffer as ``biasActivate`` left it.
    @inline(__always)
    static func backward<S: NNScalar>(
        _ activation: Activation, count: Int,
        delta: UnsafeMutablePointer<S>, saved z: UnsafePointer<S>, mask: UnsafePointer<S>?
    ) {
        switch activation {
        case .relu:
            if let mask {
                for i in 0..<count { delta[i] = z[i] > 0 ? delta[i] * mask[i] : 0 }
            } else if S.self == Float.self {
                // In C: the scalar loop below does not vectorize at the x86-64 baseline (a branch
                // per element, a quarter of a 2x128 batch-128 epoch); same values.
                UnsafeMutableRawPointer(delta).withMemoryRebound(to: Float.self, capacity: count) { d in
                    UnsafeRawPointer(z).withMemoryRebound(to: Float.self, capacity: count) { zf in
                        ReLUBackward.apply(count: count, delta: d, z: zf)
                    }
                }
            } else {
                for i in 0..<count { delta[i] = z[i] > 0 ? delta[i] : 0 }
            }
            return
        case .tanh:
            for i in 0..<count {
                let t = z[i]
                delta[i] *= 1 - t * t
            }
        case .sigmoid:
            for i in 0..<count {
                let s = z[i]
                delta[i] *= s * (1 - s)
            }
        case .gelu:
            let invSqrt2: S = 0.70710678118654752440
            let invSqrt2Pi: S = 0.39894228040143267794
            for i in 0..<count {
                let v = z[i]
                let cdf = (1 + S.nnErf(v * invSqrt2)) / 2
                let pdf = invSqrt2Pi * S.nnExp(-v * v / 2)
                delta[i] *= cdf + v * pdf
            }
        }
        if let mask {
            for i in 0..<count { delta[i] *= mask[i] }
        }
    }
}
