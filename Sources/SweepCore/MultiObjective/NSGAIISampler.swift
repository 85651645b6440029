import SweepMath

/// NSGA-II (Deb et al. 2002) as Optuna's `NSGAIISampler` runs it, on Sweep's unit-cube encoding.
///
/// - Trial n belongs to generation `n / populationSize`. Generation 0 is uniform random sampling (the
///   same draws as ``RandomSampler``).
/// - The parent population of generation g ≥ 1 is the elite of (parents of g − 1) ∪ (complete trials of
///   generation g − 1): fronts by fast non-dominated sorting (``NondominatedSorting``), filled front by
///   front up to `populationSize`, the last front cut by decreasing crowding distance
///   (``CrowdingDistance``; ties: lower trial number first). When any trial carries constraint values,
///   sorting uses constraint domination (``ConstraintDomination``), as Optuna does with
///   `constraints_func`.
/// - A child: with probability `crossoverProbability` (0.9), two parents chosen by binary tournament
///   (two random members, the first kept only when it dominates the second; the second parent is drawn
///   from the population without the first) are crossed (``Crossover``; categorical coordinates always
///   take one parent's value with `swappingProbability`); otherwise one random parent is copied. Then
///   each coordinate is resampled uniformly with probability `mutationProbability` (default
///   1 / number of parameters).
///
/// Differences from Optuna, by design: generations are fixed by trial numbers (Optuna starts a new
/// generation when enough trials of the current one completed) so that the sampler is a pure function
/// of the history and resumes exactly; trials of a generation still running when the next one starts are
/// left out of its selection. Pending (running) trials are otherwise ignored.
public struct NSGAIISampler: MultiObjectiveSampler {
    /// How numeric coordinates of two parents are combined.
    public enum Crossover: Sendable, Hashable {
        /// Each coordinate from the second parent with probability `swappingProbability` (Optuna's default).
        case uniform
        /// Simulated binary crossover (Deb & Agrawal 1995) with distribution index `eta` (Optuna's
        /// `SBXCrossover` uses 20 for multi-objective studies) on unit-cube coordinates.
        case sbx(eta: Double)
    }

    public let name = "nsga2"
    /// Members of each parent population (≥ 2; Optuna's default 50).
    public let populationSize: Int
    public let crossover: Crossover
    /// Probability of making a child by crossover rather than copying a parent (0…1).
    public let crossoverProbability: Double
    /// Probability that a coordinate comes from the second parent in uniform crossover (0…1).
    public let swappingProbability: Double
    /// Per-coordinate resampling probability, or nil for 1 / number of parameters.
    public let mutationProbability: Double?

    /// Attribute keys written with each suggestion.
    public static let generationKey = "nsga2.generation"
    public static let parentsKey = "nsga2.parents"

    /// - Throws: ``MultiObjectiveError/invalidSetting(name:value:expected:)`` for out-of-range settings.
    public init(populationSize: Int = 50, crossover: Crossover = .uniform, crossoverProbability: Double = 0.9,
                swappingProbability: Double = 0.5, mutationProbability: Double? = nil) throws {
        func check(_ name: String, _ v: Double) throws {
            guard v >= 0 && v <= 1 else {
                throw MultiObjectiveError.invalidSetting(name: name, value: "\(v)", expected: "a probability in [0, 1]")
            }
        }
        guard populationSize >= 2 else {
            throw MultiObjectiveError.invalidSetting(name: "population_size", value: "\(populationSize)",
                                                     expected: "an integer ≥ 2 (Optuna's default is 50)")
        }
        try check("crossover_prob", crossoverProbability)
        try check("swapping_prob", swappingProbability)
        if let mutationProbability { try check("mutation_prob", mutationProbability) }
        if case let .sbx(eta) = crossover, !(eta > 0 && eta.isFinite) {
            throw MultiObjectiveError.invalidSetting(name: "sbx eta", value: "\(eta)", expected: "a finite number > 0 (e.g. 20)")
        }
        self.populationSize = populationSize
        self.crossover = crossover
        self.crossoverProbability = crossoverProbability
        self.swappingProbability = swappingProbability
        self.mutationProbability = mutationProbability
    }

    public func suggest(in context: MultiObjectiveSamplingContext) throws -> Suggestion {
        guard !context.directions.isEmpty else { throw MultiObjectiveError.noObjectives }
        let generation = context.trialNumber / populationSize
        let parents = generation == 0 ? [] : parentPopulation(generation: generation, in: context)
        var s: Suggestion
        if parents.isEmpty {
            var rng = context.rng(1)
            let u = (0..<context.space.dimension).map { _ in rng.nextUnit() }
            s = Suggestion(params: try context.space.decode(u))
        } else {
            s = try child(of: parents, in: context)
        }
        s.attributes[NSGAIISampler.generationKey] = .number(Double(generation))
        return s
    }

    /// The parent population of `generation` (≥ 1): elite selection applied generation by generation.
    public func parentPopulation(generation: Int, in context: MultiObjectiveSamplingContext) -> [MultiObjectiveTrial] {
        let complete = context.completed
        let constrained = complete.contains { $0.constraints != nil }
        // Only generations that have complete trials change the parents (the elite of a set no larger
        // than the population is the set itself), so empty ones are skipped.
        var byGeneration: [Int: [MultiObjectiveTrial]] = [:]
        for t in complete where t.number / populationSize < generation {
            byGeneration[t.number / populationSize, default: []].append(t)
        }
        var parents: [MultiObjectiveTrial] = []
        for g in byGeneration.keys.sorted() {
            parents = elite(parents + byGeneration[g]!, directions: context.directions, constrained: constrained)
        }
        return parents
    }

    /// NSGA-II's elitist survival: whole fronts while they fit, then the least crowded of the next.
    func elite(_ pool: [MultiObjectiveTrial], directions: [Direction], constrained: Bool) -> [MultiObjectiveTrial] {
        if pool.count <= populationSize { return pool }
        let dominates = NSGAIISampler.domination(pool, directions: directions, constrained: constrained)
        var out: [MultiObjectiveTrial] = []
        for front in NondominatedSorting.fronts(count: pool.count, dominates: dominates) {
            if out.count + front.count <= populationSize {
                out += front.map { pool[$0] }
                continue
            }
            let distance = CrowdingDistance.unchecked(front.map { pool[$0].values ?? [] })
            let order = front.indices.sorted {
                (distance[$0], -pool[front[$0]].number) > (distance[$1], -pool[front[$1]].number)
            }
            out += order.prefix(populationSize - out.count).map { pool[front[$0]] }
            break
        }
        return out
    }

    /// Pairwise (constraint) domination over `pool` indices.
    static func domination(_ pool: [MultiObjectiveTrial], directions: [Direction],
                           constrained: Bool) -> (Int, Int) -> Bool {
        let m = Pareto.minimizing(pool.map { $0.values ?? [] }, directions: directions)
        guard constrained else { return { Pareto.dominatesMinimizing(m[$0], m[$1]) } }
        let v = pool.map { ConstraintDomination.violation($0.constraints) }
        return { i, j in
            ConstraintDomination.decide(v[i], v[j]) { Pareto.dominatesMinimizing(m[i], m[j]) }
        }
    }
}
