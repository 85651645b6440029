import Foundation

/// GP hyperparameters in log space: one lengthscale per input dimension (ARD), the amplitude
/// (signal variance `a`) and the observation-noise variance `σ²_n`.
///
/// ``packed`` is the order used by the optimiser, by priors, and by the `gp.params` trial attribute:
/// `[log ℓ₁ … log ℓ_d, log a, log σ²_n]`. (scikit-learn orders its `theta` as
/// `[log a, log ℓ…, log σ²_n]`.)
public struct GPHyperparameters: Sendable, Hashable, Codable {
    /// `log ℓ_j`, lengthscales in unit-cube units (one per input coordinate).
    public var logLengthscales: [Double]
    /// `log a`, the signal variance (in units of the targets squared).
    public var logAmplitude: Double
    /// `log σ²_n`, the noise variance (in units of the targets squared).
    public var logNoise: Double

    public init(logLengthscales: [Double], logAmplitude: Double, logNoise: Double) {
        self.logLengthscales = logLengthscales
        self.logAmplitude = logAmplitude
        self.logNoise = logNoise
    }

    /// From natural-scale values (all must be positive).
    public init(lengthscales: [Double], amplitude: Double, noise: Double) {
        self.init(logLengthscales: lengthscales.map { log($0) }, logAmplitude: log(amplitude), logNoise: log(noise))
    }

    /// From ``packed`` order; `packed.count` must be ≥ 2.
    public init(packed: [Double]) {
        precondition(packed.count >= 2, "packed GP hyperparameters need at least amplitude and noise")
        self.init(logLengthscales: Array(packed.dropLast(2)), logAmplitude: packed[packed.count - 2],
                  logNoise: packed[packed.count - 1])
    }

    /// Number of input dimensions.
    public var dimension: Int { logLengthscales.count }

    /// `[log ℓ₁ … log ℓ_d, log a, log σ²_n]`.
    public var packed: [Double] { logLengthscales + [logAmplitude, logNoise] }

    /// Lengthscales ℓ_j.
    public var lengthscales: [Double] { logLengthscales.map { exp($0) } }
    /// Signal variance a.
    public var amplitude: Double { exp(logAmplitude) }
    /// Noise variance σ²_n.
    public var noise: Double { exp(logNoise) }

    /// `1/ℓ_j²` per dimension.
    var inverseSquaredLengthscales: [Double] { logLengthscales.map { exp(-2 * $0) } }
}

/// Why a GP could not be built or fitted.
public enum GPError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Inputs, targets, categorical mask or hyperparameters disagree in size.
    case dimensionMismatch(String)
    /// Inputs or targets hold NaN or infinity.
    case nonFinite(String)
    /// The kernel matrix stayed indefinite even with the largest jitter.
    case notPositiveDefinite(order: Int)

    public var description: String {
        switch self {
        case let .dimensionMismatch(what): return "GP: dimension mismatch: \(what)"
        case let .nonFinite(what): return "GP: non-finite values in \(what); exclude failed trials before fitting"
        case let .notPositiveDefinite(n):
            return "GP: the \(n)×\(n) kernel matrix is not positive definite even with jitter; raise the noise lower bound"
        }
    }
}

/// Scaled squared distance `Σ_j δ_j²/ℓ_j²` between two rows (Hamming δ on categorical coordinates).
@inline(__always)
func scaledSquaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ invL2: UnsafePointer<Double>,
                           _ categorical: UnsafePointer<Bool>, _ anyCategorical: Bool, _ d: Int) -> Double {
    var r2 = 0.0
    if anyCategorical {
        for j in 0..<d {
            if categorical[j] {
                if a[j] != b[j] { r2 += invL2[j] }
            } else {
                let t = a[j] - b[j]
                r2 += t * t * invL2[j]
            }
        }
    } else {
        for j in 0..<d {
            let t = a[j] - b[j]
            r2 += t * t * invL2[j]
        }
    }
    return r2
}
