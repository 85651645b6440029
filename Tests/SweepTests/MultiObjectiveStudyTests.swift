import Foundation
import Sweep
import SweepCore
import SweepStore
import SweepTestSupport
import Testing

/// A `function` sweep over BraninCurrin (two objectives, both minimised) with `method` and `trials`.
private func braninCurrin(method: String, trials: Int, storage: String = "memory", seed: Int = 3) throws -> SweepConfig {
    try SweepConfig.parse(yaml: """
        name: bc
        seed: \(seed)
        metrics:
          - {name: branin, goal: minimize}
          - {name: currin, goal: minimize}
        method: \(method)
        objective: {kind: function, function: branin_currin}
        budget: {trials: \(trials), workers: 1}
        storage: \(storage)
        """, file: "bc.yaml")
}

/// An ask/tell sweep (no objective) with two metrics and two constraints, one on a non-objective metric.
private func external(storage: String) throws -> SweepConfig {
    try SweepConfig.parse(yaml: multiObjectiveAskTellYAML(name: "ext", trials: 20, storage: storage), file: "ext.yaml")
}

@Suite struct MultiObjectiveStudyTests {
    /// Issue 16.1: a 2-objective `function` sweep end to end (bayes = `MultiObjectiveGPSampler`).
    @Test func aBraninCurrinBayesSweepEndsWithAMutuallyNonDominatedFront() throws {
        let session = try SweepSession.open(config: try braninCurrin(method: "bayes", trials: 20))
        try session.run()
        let trials = try session.study.trials()
        #expect(trials.count == 20)
        let truth = try #require(MultiObjectiveTestFunction.named("branincurrin"))
        for t in trials {
            #expect(t.state == .complete)
            let x = [t.params["x0"]?.doubleValue ?? .nan, t.params["x1"]?.doubleValue ?? .nan]
            #expect(t.values == truth(x), "trial \(t.number)")
            #expect(t.value == t.values?.first)
        }
        // The GP took over after the initial design (it records its fitted hyperparameters).
        #expect(trials.contains { $0.attributes[MultiObjectiveGPSampler.paramsKey] != nil })
        let front = trials.paretoFront([.minimize, .minimize])
        #expect(!front.isEmpty)
        for a in front {
            for b in front where a.number != b.number {
                #expect(!Pareto.dominates(a.values ?? [], b.values ?? [], directions: [.minimize, .minimize]))
            }
        }
        // Every trial off the front is dominated by one on it.
        for t in trials where !front.contains(where: { $0.number == t.number }) {
            #expect(front.contains { Pareto.dominates($0.values ?? [], t.values ?? [], directions: [.minimize, .minimize]) })
        }
    }

    @Test(arguments: ["bayes", "nsga2", "random"])
    func aSweepWithOneWorkerIsDeterministic(_ method: String) throws {
        func run() throws -> [[Double]?] {
            let session = try SweepSession.open(config: try braninCurrin(method: method, trials: 12))
            try session.run()
            return try session.study.trials().map(\.values)
        }
        let a = try run()
        #expect(a.count == 12 && a.allSatisfy { $0?.count == 2 })
        #expect(try run() == a)
    }

