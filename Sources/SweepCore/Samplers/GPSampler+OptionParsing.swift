import Foundation

extension GPSampler.Options {
    /// The option keys ``init(_:)`` reads (config files name them under `method: {name: bayes,
    /// options: …}`); `n_initial` is also accepted as an alias of `initial_design`.
    public static let keys = ["initial_design", "acquisition", "kernel", "candidates", "restarts", "fit_restarts",
                              "max_fit_points", "ucb_beta", "pruned_trials", "prior_mean",
                              "trust_region", "trust_region_scale", "incumbent", "local_share", "stall_log_ei",
                              "noise_prior", "noise_max", "noise_rate", "lengthscale_prior", "thompson_share",
                              "input_warping", "incumbent_starts", "lengthscale_min"]

    /// Reads options from config values (numbers as `.number`, names as `.string`); unknown keys
    /// and out-of-range values are errors naming the key.
    public init(_ values: [String: AttributeValue]) throws(GPSamplerError) {
        self.init()
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            func int(_ minimum: Int) throws(GPSamplerError) -> Int {
                guard let v = value.int, v >= minimum else {
                    throw .invalidOption(key: key, value: value.description, expected: "an integer ≥ \(minimum)")
                }
                return v
            }
            func named<T: RawRepresentable>(_: T.Type, _ expected: String) throws(GPSamplerError) -> T where T.RawValue == String {
                guard let s = value.string, let v = T(rawValue: s) else {
                    throw .invalidOption(key: key, value: value.description, expected: expected)
                }
                return v
            }
            func number(_ expected: String, _ valid: (Double) -> Bool) throws(GPSamplerError) -> Double {
                guard let v = value.number, v.isFinite, valid(v) else {
                    throw .invalidOption(key: key, value: value.description, expected: expected)
                }
                return v
            }
            switch key {
            case "initial_design", "n_initial": initialDesignCount = try int(1)
            case "acquisition": acquisition = try named(Acquisition.self, "log_ei, ucb or hedge")
            case "kernel": kernel = try named(GPKernel.self, "matern52 or rbf")
            case "incumbent": incumbent = try named(Incumbent.self, "observed or posterior_mean")
            case "noise_prior": noisePrior = try named(NoisePrior.self, "gamma or none")
            case "lengthscale_prior": lengthscalePrior = try named(LengthscalePrior.self, "balanced or hvarfner")
            case "pruned_trials": prunedTrials = try named(PrunedTrials.self, "censored, last, worst or ignore")
            case "noise_max": noiseMax = try number("a number in [1e-6, 1e5]") { $0 >= 1e-6 && $0 <= 1e5 }
            case "noise_rate": noiseRate = try number("a positive number") { $0 > 0 }
            case "thompson_share": thompsonShare = try number("a number in [0, 1)") { $0 >= 0 && $0 < 1 }
            case "candidates": candidates = try int(16)
            case "restarts": restarts = try int(1)
            case "fit_restarts": fitRestarts = try int(0)
            case "max_fit_points": maxFitPoints = try int(16)
            case "prior_mean": priorMean = try number("a number in [0, 10]") { $0 >= 0 && $0 <= 10 }
            case "stall_log_ei": stallLogEI = try number("a number ≤ 0") { $0 <= 0 }
            case "local_share": localShare = try number("a number in [0, 1)") { $0 >= 0 && $0 < 1 }
            case "trust_region": trustRegionCandidates = try int(0)
            case "trust_region_scale": trustRegionScale = try number("a number in (0, 0.5]") { $0 > 0 && $0 <= 0.5 }
            case "input_warping":
                guard case let .bool(on) = value else {
                    throw .invalidOption(key: key, value: value.description, expected: "true or false")
                }
                inputWarping = on
            case "incumbent_starts": incumbentStarts = try int(1)
            case "lengthscale_min": lengthscaleMin = try number("a number in [1e-4, 0.5]") { $0 >= 1e-4 && $0 <= 0.5 }
            case "ucb_beta": ucbBeta = try number("a positive number") { $0 > 0 }
            default:
                throw .unknownOption(key)
            }
        }
    }
}

/// Configuration errors of the GP sampler.
public enum GPSamplerError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownOption(String)
    case invalidOption(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .unknownOption(key):
            return "bayes: unknown option '\(key)'; known: initial_design, acquisition, kernel, candidates, restarts, fit_restarts, ucb_beta, max_fit_points, pruned_trials, prior_mean, trust_region, trust_region_scale, incumbent, local_share, stall_log_ei, noise_prior, noise_max, noise_rate, lengthscale_prior, thompson_share, input_warping, incumbent_starts, lengthscale_min"
        case let .invalidOption(key, value, expected):
            return "bayes: option '\(key)' is \(value); expected \(expected)"
        }
    }
}
