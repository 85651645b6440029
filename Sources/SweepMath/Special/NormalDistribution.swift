import Foundation

/// The standard normal distribution and the numerically stable pieces of log expected improvement.
///
/// Accuracy contract (tested): ``logH(_:)`` — `log(φ(z) + z·Φ(z))` — matches 60-digit references
/// to 1e-10 relative for z from −1000 to 30, following Ament et al. (2023), "Unexpected
/// improvements to expected improvement", eq. 9:
/// - z > −1: direct `log(φ(z) + zΦ(z))` (no cancellation there);
/// - −1/√ε < z ≤ −1: `−z²/2 − log(2π)/2 + log1mexp(log(erfcx(−z/√2)·|z|) + log(π/2)/2)`;
/// - z ≤ −1/√ε: the asymptote `−z²/2 − log(2π)/2 − 2·log|z|`.
public enum NormalDistribution {
    static let log2PiHalf = 0.5 * Foundation.log(2 * Double.pi)
    static let logPiOver2Half = 0.5 * Foundation.log(Double.pi / 2)
    static let invSqrt2 = 1 / 2.0.squareRoot()
    static let invSqrt2Pi = 1 / (2 * Double.pi).squareRoot()

    /// Density φ(z).
    @inlinable
    public static func pdf(_ z: Double) -> Double {
        exp(-0.5 * z * z) * 0.3989422804014327
    }

    /// Distribution function Φ(z) = erfc(−z/√2)/2, accurate in both tails.
    @inlinable
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z * 0.7071067811865476)
    }

    /// log Φ(z), finite for every finite z (uses erfcx below z = −1).
    public static func logCDF(_ z: Double) -> Double {
        if z > -1 { return log(cdf(z)) }
        return -0.5 * z * z + log(0.5 * erfcx(-z * invSqrt2))
    }

    /// The scaled complementary error function `erfcx(x) = exp(x²)·erfc(x)`, for x ≥ 0 to ~1e-14
    /// relative (x < 0 uses `2·exp(x²) − erfcx(−x)`, which overflows beyond x ≈ −26).
    public static func erfcx(_ x: Double) -> Double {
        if x < 0 { return 2 * exp(x * x) - erfcx(-x) }
        if x < 10 { return exp(x * x) * erfc(x) }
        // Asymptotic series 1/(x√π)·Σ (−1)^k (2k−1)!!/(2x²)^k; at x ≥ 10 the 20th term is < 1e-22.
        let inv2x2 = 1 / (2 * x * x)
        var term = 1.0, sum = 1.0
        for k in 1...20 {
            term *= -Double(2 * k - 1) * inv2x2
            sum += term
        }
        return sum / (x * Double.pi.squareRoot())
    }

    /// `log(1 − exp(a))` for a < 0, stable on both sides of −log 2 (Mächler 2012).
    @inlinable
    public static func log1mexp(_ a: Double) -> Double {
        a > -0.6931471805599453 ? log(-expm1(a)) : log1p(-exp(a))
    }

    /// `h(z) = φ(z) + z·Φ(z)`, the expected improvement of a standard normal over threshold −z.
    public static func h(_ z: Double) -> Double {
        pdf(z) + z * cdf(z)
    }

    /// `log h(z)`, accurate to 1e-10 relative over the whole real line (see the type's notes).
    public static func logH(_ z: Double) -> Double {
        logHWithDerivative(z).value
    }

    /// `log h(z)` and its derivative `d/dz log h(z) = Φ(z)/h(z)`, both without overflow or
    /// cancellation for very negative z (the derivative tends to |z| there).
    public static func logHWithDerivative(_ z: Double) -> (value: Double, derivative: Double) {
        if z > -1 {
            let c = cdf(z)
            let hz = pdf(z) + z * c
            return (log(hz), c / hz)
        }
        let x = -z * invSqrt2
        let e = erfcx(x)
        // tail = log h(z) + z²/2 + log(2π)/2; log Φ(z) + z²/2 = log(e/2).
        let tail: Double
        if z > -1 / Double.ulpOfOne.squareRoot() {
            tail = log1mexp(log(e * -z) + logPiOver2Half)
        } else {
            tail = -2 * log(-z)
        }
        let value = -0.5 * z * z - log2PiHalf + tail
        let derivative = exp(log(0.5 * e) + log2PiHalf - tail)
        return (value, derivative)
    }

    /// Log expected improvement for **minimisation** of a Gaussian prediction N(`mean`, `std`²) below
    /// `best`: `log E[max(best − Y, 0)] = log h(z) + log σ` with `z = (best − μ)/σ`.
    /// - Precondition: `std > 0`.
    @inlinable
    public static func logExpectedImprovement(mean: Double, std: Double, best: Double) -> Double {
        logH((best - mean) / std) + log(std)
    }
}
