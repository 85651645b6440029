import Foundation
import Sweep
import SweepCore
import SweepStore
import Testing

/// Runs a 40-trial sweep from `yaml` (plus in-memory storage) and returns its trials and space.
private func sweep(_ yaml: String) throws -> (trials: [Trial], space: SearchSpace) {
    let s = try SweepSession.open(config: try SweepConfig.parse(yaml: yaml + "\nstorage: memory\n", file: "pruned.yaml"))
    try s.run()
    return (try s.study.trials(), try #require(s.study.space))
}

/// Trials that land within `GPSampler.stoppedTrialRadius` (unit cube) of an earlier pruned or failed trial.
private func nearDuplicates(_ trials: [Trial], space: SearchSpace) throws -> [Int] {
    let points = try trials.map { try space.encode($0.params).map { $0.isNaN ? 0.5 : $0 } }
    var out: [Int] = []
    for (i, t) in trials.enumerated() {
        for j in 0..<i where trials[j].state == .pruned || trials[j].state == .failed {
            let d = zip(points[i], points[j]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            if d < GPSampler.stoppedTrialRadius { out.append(t.number); break }
        }
    }
    return out
}

/// Issue 15: with a pruner, `bayes` used to re-propose pruned points (its data stopped changing).
@Suite struct PrunedTrialsInModelTests {
    @Test(arguments: ["bayes", "tpe"])
    func noNearDuplicatesOfPrunedTrialsOnMultiFidelityBranin(method: String) throws {
        let options = method == "bayes" ? "{candidates: 256, restarts: 2}" : "{}"
        let (trials, space) = try sweep("""
            name: pruned-branin
            seed: 7
            method: {name: \(method), options: \(options)}
            objective: {kind: function, function: branin, steps: 9}
            pruner: {name: median, warmup_trials: 5}
            budget: {trials: 40}
            """)
        #expect(trials.count == 40)
        #expect(trials.filter { $0.state == .pruned }.count >= 5, "the test needs pruned trials to mean anything")
        #expect(try nearDuplicates(trials, space: space) == [])
    }

    @Test func noNearDuplicatesOfPrunedTrialsOnDigits() throws {
        let (trials, space) = try sweep("""
            name: pruned-digits
            seed: 3
            metric: {name: val_accuracy}
            method: {name: bayes, options: {candidates: 256, restarts: 2}}
            objective: {kind: mlp, dataset: digits, epochs: 3, nodes: 8, batch_size: 64}
            parameters:
              lr: {type: float, min: 1e-4, max: 1, log: true}
              weight_decay: {type: float, min: 1e-6, max: 1e-1, log: true}
            pruner: {name: median, warmup_trials: 5}
            budget: {trials: 40}
            """)
        #expect(trials.count == 40)
        #expect(trials.contains { $0.state == .pruned })
        #expect(try nearDuplicates(trials, space: space) == [])
    }
}
