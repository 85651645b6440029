import Foundation

/// Priors on the packed log-hyperparameters `θ = [log ℓ₁ … log ℓ_d, log a, log σ²_n]`, stated as
/// log-densities **on θ** (the variables the optimiser moves), for MAP fitting of a GP whose targets
/// are standardised (mean 0, variance 1) and whose inputs live in the unit cube.
///
/// Defaults (``standard``) — Optuna GPSampler's priors — and why:
/// - **Lengthscales**: `−r·(ℓ² + ℓ⁻²)` per coordinate with r = 0.1 (Optuna's
///   `−(0.1/λ + 0.1·λ)` on the inverse squared lengthscale λ = ℓ⁻²). Flat around ℓ ≈ 1 (the cube's
///   width) but it costs 10 nats at ℓ = 10, so a coordinate is only declared irrelevant on strong
///   evidence. Measured against the dimension-scaled log-normal of Hvarfner et al. (2024),
///   `log ℓ ~ N(√2 + ½ log d, 3)` (available as ``LengthscalePrior/logNormal(location:scale:)``), on
///   `scripts/bench/bo` (10 seeds, 50 evaluations, otherwise identical): the log-normal let early
///   fits stretch lengthscales to ≈ 15 (coordinate ignored) and was worse on all four functions
///   (median log10 regret branin −4.65 vs −5.09, hartmann6 −0.53 vs −0.82, ackley5 1.10 vs 0.68,
///   rosenbrock4 2.23 vs 1.60).
/// - **Amplitude**: `θ_a ↦ 1·θ_a − e^{θ_a}`: Optuna's Gamma(2, 1) kernel-scale prior (mode a = 1, the
///   variance of standardised targets; it stops the amplitude running away with long lengthscales).
/// - **Noise**: `θ_n ↦ 0.1·θ_n − 30·e^{θ_n}`: Optuna's Gamma(1.1, 30) noise prior. It favours small
///   noise without penalising the very small values deterministic objectives need — a log-normal
///   such as BoTorch's LogNormal(−4, 1) costs ~50 nats at σ²_n = 1e-6 and blurs the optimum.
///   ``GPSampler`` fits the noise without it by default (``GPSampler/Options/NoisePrior/none``,
///   measured there); the multi-objective sampler keeps it.
public struct GPPrior: Sendable, Hashable, Codable {
    /// Prior on each lengthscale.
    public enum LengthscalePrior: Sendable, Hashable, Codable {
        /// `log p = −rate·(ℓ² + ℓ⁻²)` (Optuna; mode ℓ = 1).
        case balanced(rate: Double)
        /// `log ℓ ~ Normal(location, scale²)`.
        case logNormal(location: Double, scale: Double)
    }

    public var lengthscale: LengthscalePrior
    /// Amplitude prior `α_a·θ_a − β_a·e^{θ_a}`.
    public var amplitudeShape: Double
    public var amplitudeRate: Double
    /// Noise prior `α_n·θ_n − β_n·e^{θ_n}` (both 0: flat, maximum likelihood in the noise).
    public var noiseShape: Double
    public var noiseRate: Double

    public init(lengthscale: LengthscalePrior, amplitudeShape: Double = 1, amplitudeRate: Double = 1,
                noiseShape: Double = 0.1, noiseRate: Double = 30) {
        self.lengthscale = lengthscale
        self.amplitudeShape = amplitudeShape
        self.amplitudeRate = amplitudeRate
        self.noiseShape = noiseShape
        self.noiseRate = noiseRate
    }

    /// The defaults described above.
    public static let standard = GPPrior(lengthscale: .balanced(rate: 0.1))

    /// Hvarfner et al. (2024): `log ℓ ~ N(√2 + ½·log d, 3)`, with the standard amplitude and noise priors.
    public static func hvarfner(dimension: Int) -> GPPrior {
        GPPrior(lengthscale: .logNormal(location: 2.0.squareRoot() + 0.5 * log(Double(max(1, dimension))), scale: 3.0.squareRoot()))
    }

    /// The prior mode of θ (a natural first start for the fit).
    public func mode(dimension d: Int) -> [Double] {
        let l: Double
        switch lengthscale {
        case .balanced: l = 0
        case let .logNormal(location, _): l = location
        }
        // A flat noise prior (rate 0) has no mode: start at σ²_n = 1, scikit-optimize's WhiteKernel start.
        return Array(repeating: l, count: d) + [log(amplitudeShape / amplitudeRate), noiseRate > 0 ? log(noiseShape / noiseRate) : 0]
    }

    /// `log p(θ)` up to a constant; adds `∂ log p/∂θ` into `gradient`.
    public func logDensity(_ theta: [Double], gradient: inout [Double]) -> Double {
        let d = theta.count - 2
        var value = 0.0
        switch lengthscale {
        case let .balanced(rate):
            for j in 0..<d {
                let e2 = exp(2 * theta[j])
                value -= rate * (e2 + 1 / e2)
                gradient[j] -= 2 * rate * (e2 - 1 / e2)
            }
        case let .logNormal(location, scale):
            let inv = 1 / (scale * scale)
            for j in 0..<d {
                let u = theta[j] - location
                value -= 0.5 * u * u * inv
                gradient[j] -= u * inv
            }
        }
        let ea = exp(theta[d]), en = exp(theta[d + 1])
        value += amplitudeShape * theta[d] - amplitudeRate * ea
        gradient[d] += amplitudeShape - amplitudeRate * ea
        value += noiseShape * theta[d + 1] - noiseRate * en
        gradient[d + 1] += noiseShape - noiseRate * en
        return value
    }
}
