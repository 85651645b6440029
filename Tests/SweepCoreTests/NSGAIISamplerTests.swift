import Foundation
import Testing
@testable import SweepCore

/// Runs `count` sequential trials of `sampler` on `problem` and returns them complete.
private func optimize(_ sampler: some MultiObjectiveSampler, _ problem: MultiObjectiveTestFunction, count: Int,
                      seed: UInt64, constraints: (([Double], [Double]) -> [Double])? = nil) throws -> [MultiObjectiveTrial] {
    let space = problem.searchSpace
    var trials: [MultiObjectiveTrial] = []
    for n in 0..<count {
        let context = MultiObjectiveSamplingContext(space: space, trialNumber: n, seed: seed,
                                                    directions: minimizeAll(problem), trials: trials)
        let s = try sampler.suggest(in: context)
        let x = (0..<problem.dimension).map { s.params["x\($0)"]!.doubleValue! }
        let y = problem(x)
        trials.append(MultiObjectiveTrial(number: n, state: .complete, params: s.params, values: y,
                                          constraints: constraints?(x, y), attributes: s.attributes))
    }
    return trials
}

private func hypervolume(_ trials: [MultiObjectiveTrial], _ problem: MultiObjectiveTestFunction,
                         feasibleOnly: Bool = false) throws -> Double {
    let kept = trials.filter { !feasibleOnly || ConstraintDomination.isFeasible($0.constraints) }
    return try Hypervolume.compute(kept.map { $0.values! }, reference: problem.referencePoint,
                                   directions: minimizeAll(problem))
}

private func minimizeAll(_ problem: MultiObjectiveTestFunction) -> [Direction] {
    Array(repeating: .minimize, count: problem.objectiveCount)
}

