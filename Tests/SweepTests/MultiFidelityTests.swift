import Foundation
import Sweep
import SweepCore
import SweepStore
import Testing

private func session(_ yaml: String) throws -> SweepSession {
    try SweepSession.open(config: try SweepConfig.parse(yaml: yaml + "\nstorage: memory\n", file: "mf.yaml"))
}

private func stepsRun(_ t: Trial) -> Int { t.attributes["function.steps_run"]?.int ?? 0 }

@Suite struct MultiFidelityTests {
    @Test(arguments: [1, 2])
    func hyperbandRunsEveryBracketAndNeverRetrains(workers: Int) throws {
        let s = try session("""
            name: hb
            method: {name: hyperband, options: {eta: 3}}
            objective: {kind: function, function: hartmann6, steps: 27}
            budget: {workers: \(workers)}
            """)
        let summary = try s.run()
        #expect(summary.reason == .budgetReached)
        let trials = try s.study.trials()
        let plan = try HyperbandPlan(minResource: 1, maxResource: 27, eta: 3)
        #expect(trials.count == plan.brackets.reduce(0) { $0 + $1.rungs[0].configurations })
        #expect(trials.allSatisfy { $0.state == .complete || $0.state == .pruned })
        // Each bracket's rung populations match the plan (a trial at rung i passed rungs 0…i).
        for b in plan.brackets {
            let members = trials.filter { $0.attributes[SchedulerAttributes.bracket]?.int == b.s }
            for (i, rung) in b.rungs.enumerated() {
                #expect(members.filter { ($0.attributes[SchedulerAttributes.rung]?.int ?? -1) >= i }.count == rung.configurations,
                        "bracket \(b.s) rung \(i)")
            }
            #expect(members.filter { $0.state == .complete }.count == b.rungs.last!.configurations)
        }
        // Promoted trials continued from their checkpoints: steps computed = sum of rung increments.
        #expect(trials.reduce(0) { $0 + stepsRun($1) } == plan.brackets.reduce(0) { $0 + $1.resourceWithCheckpoints })
        for t in trials { #expect(stepsRun(t) == t.intermediateValues.keys.max(), "trial \(t.number)") }
        // Winners were the best of their rung: every complete trial of bracket s_max beat the pruned ones at step 1.
        let top = trials.filter { $0.attributes[SchedulerAttributes.bracket]?.int == 3 }
        let best1 = top.filter { ($0.attributes[SchedulerAttributes.rung]?.int ?? 0) >= 1 }.map { $0.intermediateValues[1]! }
        let rest1 = top.filter { ($0.attributes[SchedulerAttributes.rung]?.int ?? 0) == 0 }.map { $0.intermediateValues[1]! }
        #expect(best1.max()! <= rest1.min()!)
    }

    @Test func ashaWithTwoWorkersPromotesWithoutRetraining() throws {
        let s = try session("""
            name: asha
            method: {name: asha, options: {eta: 3, min_resource: 1}}
            objective: {kind: function, function: branin, steps: 27}
            budget: {trials: 40, workers: 2}
            """)
        try s.run()
        let trials = try s.study.trials()
        #expect(trials.count == 40)
        #expect(trials.allSatisfy { $0.state == .complete || $0.state == .pruned })
        #expect(trials.contains { $0.state == .complete })
        for t in trials {
            let reached = t.intermediateValues.keys.max() ?? 0
            #expect(stepsRun(t) == reached, "trial \(t.number) computed \(stepsRun(t)) steps to reach \(reached)")
            let rung = t.attributes[SchedulerAttributes.rung]!.int!
            #expect(reached == [1, 3, 9, 27][rung])
        }
    }

    @Test func successiveHalvingPrunerStopsLaggardsInAskTellLoops() throws {
        let study = try Study.open(name: "p", storage: InMemoryStorage(), space: try SearchSpace([.float("q", 0, 1)]),
                                   direction: .minimize, pruner: SuccessiveHalvingPruner(minResource: 1, eta: 3), seed: 0)
        try study.optimize(trials: 30) { trial in
            let q = try trial.float("q")
            for step in 1...9 { try trial.report(step: step, value: q + 1 / Double(step)) }
            return q
        }
        let trials = try study.trials()
        let pruned = trials.filter { $0.state == .pruned }
        #expect(!pruned.isEmpty)
        // Pruning happens only at rung steps 1, 3, 9.
        #expect(pruned.allSatisfy { [1, 3, 9].contains($0.intermediateValues.keys.max()!) })
        // The best complete trial is better than every pruned one.
        let best = try #require(trials.best(.minimize))
        #expect(pruned.allSatisfy { $0.params["q"]!.doubleValue! > best.params["q"]!.doubleValue! })
    }

    @Test func multiFidelityOptionsAreValidatedWithLines() {
        expectConfigsRejected([
            ("method: {name: asha}\nobjective: {kind: command, command: [x]}\nparameters: {a: {type: float, min: 0, max: 1}}",
             "needs options.max_resource"),
            ("method: {name: hyperband, options: {eta: 1}}\nobjective: {kind: function, function: branin, steps: 9}", "eta"),
            ("method: {name: sha, options: {min_resource: 10}}\nobjective: {kind: function, function: branin, steps: 9}",
             "max_resource 9 is smaller than min_resource 10"),
            ("method: {name: asha, options: {sampler: cmaes}}\nobjective: {kind: function, function: branin, steps: 9}", "sampler"),
        ], file: "mf.yaml", prefix: "mf.yaml:1")
    }
}