    @Test func aResumedSweepContinuesFromItsStoredVectors() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("bc.sqlite").path
            try SweepSession.open(config: try braninCurrin(method: "nsga2", trials: 6, storage: path)).run()
            let first = try SweepSession.open(config: try braninCurrin(method: "nsga2", trials: 6, storage: path)).study.trials()
            #expect(first.count == 6 && first.allSatisfy { $0.values?.count == 2 })
            // A raised budget resumes the stored sweep: the first six trials stay, four more are sampled.
            let resumed = try SweepSession.open(config: try braninCurrin(method: "nsga2", trials: 10, storage: path))
            #expect(resumed.resumed)
            try resumed.run()
            let all = try resumed.study.trials()
            #expect(all.count == 10 && all.allSatisfy { $0.state == .complete && $0.values?.count == 2 })
            #expect(Array(all.prefix(6)) == first)
            // The same ten trials as an uninterrupted run with one worker.
            let straight = try SweepSession.open(config: try braninCurrin(method: "nsga2", trials: 10))
            try straight.run()
            #expect(try straight.study.trials().map(\.params) == all.map(\.params))
        }
    }

    @Test func vectorTellsStoreValuesAndConstraintViolations() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("ext.sqlite").path
            let study = try SweepSession.open(config: try external(storage: path)).study
            let trial = try #require(try study.ask())
            let t = try study.tell(trial, .values([0.9, 40], metrics: ["size": 12]))
            #expect(t.state == .complete && t.values == [0.9, 40] && t.value == 0.9)
            #expect(t.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles == [-10, 2])
            #expect(t.attributes[TrialAttributeKey.metrics] == .object(["size": .number(12)]))
            // Reopened from the file: the vector and the violations are there, and the sampler uses them.
            let again = try SweepSession.open(config: try external(storage: path)).study
            #expect(try again.trial(number: 0)?.values == [0.9, 40])
            #expect(try again.trial(number: 0)?.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles == [-10, 2])
            #expect(try again.trials().paretoFront([.maximize, .minimize]).isEmpty)  // its only trial is infeasible
            let next = try #require(try again.ask())
            try again.tell(next, .values([0.5, 20], metrics: ["size": 3]))
            #expect(try again.trials().paretoFront([.maximize, .minimize]).map(\.number) == [1])
        }
    }

    @Test func badTellsAreRefusedAndStoreNothing() throws {
        let study = try SweepSession.open(config: try external(storage: "memory")).study
        let trial = try #require(try study.ask())
        let asked = try #require(try study.trial(number: 0))
        let cases: [(TrialOutcome, StudyError)] = [
            (.values([1], metrics: ["size": 1]), .wrongValueCount(trial: 0, expected: 2, got: 1, metrics: ["acc", "latency_us"])),
            (.values([1, 2, 3], metrics: ["size": 1]), .wrongValueCount(trial: 0, expected: 2, got: 3, metrics: ["acc", "latency_us"])),
            (.value(1), .wrongValueCount(trial: 0, expected: 2, got: 1, metrics: ["acc", "latency_us"])),
            (.values([1, 2]), .missingMetric(trial: 0, constraint: "size <= 10")),
        ]
        for (outcome, error) in cases {
            #expect(throws: error) { try study.tell(trial, outcome) }
            #expect(try study.trial(number: 0) == asked)
        }
        #expect("\(StudyError.wrongValueCount(trial: 0, expected: 2, got: 1, metrics: ["acc", "latency_us"]))".contains("2 metrics (acc, latency_us)"))
        // A non-finite objective value fails the trial (as a single value does).
        #expect(try study.tell(trial, .values([.nan, 1], metrics: ["size": 1])).state == .failed)
    }

    /// An objective whose result does not fit the study (one value for two metrics) fails its trial
    /// with the reason; the worker pool goes on to the budget instead of stopping.
    @Test func aWorkerPoolObjectiveWithTooFewValuesFailsItsTrials() throws {
        let study = try SweepSession.open(config: try external(storage: "memory")).study
        try study.optimize(OptimizeOptions(trials: 3), objective: ClosureObjective { _ in 0.5 })
        let trials = try study.trials()
        #expect(trials.count == 3 && trials.allSatisfy { $0.state == .failed && $0.values == nil })
        #expect(trials.allSatisfy { $0.failureReason?.contains("the sweep has 2 metrics (acc, latency_us) but the tell gave 1 value") == true })
    }

    @Test func aSingleMetricWithConstraintsStoresViolationsForTheSingleObjectiveSamplers() throws {
        let config = try SweepConfig.parse(yaml: """
            metrics: [{name: loss, goal: minimize}]
            constraints: ["mem_mb <= 100", "loss >= 0.01"]
            method: tpe
            parameters: {x: {type: float, min: 0, max: 1}}
            storage: memory
            """, file: "c.yaml")
        let study = try SweepSession.open(config: config).study
        #expect(!(study.sampler is MultiObjectiveSamplerAdapter))
        let trial = try #require(try study.ask())
        #expect(throws: StudyError.missingMetric(trial: 0, constraint: "mem_mb <= 100")) { try study.tell(trial, .value(0.5)) }
        let t = try study.tell(trial, .values([0.5], metrics: ["mem_mb": 150]))
        #expect(t.values == nil && t.value == 0.5)
        #expect(t.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles == [50, 0.01 - 0.5])
    }
}

