import SweepCore
import SweepNN

/// A bad option of a method or pruner; turned into a ``ConfigError`` pointing at the option's line.
public struct MethodOptionError: Error, CustomStringConvertible, Sendable {
    /// The option key at fault (empty for the whole options mapping).
    public let option: String
    public let message: String
    public var description: String { option.isEmpty ? message : "\(option): \(message)" }
}

/// Reads typed options out of a `[String: AttributeValue]`, refusing unknown keys.
public struct OptionReader {
    private let options: [String: AttributeValue]
    private let allowed: [String]
    private let owner: String

    public init(_ options: [String: AttributeValue], allowed: [String], owner: String) throws {
        self.options = options
        self.allowed = allowed
        self.owner = owner
        for key in options.keys.sorted() where !allowed.contains(key) {
            var message = "unknown option '\(key)' for \(owner)"
            if let guess = ConfigNode.closest(key, in: allowed) { message += " (did you mean '\(guess)'?)" }
            message += allowed.isEmpty ? "; it takes no options" : "; allowed: " + allowed.joined(separator: ", ")
            throw MethodOptionError(option: key, message: message)
        }
    }

    public func double(_ key: String, default value: Double, range: ClosedRange<Double>? = nil) throws -> Double {
        guard let raw = options[key] else { return value }
        guard let x = raw.number, x.isFinite else { throw MethodOptionError(option: key, message: "expected a number, got \(raw)") }
        if let range, !range.contains(x) {
            throw MethodOptionError(option: key, message: "must be in [\(range.lowerBound), \(range.upperBound)], got \(x)")
        }
        return x
    }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>? = nil) throws -> Int {
        guard let raw = options[key] else { return value }
        guard let x = raw.int else { throw MethodOptionError(option: key, message: "expected a whole number, got \(raw)") }
        if let range, !range.contains(x) {
            throw MethodOptionError(option: key, message: "must be in \(range.lowerBound)…\(range.upperBound), got \(x)")
        }
        return x
    }

    public func optionalInt(_ key: String, range: ClosedRange<Int>? = nil) throws -> Int? {
        guard options[key] != nil else { return nil }
        return try int(key, default: 0, range: range)
    }

    public func bool(_ key: String, default value: Bool) throws -> Bool {
        guard let raw = options[key] else { return value }
        guard case let .bool(b) = raw else { throw MethodOptionError(option: key, message: "expected true or false, got \(raw)") }
        return b
    }

    public func string(_ key: String, default value: String, allowed choices: [String]? = nil) throws -> String {
        guard let raw = options[key] else { return value }
        guard let s = raw.string else { throw MethodOptionError(option: key, message: "expected text, got \(raw)") }
        if let choices, !choices.contains(s) {
            throw MethodOptionError(option: key, message: "must be one of \(choices.joined(separator: ", ")), got '\(s)'")
        }
        return s
    }

    public func raw(_ key: String) -> AttributeValue? { options[key] }
}

/// Builds samplers from `method:` specs. Adding a method means adding a case here.
public enum MethodRegistry {
    /// Method names accepted in configs.
    public static let names = ["random", "grid", "sobol", "bayes", "tpe", "sha", "hyperband", "asha"]

    /// Multi-fidelity methods (a scheduler plus a sampler for new configurations).
    public static let multiFidelity = ["sha", "hyperband", "asha"]

    static let multiFidelityOptions = ["min_resource", "max_resource", "eta", "sampler", "sampler_options", "bracket", "early_stopping_rate"]

    /// The sampler for `spec` over `space`.
    /// - Throws: ``MethodOptionError`` for bad options, ``SamplerError`` when the space does not suit
    ///   the method (e.g. grid over a continuous float).
    public static func makeSampler(_ spec: MethodSpec, space: SearchSpace) throws -> any Sampler {
        switch spec.name {
        case "random":
            _ = try OptionReader(spec.options, allowed: [], owner: "random")
            return RandomSampler()
        case "grid":
            _ = try OptionReader(spec.options, allowed: [], owner: "grid")
            let sampler = GridSampler()
            _ = try sampler.capacity(of: space)
            return sampler
        case "sobol":
            let r = try OptionReader(spec.options, allowed: ["scramble"], owner: "sobol")
            return SobolSampler(scrambled: try r.bool("scramble", default: true))
        case "bayes":
            do {
                return try GPSampler(options: spec.options)
            } catch {
                switch error {
                case let .unknownOption(key):
                    let known = ["initial_design", "acquisition", "kernel", "candidates", "restarts", "fit_restarts", "max_fit_points", "ucb_beta", "pruned_trials", "prior_mean"]
                    _ = try OptionReader([key: .null], allowed: known, owner: "bayes")
                    throw MethodOptionError(option: key, message: error.description)
                case let .invalidOption(key, _, _):
                    throw MethodOptionError(option: key, message: error.description)
                }
            }
        case "tpe":
            return TPESampler(options: try tpeOptions(spec.options))
        case "sha", "hyperband", "asha":
            // New configurations come from this sampler; `bayes` gives the BOHB-like model-based variant.
            let r = try OptionReader(spec.options, allowed: multiFidelityOptions, owner: spec.name)
            let inner = try r.string("sampler", default: "random", allowed: ["random", "sobol", "bayes", "tpe"])
            var innerOptions: [String: AttributeValue] = [:]
            if let raw = r.raw("sampler_options") {
                guard case let .object(o) = raw else {
                    throw MethodOptionError(option: "sampler_options", message: "expected a mapping of options for the \(inner) sampler")
                }
                innerOptions = o
            }
            return try makeSampler(MethodSpec(name: inner, options: innerOptions), space: space)
        default:
            throw MethodOptionError(option: "", message: "unknown method '\(spec.name)'")
        }
    }
}

