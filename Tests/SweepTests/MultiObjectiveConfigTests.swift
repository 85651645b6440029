import Foundation
import Sweep
import SweepCore
import Testing

private let external = """
    name: mo
    metrics:
      - {name: val_accuracy, goal: maximize}
      - {name: latency_us, goal: minimize}
    constraints: ["latency_us <= 50", "parameter_count <= 1e5"]
    method: bayes
    parameters:
      lr: {type: float, min: 1e-4, max: 1e-1, log: true}
      act: {values: [relu, tanh]}
    """

@Suite struct MultiObjectiveConfigTests {
    @Test func metricsAndConstraintsParse() throws {
        let c = try SweepConfig.parse(yaml: external, file: "mo.yaml")
        #expect(c.objectives == [MetricSpec(name: "val_accuracy", goal: .maximize), MetricSpec(name: "latency_us", goal: .minimize)])
        #expect(c.metric == c.objectives[0])
        #expect(c.directions == [.maximize, .minimize])
        #expect(c.isMultiObjective)
        #expect(c.constraints == [ConstraintSpec(metric: "latency_us", relation: .lessOrEqual, bound: 50),
                                  ConstraintSpec(metric: "parameter_count", relation: .lessOrEqual, bound: 100_000)])
        #expect(c.constraintMetrics == ["parameter_count"])
    }

    @Test func singleObjectiveConfigsAreUnchanged() throws {
        let yaml = """
            metric: {name: value, goal: minimize}
            objective: {kind: function, function: branin}
            """
        let c = try SweepConfig.parse(yaml: yaml, file: "b.yaml")
        #expect(c.metrics.isEmpty && c.constraints.isEmpty)
        #expect(c.objectives == [MetricSpec(name: "value", goal: .minimize)])
        #expect(!c.isMultiObjective)
        // The fingerprint (stored hash) of a single-objective sweep has no new lines.
        #expect(!ConfigFingerprint.canonical(c).contains("metrics"))
        #expect(!ConfigFingerprint.canonical(c).contains("constraints"))
    }

    @Test func aSingleMetricWithConstraintsKeepsTheSingleObjectivePath() throws {
        let yaml = """
            metrics: [{name: value, goal: minimize}]
            constraints: ["cost < 3"]
            method: tpe
            parameters: {x: {type: float, min: 0, max: 1}}
            """
        let c = try SweepConfig.parse(yaml: yaml, file: "s.yaml")
        #expect(!c.isMultiObjective)
        #expect(c.constraintMetrics == ["cost"])
        #expect(ConfigFingerprint.canonical(c).contains("constraints: cost < 3"))
    }

    @Test func changingMetricsOrConstraintsIsADifference() throws {
        let a = try SweepConfig.parse(yaml: external, file: "mo.yaml")
        let b = try SweepConfig.parse(yaml: external.replacingOccurrences(of: "<= 50", with: "<= 40"), file: "mo.yaml")
        let c = try SweepConfig.parse(yaml: external.replacingOccurrences(of: "goal: minimize", with: "goal: maximize"), file: "mo.yaml")
        #expect(ConfigFingerprint.differences(old: a, new: b).contains { $0.hasPrefix("~ constraints:") })
        #expect(ConfigFingerprint.differences(old: a, new: c).contains { $0.hasPrefix("~ metrics:") })
        #expect(ConfigFingerprint.hash(a) != ConfigFingerprint.hash(b))
    }

    @Test func badInputIsRefusedWithTheKeyAndLine() {
        let space = "parameters: {x: {type: float, min: 0, max: 1}, act: {values: [a, b]}}\n"
        expectConfigsRejected([
            // goal missing
            ("metrics:\n  - {name: a, goal: minimize}\n  - {name: b}\n" + space, "mo.yaml:3: metrics.[1]: metric 'b' needs 'goal'"),
            ("metrics:\n  - {goal: minimize}\n" + space, "mo.yaml:2: metrics.[0]: needs 'name'"),
            ("metrics: []\n" + space, "metrics: needs at least one metric"),
            ("metrics:\n  - {name: a, goal: up}\n" + space, "mo.yaml:2: metrics.[0].goal: goal must be minimize or maximize"),
            ("metrics:\n  - {name: a, goal: min}\n  - {name: a, goal: max}\n" + space, "mo.yaml:3: metrics.[1].name: metric 'a' is listed twice"),
            ("metric: a\nmetrics: [{name: a, goal: min}]\n" + space, "mo.yaml:2: metrics: use either 'metric'"),
            // constraints: non-numeric bound, a parameter, malformed
            ("metrics: [{name: a, goal: min}]\nconstraints:\n  - \"a <= fast\"\n" + space,
             "mo.yaml:3: constraints.[0]: constraint 'a <= fast': 'fast' is not a number"),
            ("metrics: [{name: a, goal: min}]\nconstraints: [\"act <= 1\"]\n" + space,
             "mo.yaml:2: constraints.[0]: constraint 'act <= 1': 'act' is a search parameter, not a metric"),
            ("metrics: [{name: a, goal: min}]\nconstraints: [\"a == 1\"]\n" + space, "constraint 'a == 1' has no comparison"),
            ("metrics: [{name: a, goal: min}]\nconstraints: [{a: 1}]\n" + space, "mo.yaml:2: constraints.[0]: expected text"),
        ], file: "mo.yaml", prefix: "mo.yaml:")
    }

    @Test func unknownMetricsOfBuiltInObjectivesAreRefused() {
        let mlp = "objective: {kind: mlp, dataset: digits}\nparameters: {lr: {type: float, min: 0.001, max: 0.1, log: true}}\n"
        expectConfigsRejected([
            ("metrics:\n  - {name: val_accuracy, goal: max}\nconstraints: [\"latency <= 5\"]\n" + mlp,
             "mo.yaml:3: constraints.[0]: constraint 'latency <= 5': unknown metric 'latency'"),
            ("metrics:\n  - {name: val_accuracy, goal: max}\n  - {name: speed, goal: min}\n" + mlp, "mo.yaml:3: metrics.[1].name:"),
            ("metrics:\n  - {name: val_accuracy, goal: max}\nconstraints: [\"latency_us <= 5\"]\n"
             + mlp.replacingOccurrences(of: "digits}", with: "digits, cost: off}"),
             "'latency_us' is a cost metric but objective.cost is off"),
            ("metrics:\n  - {name: val_accuracy, goal: max}\n  - {name: latency_us, goal: min}\n"
             + mlp.replacingOccurrences(of: "digits}", with: "digits, cost: exact}"),
             "mo.yaml:3: metrics.[1].name: 'latency_us' is measured but objective.cost is exact"),
        ], file: "mo.yaml", prefix: "mo.yaml:")
    }

    @Test func costMetricsOfTheMLPAreObjectivesAndConstraints() throws {
        let yaml = """
            metrics:
              - {name: val_accuracy, goal: maximize}
              - {name: latency_us, goal: minimize}
            constraints: ["parameter_count <= 100000"]
            objective: {kind: mlp, dataset: digits}
            parameters: {lr: {type: float, min: 0.001, max: 0.1, log: true}}
            """
        let c = try SweepConfig.parse(yaml: yaml, file: "m.yaml")
        #expect(c.objectives.map(\.name) == ["val_accuracy", "latency_us"])
        #expect(c.constraintMetrics == ["parameter_count"])
    }

    @Test func methodsAndPrunersThatCannotRankSeveralMetricsAreRefused() {
        let head = "metrics:\n  - {name: a, goal: min}\n  - {name: b, goal: min}\nparameters: {x: {type: float, min: 0, max: 1}}\n"
        expectConfigsRejected([
            (head + "method: tpe\n", "mo.yaml:5: method: method 'tpe' cannot optimise several metrics (a, b): TPE has no multi-objective mode"),
            (head + "method: sobol\n", "mo.yaml:5: method: method 'sobol' cannot optimise several metrics"),
            (head + "budget: {target: 0.5}\n", "mo.yaml:5: budget.target: a target value stops a sweep with one metric"),
            (head + "method: {name: nsga2, options: {population_size: 1}}\n", "mo.yaml:5: method.options.population_size:"),
            (head + "method: {name: bayes, options: {kernel: rbf}}\n", "mo.yaml:5: method.options.kernel:"),
            (head + "method: {name: hyperband, options: {max_resource: 9}}\n", "multi-fidelity schedulers rank trials by one value"),
            (head + "pruner: median\n", "mo.yaml:5: pruner: pruner 'median' compares one intermediate value"),
        ], file: "mo.yaml", prefix: "mo.yaml:")
    }
}
