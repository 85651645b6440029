import SweepCore

/// Builds samplers and schedulers from `method:` specs, by looking the name up in
/// ``SearchMethod/all`` (adding a method is one entry there).
public enum MethodRegistry {
    /// Method names accepted in configs.
    public static var names: [String] { SearchMethod.all.map(\.name) }

    /// Multi-fidelity methods (a scheduler plus a sampler for new configurations).
    public static var multiFidelity: [String] { SearchMethod.all.filter(\.isMultiFidelity).map(\.name) }

    /// The sampler for `spec` over `space`.
    /// - Throws: ``MethodOptionError`` for bad options, ``SamplerError`` when the space does not suit
    ///   the method (e.g. grid over a continuous float).
    public static func makeSampler(_ spec: MethodSpec, space: SearchSpace) throws -> any Sampler {
        guard let method = SearchMethod.named(spec.name) else {
            throw MethodOptionError(option: "", message: "unknown method '\(spec.name)'")
        }
        return try method.makeSampler(spec.options, space)
    }

    /// The multi-fidelity scheduler of `spec`, or nil for plain samplers.
    ///
    /// Options: `min_resource` (default 1), `max_resource` (default: the objective's full length — `epochs`
    /// of an mlp objective, `steps` of a function objective; required for commands), `eta` (default 3),
    /// `sampler` (random | sobol | bayes | tpe), `bracket` (sha: which s, default s_max),
    /// `early_stopping_rate` (asha, default 0).
    public static func makeScheduler(_ spec: MethodSpec, config: SweepConfig) throws -> (any Scheduler)? {
        guard let method = SearchMethod.named(spec.name), let makeScheduler = method.makeScheduler else { return nil }
        let r = try OptionReader(spec.options, allowed: method.optionKeys, owner: spec.name)
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
        return try makeScheduler(r, plan)
    }

    /// The full resource an objective defines by itself.
    static func defaultMaxResource(_ objective: ObjectiveSpec) -> Int? {
        objective.spec.defaultMaxResource
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
