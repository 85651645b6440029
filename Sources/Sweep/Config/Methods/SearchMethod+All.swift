import SweepCore

extension SearchMethod {
    /// Every search method, in the order configs list them. Adding a method is one entry here.
    public static let all: [SearchMethod] = [
        SearchMethod(name: "random", optionKeys: [], makeSampler: { options, _ in
            _ = try OptionReader(options, allowed: [], owner: "random")
            return RandomSampler()
        }, makeScheduler: nil),
        SearchMethod(name: "grid", optionKeys: [], makeSampler: { options, space in
            _ = try OptionReader(options, allowed: [], owner: "grid")
            let sampler = GridSampler()
            _ = try sampler.capacity(of: space)
            return sampler
        }, makeScheduler: nil),
        SearchMethod(name: "sobol", optionKeys: ["scramble"], makeSampler: { options, _ in
            let r = try OptionReader(options, allowed: ["scramble"], owner: "sobol")
            return SobolSampler(scrambled: try r.bool("scramble", default: true))
        }, makeScheduler: nil),
        SearchMethod(name: "bayes", optionKeys: gpOptionKeys, makeSampler: { options, _ in
            do {
                return try GPSampler(options: options)
            } catch let error as GPSamplerError {
                switch error {
                case let .unknownOption(key):
                    _ = try OptionReader([key: .null], allowed: gpOptionKeys, owner: "bayes")
                    throw MethodOptionError(option: key, message: error.description)
                case let .invalidOption(key, _, _):
                    throw MethodOptionError(option: key, message: error.description)
                }
            }
        }, makeScheduler: nil),
        SearchMethod(name: "tpe", optionKeys: tpeOptionKeys, makeSampler: { options, _ in
            TPESampler(options: try MethodRegistry.tpeOptions(options))
        }, makeScheduler: nil),
        SearchMethod(name: "nsga2", optionKeys: ["population_size", "crossover_prob", "swapping_prob", "mutation_prob"],
                     makeSampler: { options, _ in
            MultiObjectiveSamplerAdapter(try MethodRegistry.nsga2(options), directions: nil)
        }, makeScheduler: nil),
        SearchMethod(name: "sha", optionKeys: multiFidelityOptionKeys, makeSampler: multiFidelitySampler("sha")) { r, plan in
            SuccessiveHalvingScheduler.successiveHalving(plan: plan, bracket: try r.optionalInt("bracket", range: 0...plan.sMax))
        },
        SearchMethod(name: "hyperband", optionKeys: multiFidelityOptionKeys, makeSampler: multiFidelitySampler("hyperband")) { _, plan in
            SuccessiveHalvingScheduler.hyperband(plan: plan)
        },
        SearchMethod(name: "asha", optionKeys: multiFidelityOptionKeys, makeSampler: multiFidelitySampler("asha")) { r, plan in
            ASHAScheduler(plan: plan, earlyStoppingRate: try r.int("early_stopping_rate", default: 0, range: 0...plan.sMax))
        },
    ]

    /// `method: bayes` options (read by ``GPSampler/Options``).
    static let gpOptionKeys = GPSampler.Options.keys

    /// `method: tpe` options (Optuna's argument names).
    static let tpeOptionKeys = ["n_startup_trials", "n_ei_candidates", "prior_weight", "consider_magic_clip",
                                "consider_endpoints", "multivariate", "group", "constant_liar", "bandwidth", "startup", "weights",
                                "min_bandwidth_factor", "magic_clip_exponent"]

    /// Options of `sha`, `hyperband` and `asha`.
    static let multiFidelityOptionKeys = ["min_resource", "max_resource", "eta", "sampler", "sampler_options", "bracket",
                                          "early_stopping_rate"]

    /// New configurations of a multi-fidelity method come from its `sampler` option (with
    /// `sampler_options`); `bayes` gives the BOHB-like model-based variant.
    static func multiFidelitySampler(_ name: String) -> @Sendable ([String: AttributeValue], SearchSpace) throws -> any Sampler {
        { options, space in
            let r = try OptionReader(options, allowed: multiFidelityOptionKeys, owner: name)
            let inner = try r.string("sampler", default: "random", allowed: ["random", "sobol", "bayes", "tpe"])
            var innerOptions: [String: AttributeValue] = [:]
            if let raw = r.raw("sampler_options") {
                guard case let .object(o) = raw else {
                    throw MethodOptionError(option: "sampler_options", message: "expected a mapping of options for the \(inner) sampler")
                }
                innerOptions = o
            }
            return try MethodRegistry.makeSampler(MethodSpec(name: inner, options: innerOptions), space: space)
        }
    }
}
