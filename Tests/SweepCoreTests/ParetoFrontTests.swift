import Testing
@testable import SweepCore

@Suite struct ParetoFrontTests {
    private func trial(_ n: Int, _ v: [Double]?, _ c: [Double]? = nil, state: TrialState = .complete) -> MultiObjectiveTrial {
        MultiObjectiveTrial(number: n, state: state, params: [:], values: v, constraints: c)
    }

    @Test func bestTrialsAreTheFeasibleNondominatedOnes() {
        let dirs: [Direction] = [.maximize, .minimize]   // accuracy up, latency down
        let trials = [
            trial(0, [0.90, 120]), trial(1, [0.95, 300]), trial(2, [0.85, 150]), trial(3, [0.97, 900]),
            trial(4, [0.99, 50], state: .failed), trial(5, [0.99, .nan]), trial(6, [0.99]),
        ]
        #expect(ParetoFront.bestTrials(trials, directions: dirs).map(\.number) == [0, 1, 3])
        // A latency budget of 500 as a constraint: trial 3 becomes infeasible and leaves the front;
        // trials without recorded constraints count as infeasible once others have them.
        var constrained = trials
        for i in constrained.indices { constrained[i].constraints = [(constrained[i].values?.last ?? 0) - 500] }
        constrained[0].constraints = nil
        #expect(ParetoFront.bestTrials(constrained, directions: dirs).map(\.number) == [1, 2])
    }

    @Test func hypervolumeHistoryGrowsToTheFinalHypervolume() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 3)
        let sampler = try NSGAIISampler(populationSize: 8)
        var trials: [MultiObjectiveTrial] = []
        for n in 0..<40 {
            let s = try sampler.suggest(in: MultiObjectiveSamplingContext(
                space: problem.searchSpace, trialNumber: n, seed: 2, directions: [.minimize, .minimize], trials: trials))
            let x = (0..<3).map { s.params["x\($0)"]!.doubleValue! }
            trials.append(trial(n, problem(x)))
        }
        trials.append(trial(40, nil, state: .running))
        let history = try ParetoFront.hypervolumeHistory(trials, reference: problem.referencePoint,
                                                         directions: [.minimize, .minimize])
        #expect(history.map(\.trial) == Array(0..<40))
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.hypervolume <= $1.hypervolume })
        for k in [0, 7, 23, 39] {
            let prefix = try Hypervolume.compute(trials.prefix(k + 1).map { $0.values! },
                                                 reference: problem.referencePoint, directions: [.minimize, .minimize])
            #expect(abs(history[k].hypervolume - prefix) <= 1e-12 * prefix, "after trial \(k)")
        }
        #expect(throws: MultiObjectiveError.self) {
            try ParetoFront.hypervolumeHistory(trials, reference: [11], directions: [.minimize, .minimize])
        }
    }
}
