import Foundation

/// Stationary covariance shapes for the GP, as functions of the scaled squared distance
/// `r² = Σ_j δ_j² / ℓ_j²`, where `δ_j = x_j − x'_j` for numeric coordinates and
/// `δ_j = [x_j ≠ x'_j]` (Hamming) for categorical ones.
///
/// The full covariance is `k(x, x') = a · base(r²) + σ²_n · [x = x' as the same observation]`, with
/// amplitude `a` and observation-noise variance `σ²_n` (scikit-learn's
/// `ConstantKernel(a) * base + WhiteKernel(σ²_n)`).
public enum GPKernel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Matérn ν = 5/2: `(1 + √5 r + 5r²/3) · exp(−√5 r)` — twice differentiable, the usual BO default
    /// (Snoek et al. 2012) because RBF's infinite smoothness is unrealistic for objectives.
    case matern52
    /// Squared exponential: `exp(−r²/2)`.
    case rbf

    /// `base(r²)`, 1 at r = 0.
    @inlinable
    public func value(_ r2: Double) -> Double {
        switch self {
        case .matern52:
            let s = (5 * r2).squareRoot()
            return (1 + s + s * s / 3) * exp(-s)
        case .rbf:
            return exp(-0.5 * r2)
        }
    }

    /// `base(r²)` and `d base / d(r²)` (finite at r = 0 for both shapes).
    @inlinable
    public func valueAndDerivative(_ r2: Double) -> (value: Double, derivative: Double) {
        switch self {
        case .matern52:
            let s = (5 * r2).squareRoot()
            let e = exp(-s)
            return ((1 + s + s * s / 3) * e, -5.0 / 6.0 * (1 + s) * e)
        case .rbf:
            let e = exp(-0.5 * r2)
            return (e, -0.5 * e)
        }
    }
}