@Suite struct MultiObjectiveMLPTests {
    /// An `mlp` trains for its first metric; the others come from its cost attributes, so a cost metric
    /// can be an objective and a constraint.
    @Test func anMLPSweepOptimisesAccuracyAgainstItsCostMetrics() throws {
        let config = try SweepConfig.parse(yaml: """
            name: mlpmo
            seed: 2
            metrics:
              - {name: val_accuracy, goal: maximize}
              - {name: parameter_count, goal: minimize}
            constraints: ["model_bytes <= 300", "flops_per_row >= 0"]
            method: nsga2
            objective: {kind: mlp, dataset: iris, epochs: 2, layers: 1, batch_size: 16, cost: exact}
            parameters:
              nodes: {type: int, min: 4, max: 12}
            budget: {trials: 3}
            storage: memory
            """, file: "mlpmo.yaml")
        let session = try SweepSession.open(config: config)
        try session.run()
        let trials = try session.study.trials()
        #expect(trials.count == 3)
        for t in trials {
            #expect(t.state == .complete)
            let cost = CostMetrics.metrics(of: t.attributes)
            let values = try #require(t.values)
            #expect(values.count == 2 && values[0] == t.value)
            #expect((0...1).contains(values[0]))
            #expect(values[1] == cost["parameter_count"])
            // iris, one hidden layer of n: 4n + n + 3n + 3 parameters of 4 bytes each.
            let n = Double(t.params["nodes"]?.doubleValue ?? 0)
            #expect(values[1] == 8 * n + 3)
            let violations = try #require(t.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles)
            #expect(violations == [4 * (8 * n + 3) - 300, -(cost["flops_per_row"] ?? .nan)])
        }
    }
}

@Suite struct MultiObjectiveCommandTests {
    /// A `command` objective's program prints every metric (`name=value` or JSON); the first is the
    /// value, the others build the vector and the constraint values. A missing one fails the trial.
    @Test(arguments: [
        (#"echo "acc=0.75 latency_us=12.5"; echo '{{"size": 3}}'"#, TrialState.complete),
        (#"echo "acc=0.75 latency_us=12.5""#, TrialState.failed),
    ])
    func aCommandReportsEveryMetric(_ script: String, _ state: TrialState) throws {
        try withTemporaryDirectory { dir in
            let config = try SweepConfig.parse(yaml: """
                name: cmdmo
                metrics:
                  - {name: acc, goal: maximize}
                  - {name: latency_us, goal: minimize}
                constraints: ["size <= 2"]
                objective: {kind: command, command: [sh, -c, '\(script.replacingOccurrences(of: "'", with: "''"))']}
                parameters: {x: {type: float, min: 0, max: 1}}
                budget: {trials: 1}
                storage: \(dir.appendingPathComponent("c.sqlite").path)
                """, file: "cmdmo.yaml")
            let session = try SweepSession.open(config: config)
            try session.run()
            let t = try #require(try session.study.trials().first)
            #expect(t.state == state, "\(t.failureReason ?? "")")
            if state == .complete {
                #expect(t.values == [0.75, 12.5])
                #expect(t.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles == [1])
            } else {
                #expect(t.failureReason?.contains("no 'size=<number>'") == true, "\(t.failureReason ?? "")")
                #expect(t.values == nil)
            }
        }
    }
}