@Suite struct NSGAIISamplerTests {
    @Test func beatsRandomSamplingOnZDT1() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 8)
        let nsga = try NSGAIISampler()
        for seed: UInt64 in [1, 2] {
            let ga = try hypervolume(optimize(nsga, problem, count: 500, seed: seed), problem)
            let random = try hypervolume(optimize(RandomSampler(), problem, count: 500, seed: seed), problem)
            #expect(ga > random + 1, "seed \(seed): NSGA-II \(ga) vs random \(random)")
            #expect(ga <= problem.maxHypervolume)
        }
    }

    @Test func beatsRandomSamplingOnBraninCurrinWithSBX() throws {
        let problem = MultiObjectiveTestFunction.braninCurrin
        let nsga = try NSGAIISampler(populationSize: 20, crossover: .sbx(eta: 20))
        let ga = try hypervolume(optimize(nsga, problem, count: 200, seed: 3), problem)
        let random = try hypervolume(optimize(RandomSampler(), problem, count: 200, seed: 3), problem)
        #expect(ga > random, "NSGA-II \(ga) vs random \(random)")
        #expect(ga <= problem.maxHypervolume)
    }

    @Test func beatsRandomSamplingOnThreeObjectiveDTLZ2() throws {
        let problem = MultiObjectiveTestFunction.dtlz2(objectives: 3, dimension: 6)
        // Optuna's defaults; with 3 objectives NSGA-II needs a few generations to pass random search
        // (at 200 trials with population 20 the two are level), so the budget is 10 generations.
        let nsga = try NSGAIISampler()
        let ga = try hypervolume(optimize(nsga, problem, count: 500, seed: 6), problem)
        let random = try hypervolume(optimize(RandomSampler(), problem, count: 500, seed: 6), problem)
        #expect(ga > random + 0.03, "NSGA-II \(ga) vs random \(random)")
        #expect(ga <= problem.maxHypervolume)
    }

    /// Feasible iff x0 ≥ 0.6: random sampling stays at ~40 % feasible; constraint domination steers the
    /// population into the feasible region.
    @Test func constraintDominationSteersIntoTheFeasibleRegion() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 5)
        let constraint: ([Double], [Double]) -> [Double] = { x, _ in [0.6 - x[0]] }
        let ga = try optimize(NSGAIISampler(populationSize: 20), problem, count: 200, seed: 4, constraints: constraint)
        let random = try optimize(RandomSampler(), problem, count: 200, seed: 4, constraints: constraint)
        let lastGeneration = ga.suffix(40)
        let feasible = lastGeneration.filter { ConstraintDomination.isFeasible($0.constraints) }.count
        let randomFeasible = random.suffix(40).filter { ConstraintDomination.isFeasible($0.constraints) }.count
        // Mutation alone resamples x0 for 1 child in 5, so about 12 % of children stay infeasible.
        #expect(feasible >= 30, "\(feasible) of 40 feasible")
        #expect(randomFeasible < 25, "\(randomFeasible) of 40 feasible")
        #expect(try hypervolume(ga, problem, feasibleOnly: true) > hypervolume(random, problem, feasibleOnly: true))
    }

    @Test func isAPureFunctionOfTheHistory() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 3)
        let sampler = try NSGAIISampler(populationSize: 6)
        let a = try optimize(sampler, problem, count: 30, seed: 9)
        let b = try optimize(sampler, problem, count: 30, seed: 9)
        #expect(a == b)
        // Re-asking for trial 20 with only its history gives the same proposal (resume).
        let context = MultiObjectiveSamplingContext(space: problem.searchSpace, trialNumber: 20, seed: 9,
                                                    directions: [.minimize, .minimize], trials: Array(a.prefix(20)))
        #expect(try sampler.suggest(in: context).params == a[20].params)
        #expect(a[20].attributes[NSGAIISampler.generationKey] == .number(3))
        let c = try optimize(sampler, problem, count: 30, seed: 10)
        #expect(a.map(\.params) != c.map(\.params))
        // Generation 0 draws what random sampling draws.
        let r = try optimize(RandomSampler(), problem, count: 6, seed: 9)
        #expect(r.map(\.params) == a.prefix(6).map(\.params))
    }

    @Test func eliteSelectionKeepsFrontsThenLeastCrowded() throws {
        let sampler = try NSGAIISampler(populationSize: 3)
        func t(_ n: Int, _ v: [Double]) -> MultiObjectiveTrial {
            MultiObjectiveTrial(number: n, state: .complete, params: [:], values: v)
        }
        // Front 0: (0, 4), (1, 3), (1.1, 2.9), (4, 0); front 1: (5, 5). Extremes are kept, then the
        // middle point with the larger crowding distance: (1, 3) has gaps 1.1/4 + 1.1/4, (1.1, 2.9)
        // has 3/4 + 3/4.
        let pool = [t(0, [5, 5]), t(1, [0, 4]), t(2, [1, 3]), t(3, [1.1, 2.9]), t(4, [4, 0])]
        let elite = sampler.elite(pool, directions: [.minimize, .minimize], constrained: false)
        #expect(Set(elite.map(\.number)) == [1, 3, 4])
        // With constraints, a feasible dominated point beats infeasible non-dominated ones.
        var constrained = pool
        for i in constrained.indices { constrained[i].constraints = [i == 0 ? -1 : Double(i)] }
        let e2 = sampler.elite(constrained, directions: [.minimize, .minimize], constrained: true)
        #expect(Set(e2.map(\.number)) == [0, 1, 2])
    }

    @Test func worksThroughTheSingleObjectiveSamplerProtocol() throws {
        let f = TestFunction.branin
        let sampler: any Sampler = try NSGAIISampler(populationSize: 10)
        var trials: [Trial] = []
        for n in 0..<100 {
            let s = try sampler.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: 5,
                                                            direction: .minimize, trials: trials))
            trials.append(Trial(number: n, state: .complete, params: s.params, value: f(f.inputs(s.params)!),
                                attributes: s.attributes))
        }
        // With one objective every front is one value, so the parents of generation 9 are exactly
        // the 10 best trials of generations 0–8 (elitism), and the search improves on its random start.
        let sampler9 = try NSGAIISampler(populationSize: 10)
        let context = MultiObjectiveSamplingContext(
            space: f.searchSpace, trialNumber: 90, seed: 5, directions: [.minimize],
            trials: trials.prefix(90).map { MultiObjectiveTrial($0, values: [$0.value!]) })
        let parents = sampler9.parentPopulation(generation: 9, in: context)
        let tenBest = trials.prefix(90).sorted { ($0.value!, $0.number) < ($1.value!, $1.number) }.prefix(10)
        #expect(Set(parents.map(\.number)) == Set(tenBest.map(\.number)))
        let firstBest = trials.prefix(10).compactMap(\.value).min()!, best = trials.compactMap(\.value).min()!
        #expect(best < firstBest, "best \(firstBest) → \(best)")
        #expect(trials.last?.attributes[NSGAIISampler.generationKey] == .number(9))
    }

    /// Categorical, log-int and conditional parameters: every child is a valid assignment (inactive
    /// coordinates are drawn afresh when a child activates them).
    @Test(arguments: [NSGAIISampler.Crossover.uniform, .sbx(eta: 20)])
    func mixedConditionalSpacesGiveValidChildren(crossover: NSGAIISampler.Crossover) throws {
        let space = try SearchSpace([
            .categorical("optimizer", [.string("sgd"), .string("adam")]),
            .float("momentum", 0, 0.99, when: Condition(parent: "optimizer", in: [.string("sgd")])),
            .int("width", 8, 256, log: true),
            .int("layers", 1, 4),
        ])
        let sampler = try NSGAIISampler(populationSize: 10, crossover: crossover)
        var trials: [MultiObjectiveTrial] = []
        for n in 0..<60 {
            let s = try sampler.suggest(in: MultiObjectiveSamplingContext(
                space: space, trialNumber: n, seed: 11, directions: [.minimize, .minimize], trials: trials))
            #expect(try space.normalized(s.params) == s.params)
            let sgd = s.params["optimizer"] == .string("sgd")
            #expect((s.params["momentum"] != nil) == sgd)
            let width = Double(s.params["width"]!.intValue!), layers = Double(s.params["layers"]!.intValue!)
            let error = abs(log2(width) - 6) + abs(layers - 2) + (sgd ? 1 - s.params["momentum"]!.doubleValue! : 0.5)
            trials.append(MultiObjectiveTrial(number: n, state: .complete, params: s.params,
                                              values: [error, width * layers], attributes: s.attributes))
        }
        #expect(trials.suffix(50).allSatisfy { $0.attributes[NSGAIISampler.parentsKey] != nil })
    }

    @Test func sbxChildrenStayInTheUnitInterval() {
        for i in 0...100 {
            let u = Double(i) / 100
            for (a, b) in [(0.0, 1.0), (0.2, 0.3), (0.999, 0.001), (0.5, 0.5)] {
                for second in [false, true] {
                    let c = NSGAIISampler.sbx(a, b, eta: 20, u: u, pickSecond: second)
                    #expect(c >= 0 && c <= 1 && c.isFinite)
                }
            }
        }
    }

    @Test func rejectsInvalidSettings() {
        #expect(throws: MultiObjectiveError.self) { try NSGAIISampler(populationSize: 1) }
        #expect(throws: MultiObjectiveError.self) { try NSGAIISampler(crossoverProbability: 1.5) }
        #expect(throws: MultiObjectiveError.self) { try NSGAIISampler(mutationProbability: -0.1) }
        #expect(throws: MultiObjectiveError.self) { try NSGAIISampler(crossover: .sbx(eta: 0)) }
        let context = MultiObjectiveSamplingContext(space: TestFunction.branin.searchSpace, trialNumber: 0,
                                                    seed: 1, directions: [], trials: [])
        #expect(throws: MultiObjectiveError.noObjectives) { try NSGAIISampler().suggest(in: context) }
    }
}
