import Foundation

/// Monotone transforms applied to objective values before the GP sees them (see ``GPSampler``).
enum OutputTransform {
    /// Mean 0, variance 1 (a constant series is only centred).
    static func standardise(_ ys: [Double]) -> [Double] {
        let n = Double(ys.count)
        let mean = ys.reduce(0, +) / n
        var v = 0.0
        for y in ys { v += (y - mean) * (y - mean) }
        var std = (v / n).squareRoot()
        if !(std > 1e-12 * max(1, abs(mean))) { std = 1 }
        return ys.map { ($0 - mean) / std }
    }

    /// Yeo–Johnson transform ψ_λ(y).
    static func yeoJohnson(_ y: Double, _ lambda: Double) -> Double {
        if y >= 0 {
            return abs(lambda) < 1e-8 ? log1p(y) : (pow(y + 1, lambda) - 1) / lambda
        }
        return abs(lambda - 2) < 1e-8 ? -log1p(-y) : -(pow(1 - y, 2 - lambda) - 1) / (2 - lambda)
    }

    /// Profile log-likelihood of λ under a normal model of ψ_λ(y).
    static func yeoJohnsonLogLikelihood(_ ys: [Double], _ lambda: Double) -> Double {
        let t = ys.map { yeoJohnson($0, lambda) }
        let n = Double(ys.count)
        let m = t.reduce(0, +) / n
        var v = 0.0
        for x in t { v += (x - m) * (x - m) }
        v /= n
        guard v > 0 else { return -.infinity }
        var jac = 0.0
        for y in ys { jac += (y >= 0 ? 1 : -1) * log1p(abs(y)) }
        return -0.5 * n * log(v) + (lambda - 1) * jac
    }

    /// Standardise, Yeo–Johnson with the maximum-likelihood λ ∈ [−2, 4], standardise.
    ///
    /// λ: the best of a 0.25-step grid, refined by golden-section search to 1e-3 (the profile
    /// likelihood is unimodal in practice; the grid guards against the rare exception).
    static func powerStandardise(_ ys: [Double]) -> [Double] {
        let z = standardise(ys)
        guard ys.count >= 3, z.contains(where: { $0 != 0 }) else { return z }
        let lambda = maximumLikelihoodLambda(z)
        return standardise(z.map { yeoJohnson($0, lambda) })
    }

    static func maximumLikelihoodLambda(_ z: [Double]) -> Double {
        var bestLambda = 1.0, best = -Double.infinity
        for k in 0...24 {
            let lambda = -2 + 0.25 * Double(k)
            let ll = yeoJohnsonLogLikelihood(z, lambda)
            if ll > best { best = ll; bestLambda = lambda }
        }
        var a = max(-2, bestLambda - 0.25), b = min(4, bestLambda + 0.25)
        let r = (5.0.squareRoot() - 1) / 2
        var c = b - r * (b - a), d = a + r * (b - a)
        var fc = yeoJohnsonLogLikelihood(z, c), fd = yeoJohnsonLogLikelihood(z, d)
        while b - a > 1e-3 {
            if fc > fd { b = d; d = c; fd = fc; c = b - r * (b - a); fc = yeoJohnsonLogLikelihood(z, c) }
            else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = yeoJohnsonLogLikelihood(z, d) }
        }
        let mid = 0.5 * (a + b)
        return yeoJohnsonLogLikelihood(z, mid) >= best ? mid : bestLambda
    }
}