extension MethodRegistry {
    /// ``TPESampler/Options`` from `method: {name: tpe, options: …}`; keys are Optuna's argument names.
    static func tpeOptions(_ options: [String: AttributeValue]) throws -> TPESampler.Options {
        let r = try OptionReader(options, allowed: ["n_startup_trials", "n_ei_candidates", "prior_weight", "consider_magic_clip",
                                                    "consider_endpoints", "multivariate", "group", "constant_liar", "bandwidth"], owner: "tpe")
        var o = TPESampler.Options()
        o.startupTrials = try r.int("n_startup_trials", default: o.startupTrials, range: 0...1_000_000)
        o.eiCandidates = try r.int("n_ei_candidates", default: o.eiCandidates, range: 1...100_000)
        o.priorWeight = try r.double("prior_weight", default: o.priorWeight, range: 1e-12...1e12)
        o.considerMagicClip = try r.bool("consider_magic_clip", default: o.considerMagicClip)
        o.considerEndpoints = try r.bool("consider_endpoints", default: o.considerEndpoints)
        o.multivariate = try r.bool("multivariate", default: o.multivariate)
        o.group = try r.bool("group", default: o.group)
        o.constantLiar = try r.bool("constant_liar", default: o.constantLiar)
        o.scottBandwidth = try r.string("bandwidth", default: "optuna", allowed: ["optuna", "scott"]) == "scott"
        if o.group && !o.multivariate && r.raw("group") != nil {
            throw MethodOptionError(option: "group", message: "group decomposition needs multivariate: true (as in Optuna)")
        }
        return o
    }

    /// The multi-fidelity scheduler of `spec`, or nil for plain samplers.
    ///
    /// Options: `min_resource` (default 1), `max_resource` (default: the objective's full length — `epochs`
    /// of an mlp objective, `steps` of a function objective; required for commands), `eta` (default 3),
    /// `sampler` (random | sobol | bayes | tpe), `bracket` (sha: which s, default s_max),
    /// `early_stopping_rate` (asha, default 0).
    public static func makeScheduler(_ spec: MethodSpec, config: SweepConfig) throws -> (any Scheduler)? {
        guard multiFidelity.contains(spec.name) else { return nil }
        let r = try OptionReader(spec.options, allowed: multiFidelityOptions, owner: spec.name)
        let minResource = try r.int("min_resource", default: 1, range: 1...1_000_000_000)
        guard let maxResource = try r.optionalInt("max_resource", range: 1...1_000_000_000) ?? defaultMaxResource(config.objective) else {
            throw MethodOptionError(option: "", message: "\(spec.name) needs options.max_resource (the steps a full evaluation takes; passed to the command as {resource})")
        }
        let eta = try r.int("eta", default: 3, range: 2...1000)
        let plan: HyperbandPlan
        do {
            plan = try HyperbandPlan(minResource: minResource, maxResource: maxResource, eta: eta)
        } catch let error as SchedulerConfigError {
            throw MethodOptionError(option: "max_resource", message: error.description)
        }
        switch spec.name {
        case "sha":
            let s = try r.optionalInt("bracket", range: 0...plan.sMax)
            return SuccessiveHalvingScheduler.successiveHalving(plan: plan, bracket: s)
        case "hyperband":
            return SuccessiveHalvingScheduler.hyperband(plan: plan)
        default:
            return ASHAScheduler(plan: plan, earlyStoppingRate: try r.int("early_stopping_rate", default: 0, range: 0...plan.sMax))
        }
    }

    /// The full resource an objective defines by itself.
    static func defaultMaxResource(_ objective: ObjectiveSpec) -> Int? {
        switch objective {
        case let .function(f): return f.steps
        case let .mlp(m): return m.settings["epochs"]?.int ?? MLPConfiguration().epochs
        case .command, .external: return nil
        }
    }
}

/// Builds pruners from `pruner:` specs.
public enum PrunerRegistry {
    public static let names = ["none", "median"]

    public static func make(_ spec: PrunerSpec) throws -> any Pruner {
        switch spec.name {
        case "none":
            _ = try OptionReader(spec.options, allowed: [], owner: "pruner none")
            return NoPruner()
        case "median":
            let r = try OptionReader(spec.options, allowed: ["warmup_trials", "warmup_steps", "interval"], owner: "pruner median")
            return MedianPruner(
                warmupTrials: try r.int("warmup_trials", default: 5, range: 0...1_000_000),
                warmupSteps: try r.int("warmup_steps", default: 0, range: 0...1_000_000_000),
                interval: try r.int("interval", default: 1, range: 1...1_000_000_000))
        default:
            throw MethodOptionError(option: "", message: "unknown pruner '\(spec.name)'")
        }
    }
}
