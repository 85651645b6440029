import SweepCore

extension MethodRegistry {
    /// The sampler of a sweep with several objectives (`directions.count > 1`): `random` (uniform),
    /// `bayes` (``MultiObjectiveGPSampler``: independent GPs, LogEHVI, probability of feasibility under
    /// constraints) or `nsga2` (``NSGAIISampler`` with constraint domination), as a ``Sampler``
    /// (``MultiObjectiveSamplerAdapter``).
    /// - Throws: ``MethodOptionError`` for other methods or options that do not apply.
    public static func makeMultiObjectiveSampler(_ spec: MethodSpec, directions: [Direction]) throws -> any Sampler {
        switch spec.name {
        case "random":
            _ = try OptionReader(spec.options, allowed: [], owner: "random")
            return MultiObjectiveSamplerAdapter(RandomSampler(), directions: directions)
        case "bayes":
            let r = try OptionReader(spec.options, allowed: ["initial_design", "candidates", "restarts"], owner: "bayes with several metrics")
            var options = MultiObjectiveGPSampler.Options(candidates: try r.int("candidates", default: 1024, range: 16...1_000_000),
                                                          restarts: try r.int("restarts", default: 5, range: 1...1000))
            options.initialDesignCount = try r.optionalInt("initial_design", range: 1...1_000_000)
            return MultiObjectiveSamplerAdapter(MultiObjectiveGPSampler(options: options), directions: directions)
        case "nsga2":
            return MultiObjectiveSamplerAdapter(try nsga2(spec.options), directions: directions)
        default:
            throw MethodOptionError(option: "", message: "method '\(spec.name)' cannot optimise several metrics")
        }
    }

    /// `method: {name: nsga2, options: {population_size: 50, crossover_prob: 0.9, swapping_prob: 0.5,
    /// mutation_prob: …}}` (Optuna's names and defaults).
    static func nsga2(_ options: [String: AttributeValue]) throws -> NSGAIISampler {
        let keys = ["population_size", "crossover_prob", "swapping_prob", "mutation_prob"]
        let r = try OptionReader(options, allowed: keys, owner: "nsga2")
        let population = try r.int("population_size", default: 50, range: 2...100_000)
        do {
            return try NSGAIISampler(
                populationSize: population, crossoverProbability: try r.double("crossover_prob", default: 0.9, range: 0...1),
                swappingProbability: try r.double("swapping_prob", default: 0.5, range: 0...1),
                mutationProbability: r.raw("mutation_prob") == nil ? nil : try r.double("mutation_prob", default: 0, range: 0...1))
        } catch let error as MultiObjectiveError {
            if case let .invalidSetting(name, _, _) = error { throw MethodOptionError(option: name, message: error.description) }
            throw MethodOptionError(option: "", message: error.description)
        }
    }
}
