import Foundation

/// Priors on the packed log-hyperparameters `θ = [log ℓ₁ … log ℓ_d, log a, log σ²_n]`, stated as
/// log-densities **on θ** (the variables the optimiser moves), for MAP fitting of a GP whose targets
/// are standardised (mean 0, variance 1) and whose inputs live in the unit cube.
///
/// Defaults (``standard(dimension:)``) and why:
/// - **Lengthscales**: `log ℓ_j ~ Normal(√2 + ½·log d, √3²)` — the dimension-scaled log-normal of
///   Hvarfner, Hellsten & Nardi (2024, "Vanilla Bayesian optimization performs great in high
///   dimensions", now BoTorch's default). Its median grows like √d, matching how distances grow in
///   the d-cube, which keeps the GP from collapsing to a short-lengthscale "spike" model in high
///   dimensions while staying weak (σ = √3) enough for data to override it in low ones.
/// - **Amplitude**: `θ_a ↦ (α_a)·θ_a − β_a·e^{θ_a}` with α_a = 1, β_a = 1: Optuna's Gamma(2, 1) kernel-scale
///   prior (mode a = 1, the variance of standardised targets; it stops the amplitude running away
///   when lengthscales grow large).
/// - **Noise**: `θ_n ↦ 0.1·θ_n − 30·e^{θ_n}`: Optuna GPSampler's Gamma(1.1, 30) noise prior. It
///   favours small noise (mass near 0, mean ≈ 0.037 of the target variance) without penalising the
///   very small values deterministic objectives need — a log-normal prior such as BoTorch's
///   LogNormal(−4, 1) costs ~50 nats at σ²_n = 1e-6 and blurs the optimum on noise-free benchmarks.
public struct GPPrior: Sendable, Hashable, Codable {
    /// Mean of `log ℓ`.
    public var lengthscaleLocation: Double
    /// Standard deviation of `log ℓ`.
    public var lengthscaleScale: Double
    /// Amplitude prior `α_a·θ_a − β_a·e^{θ_a}`.
    public var amplitudeShape: Double
    public var amplitudeRate: Double
    /// Noise prior `α_n·θ_n − β_n·e^{θ_n}`.
    public var noiseShape: Double
    public var noiseRate: Double

    public init(lengthscaleLocation: Double, lengthscaleScale: Double, amplitudeShape: Double = 1,
                amplitudeRate: Double = 1, noiseShape: Double = 0.1, noiseRate: Double = 30) {
        self.lengthscaleLocation = lengthscaleLocation
        self.lengthscaleScale = lengthscaleScale
        self.amplitudeShape = amplitudeShape
        self.amplitudeRate = amplitudeRate
        self.noiseShape = noiseShape
        self.noiseRate = noiseRate
    }

    /// The defaults described above for a `dimension`-dimensional input space.
    public static func standard(dimension: Int) -> GPPrior {
        GPPrior(lengthscaleLocation: 2.0.squareRoot() + 0.5 * log(Double(max(1, dimension))),
                lengthscaleScale: 3.0.squareRoot())
    }

    /// The prior mode of θ (lengthscales at their location, amplitude and noise at their modes).
    public func mode(dimension d: Int) -> [Double] {
        Array(repeating: lengthscaleLocation, count: d) + [log(amplitudeShape / amplitudeRate), log(noiseShape / noiseRate)]
    }

    /// `log p(θ)` up to a constant; adds `∂ log p/∂θ` into `gradient`.
    public func logDensity(_ theta: [Double], gradient: inout [Double]) -> Double {
        let d = theta.count - 2
        var value = 0.0
        let inv = 1 / (lengthscaleScale * lengthscaleScale)
        for j in 0..<d {
            let u = theta[j] - lengthscaleLocation
            value -= 0.5 * u * u * inv
            gradient[j] -= u * inv
        }
        let ea = exp(theta[d]), en = exp(theta[d + 1])
        value += amplitudeShape * theta[d] - amplitudeRate * ea
        gradient[d] += amplitudeShape - amplitudeRate * ea
        value += noiseShape * theta[d + 1] - noiseRate * en
        gradient[d + 1] += noiseShape - noiseRate * en
        return value
    }
}
