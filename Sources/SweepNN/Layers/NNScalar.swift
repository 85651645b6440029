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
}

extension Float: NNScalar {
    @inline(__always) public static func nnExp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func nnLog(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func nnTanh(_ x: Float) -> Float { Foundation.tanh(x) }
    @inline(__always) public static func nnErf(_ x: Float) -> Float { Foundation.erf(x) }
    @inline(__always) public static func nnSqrt(_ x: Float) -> Float { x.squareRoot() }
}

extension Double: NNScalar {
    @inline(__always) public static func nnExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func nnLog(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) public static func nnTanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) public static func nnErf(_ x: Double) -> Double { Foundation.erf(x) }
    @inline(__always) public static func nnSqrt(_ x: Double) -> Double { x.squareRoot() }
}
