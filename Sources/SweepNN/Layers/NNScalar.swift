import Foundation
import SweepMath

/// The element types the network code is generic over: `Float` trains, `Double` exists so the
/// gradient checks can compare backpropagation against finite differences without float32 noise.
///
/// The requirements forward to libm (`expf`/`exp`, …). Inside SweepNN every use is specialised
/// for `Float` in release builds (whole-module optimisation), so the indirection costs nothing.
public protocol NNScalar: BLASScalar {
    static func nnExp(_ x: Self) -> Self
    static func nnLog(_ x: Self) -> Self
    static func nnTanh(_ x: Self) -> Self
    static func nnErf(_ x: Self) -> Self
    static func nnSqrt(_ x: Self) -> Self

    /// `C = op(A)·op(B)` (row-major, overwriting `C`) for the network's layers; `scratch` holds at
    /// least `PanelGEMM.scratchCount(k:)` elements. Float uses ``PanelGEMM`` (measured faster
    /// than OpenBLAS at MLP sizes, see Sources/SweepNN/README.md), Double uses BLAS `dgemm`.
    static func nnMatmul(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                         a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                         c: UnsafeMutablePointer<Self>, ldc: Int, scratch: UnsafeMutablePointer<Self>)
}

extension Float: NNScalar {
    @inline(__always) public static func nnExp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func nnLog(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func nnTanh(_ x: Float) -> Float { Foundation.tanh(x) }
    @inline(__always) public static func nnErf(_ x: Float) -> Float { Foundation.erf(x) }
    @inline(__always) public static func nnSqrt(_ x: Float) -> Float { x.squareRoot() }

    @inline(__always)
    public static func nnMatmul(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>) {
        if NNMatmulChoice.useBLAS {
            gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                 beta: 0, c: c, ldc: ldc)
        } else {
            PanelGEMM.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                               c: c, ldc: ldc, scratch: scratch)
        }
    }
}

/// `SWEEP_NN_BLAS=1` in the environment routes the Float products through OpenBLAS `sgemm`
/// instead of ``PanelGEMM``: a benchmarking switch (`scripts/bench/nn --blas`), read once.
enum NNMatmulChoice {
    static let useBLAS = ProcessInfo.processInfo.environment["SWEEP_NN_BLAS"] == "1"
}

extension Double: NNScalar {
    @inline(__always) public static func nnExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func nnLog(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) public static func nnTanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) public static func nnErf(_ x: Double) -> Double { Foundation.erf(x) }
    @inline(__always) public static func nnSqrt(_ x: Double) -> Double { x.squareRoot() }

    @inline(__always)
    public static func nnMatmul(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                c: UnsafeMutablePointer<Double>, ldc: Int, scratch: UnsafeMutablePointer<Double>) {
        gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
             beta: 0, c: c, ldc: ldc)
    }
}
