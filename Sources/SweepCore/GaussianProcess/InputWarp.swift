import Foundation
import SweepMath

/// Input warping (Snoek et al. 2014; BoTorch's `Warp`): each warped unit-cube coordinate passes
/// through the Kumaraswamy CDF `w(x) = 1 − (1 − x̃^a)^b` before the kernel sees it, with
/// `x̃ = ε + (1 − 2ε)·x` (ε = 1e-7, as BoTorch, so the derivative stays finite at 0 and 1).
///
/// `a = b = 1` is the identity (up to ε). `a < 1` stretches the low end of the coordinate and
/// `b < 1` the high end, so a stationary kernel on `w(x)` is a non-stationary one on `x` (short
/// lengthscales where the warp is steep). The shape parameters are fitted with the other
/// hyperparameters by maximising the marginal likelihood (``GPMarginalLikelihood``, ``GPFitter``)
/// under a log-normal prior centred on the identity, `log a, log b ~ N(0, 0.75)` (BoTorch's), inside
/// ``logBounds``. `w` is strictly increasing on [0, 1] for every `a, b > 0`, so the warp never
/// merges two inputs.
///
/// Packed order (appended to the GP's packed θ): `[log a_j, log b_j]` for each warped coordinate j
/// in increasing j. Categorical coordinates are never warped (the kernel compares them by equality).
public struct InputWarp: Sendable, Hashable {
    /// Which coordinates are warped (`false`: used as is).
    public let warped: [Bool]
    /// `log a_j` per coordinate (0 where not warped).
    public var logA: [Double]
    /// `log b_j` per coordinate (0 where not warped).
    public var logB: [Double]

    /// BoTorch's normalisation margin ε.
    static let epsilon = 1e-7
    /// Standard deviation of the log-normal prior on `a` and `b` (BoTorch: `LogNormalPrior(0, 0.75^½)`).
    public static let priorScale = 0.75.squareRoot()
    /// Box of `log a` and `log b` in the fit: `a, b ∈ [0.1, 10]` (the prior puts 0.8 % outside it).
    public static let logBounds = log(0.1)...log(10)

    /// The identity warp (a = b = 1) on the coordinates marked in `warped`.
    public init(warped: [Bool]) {
        self.warped = warped
        logA = Array(repeating: 0, count: warped.count)
        logB = Array(repeating: 0, count: warped.count)
    }

    /// From ``packed`` order; `packed.count` must be ``parameterCount(_:)``.
    public init(warped: [Bool], packed: [Double]) {
        self.init(warped: warped)
        var k = 0
        for j in warped.indices where warped[j] && k + 1 < packed.count {
            logA[j] = packed[k]; logB[j] = packed[k + 1]
            k += 2
        }
    }

    /// Number of packed parameters for the mask `warped`: two per warped coordinate.
    public static func parameterCount(_ warped: [Bool]) -> Int { 2 * warped.filter { $0 }.count }

    /// `[log a_j, log b_j]` for each warped coordinate j.
    public var packed: [Double] { warped.indices.filter { warped[$0] }.flatMap { [logA[$0], logB[$0]] } }

    /// `w_j(x)` (x clamped into [0, 1]; unwarped coordinates returned as given).
    @inline(__always)
    public func value(_ x: Double, coordinate j: Int) -> Double {
        guard warped[j] else { return x }
        let t = Self.epsilon + (1 - 2 * Self.epsilon) * min(1, max(0, x))
        let p = Foundation.pow(t, exp(logA[j]))
        return -expm1(exp(logB[j]) * log1p(-p))
    }

    /// `w_j(x)` and `dw_j/dx` (1 on unwarped coordinates; 0 outside (0, 1), where the clamp is flat).
    @inline(__always)
    public func valueAndSlope(_ x: Double, coordinate j: Int) -> (value: Double, slope: Double) {
        guard warped[j] else { return (x, 1) }
        let a = exp(logA[j]), b = exp(logB[j])
        let t = Self.epsilon + (1 - 2 * Self.epsilon) * min(1, max(0, x))
        let p = Foundation.pow(t, a)
        let q = log1p(-p)  // log(1 − p)
        let value = -expm1(b * q)
        let slope = x < 0 || x > 1 ? 0 : (1 - 2 * Self.epsilon) * a * b * p / t * exp((b - 1) * q)
        return (value, slope)
    }

    /// `w_j(x)` and its derivatives with respect to `log a_j` and `log b_j`.
    @inline(__always)
    func valueAndParameterGradient(_ x: Double, coordinate j: Int) -> (value: Double, dLogA: Double, dLogB: Double) {
        let a = exp(logA[j]), b = exp(logB[j])
        let t = Self.epsilon + (1 - 2 * Self.epsilon) * min(1, max(0, x))
        let p = Foundation.pow(t, a)
        let q = log1p(-p)
        let s = exp(b * q)  // (1 − p)^b
        // ∂w/∂a = b·(1 − p)^{b−1}·p·ln t; ∂w/∂b = −(1 − p)^b·ln(1 − p); times a and b for the logs.
        return (-expm1(b * q), a * b * exp((b - 1) * q) * p * log(t), -b * s * q)
    }

    /// Every row of `x` warped (`x.columns` must equal `warped.count`).
    public func apply(_ x: Matrix<Double>) -> Matrix<Double> {
        let d = x.columns
        var out = x.storage
        for i in 0..<x.rows {
            for j in 0..<d where warped[j] { out[i * d + j] = value(out[i * d + j], coordinate: j) }
        }
        return Matrix(rows: x.rows, columns: d, storage: out)
    }

    /// One point warped.
    public func apply(_ u: [Double]) -> [Double] { u.indices.map { value(u[$0], coordinate: $0) } }

    /// The inverse `x = ((1 − (1 − w)^{1/b})^{1/a} − ε)/(1 − 2ε)` on a warped coordinate (for tests
    /// and for reading a warped point back), clamped into [0, 1].
    public func inverse(_ w: Double, coordinate j: Int) -> Double {
        guard warped[j] else { return w }
        let a = exp(logA[j]), b = exp(logB[j])
        let t = Foundation.pow(-expm1(log1p(-min(1, max(0, w))) / b), 1 / a)
        return min(1, max(0, (t - Self.epsilon) / (1 - 2 * Self.epsilon)))
    }

    /// Log density of the prior on the packed warp parameters `theta[offset...]` (up to a constant),
    /// adding its gradient into `gradient` at the same positions.
    static func logPrior(_ theta: [Double], from offset: Int, gradient: inout [Double]) -> Double {
        let inv = 1 / (priorScale * priorScale)
        var value = 0.0
        for p in offset..<theta.count {
            value -= 0.5 * theta[p] * theta[p] * inv
            gradient[p] -= theta[p] * inv
        }
        return value
    }
}
