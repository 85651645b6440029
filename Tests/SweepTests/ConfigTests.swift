import Foundation
import Sweep
import SweepCore
import Testing

private let good = """
    name: demo
    seed: 3
    metric: {name: value, goal: minimize}
    method: {name: random}
    objective: {kind: function, function: branin}
    parameters:
      x0: {type: float, min: -5, max: 10}
      x1: {type: float, min: 0, max: 15}
    budget: {trials: 20, workers: 2, time_limit: 1h30m, max_failed: 3, target: 0.5}
    """

@Suite struct ConfigTests {
    @Test func aGoodConfigParsesIntoTypedSettings() throws {
        let c = try SweepConfig.parse(yaml: good, file: "demo.yaml")
        #expect(c.name == "demo" && c.seed == 3)
        #expect(c.metric == MetricSpec(name: "value", goal: .minimize))
        #expect(c.method.name == "random")
        #expect(c.space.parameters.map(\.name) == ["x0", "x1"])
        #expect(c.budget == Budget(trials: 20, workers: 2, timeLimit: 5400, maxFailed: 3, target: 0.5))
        #expect(c.storage == nil)
        if let f = c.objective.as(FunctionObjectiveSpec.self) { #expect(f.function.name == "branin") } else { Issue.record("objective") }
    }

    @Test func everyParameterFormIsUnderstood() throws {
        let c = try SweepConfig.parse(yaml: """
            objective: {kind: command, command: "python3 train.py --lr {lr} --act {activation}"}
            metric: {name: val_accuracy}
            parameters:
              lr: {type: float, min: 1e-4, max: 1e-1, log: true}
              dropout: {type: float, min: 0, max: 0.5, step: 0.1}
              layers: {type: int, min: 1, max: 4}
              batch_size: {type: int, values: [32, 64, 128]}
              activation: {values: [relu, tanh, "true", 3]}
              optimizer: {type: categorical, values: [sgd, adam]}
              momentum: {type: float, min: 0, max: 0.99, when: {optimizer: sgd}}
              fused: {values: [true, false]}
            """, file: "c.yaml", defaultName: "c")
        let s = c.space
        #expect(c.name == "c")
        #expect(c.metric.goal == .maximize)  // accuracy-like names default to maximize
        #expect(s["lr"]?.domain == .float(lower: 1e-4, upper: 1e-1, log: true, step: nil))
        #expect(s["dropout"]?.domain == .float(lower: 0, upper: 0.5, log: false, step: 0.1))
        #expect(s["layers"]?.domain == .int(lower: 1, upper: 4, log: false, step: 1))
        #expect(s["batch_size"]?.gridValues == [32, 64, 128])
        #expect(s["activation"]?.domain == .categorical(["relu", "tanh", .string("true"), 3]))
        #expect(s["momentum"]?.condition == Condition(parent: "optimizer", in: ["sgd"]))
        #expect(s["fused"]?.domain == .categorical([true, false]))
        if let cmd = c.objective.as(CommandObjectiveSpec.self) {
            #expect(cmd.arguments == ["python3", "train.py", "--lr", "{lr}", "--act", "{activation}"])
        } else { Issue.record("objective") }
    }

    @Test func functionObjectivesDefaultToTheirBox() throws {
        let c = try SweepConfig.parse(yaml: "objective: {kind: function, function: ackley, dimension: 5}\nmethod: sobol")
        #expect(c.space.dimension == 5)
        #expect(c.metric.name == "value")
        let grid = try SweepConfig.parse(yaml: """
            method: grid
            objective: {kind: function, function: branin}
            parameters:
              x0: {type: float, min: -5, max: 10, step: 5}
              x1: {type: float, min: 0, max: 15, values: [0, 7.5, 15]}
            """)
        #expect(grid.budget.trials == 12)  // 4 × 3 grid points
    }

    /// (yaml, expected line, fragments that must all appear in the message)
    static let badConfigs: [(String, Int?, [String])] = [
        ("name: x\nobjectiv: {kind: function, function: branin}\n", 2, ["unknown key 'objectiv'", "did you mean 'objective'"]),
        ("method: random\n", nil, ["missing required key 'parameters'"]),
        ("objective: {kind: functon, function: branin}\n", 1, ["objective.kind", "unknown objective kind 'functon'", "did you mean 'function'"]),
        ("objective: {kind: function, function: braninn}\n", 1, ["objective.function", "unknown test function 'braninn'"]),
        ("objective: {kind: function, function: branin}\nmethod: {name: bayesian_magic}\n", 2, ["method.name", "unknown method 'bayesian_magic'"]),
        ("objective: {kind: function, function: branin}\nmethod: {name: random, options: {foo: 1}}\n", 2, ["unknown option 'foo' for random"]),
        ("objective: {kind: function, function: branin}\nseed: -4\n", 2, ["seed", "must be zero or more"]),
        ("objective: {kind: function, function: branin}\nseed: abc\n", 2, ["seed", "expected a whole number, got 'abc'"]),
        ("objective: {kind: function, function: branin}\nmetric: {name: value, goal: smallest}\n", 2, ["metric.goal", "minimize or maximize", "smallest"]),
        ("objective: {kind: function, function: branin}\nbudget: {trials: 0}\n", 2, ["budget.trials", "positive"]),
        ("objective: {kind: function, function: branin}\nbudget: {trials: 10, time_limit: soon}\n", 2, ["budget.time_limit", "duration", "soon"]),
        ("objective: {kind: function, function: branin}\nbudget: {trials: 10, target: high}\n", 2, ["budget.target", "high"]),
        ("objective: {kind: function, function: branin}\nbudget: {trails: 10}\n", 2, ["budget.trails", "did you mean 'trials'"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  lr: {type: float, min: 1, max: 0.1}\n", 3,
         ["parameters.lr", "min 1.0 is greater than max 0.1"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  lr: {type: float, min: 0, max: 1, log: true}\n", 3,
         ["parameters.lr", "log scale needs min > 0"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  n: {type: int, min: 1, max: 10, step: 4}\n", 3,
         ["parameters.n", "step 4 does not divide"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  lr: {type: float, min: 0.1}\n", 3,
         ["parameters.lr", "needs 'max'"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  lr: {type: floaty, min: 0, max: 1}\n", 3,
         ["parameters.lr.type", "unknown type 'floaty'"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  lr: {type: float, min: zero, max: 1}\n", 3,
         ["parameters.lr.min", "expected a number, got 'zero'"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  act: {values: []}\n", 3,
         ["parameters.act.values", "at least one value"]),
        ("objective: {kind: command, command: [python3, x.py]}\nparameters:\n  m: {type: float, min: 0, max: 1, when: {opt: sgd}}\n", 3,
         ["parameters.m", "unknown parameter 'opt'"]),
        ("objective: {kind: command, command: [python3, x.py, \"{lrr}\"]}\nparameters:\n  lr: {type: float, min: 0, max: 1}\n", 1,
         ["objective.command", "placeholder {lrr} is not a parameter"]),
        ("objective: {kind: command, command: \"python3 'unterminated\"}\nparameters:\n  lr: {type: float, min: 0, max: 1}\n", 1,
         ["objective.command", "unterminated"]),
        ("objective: {kind: function, function: branin}\nmethod: grid\n", 2, ["method", "grid search needs discrete values", "'x0'"]),
        ("objective: {kind: function, function: branin}\nparameters:\n  x0: {type: float, min: -5, max: 10}\n", 3,
         ["parameters", "branin", "takes parameters x0, x1"]),
        ("name: ../etc/passwd\nobjective: {kind: function, function: branin}\n", 1, ["name", "contains '/'"]),
        ("objective: {kind: function, function: branin}\nparameters:\n  x0: {type: float, min: -5, max: 10}\n  x0: {type: float, min: 0, max: 1}\n", 4,
         ["duplicate key"]),
        ("objective: {kind: function, function: branin\n", 2, ["YAML syntax error"]),
        ("- just\n- a list\n", nil, ["must be a mapping"]),
        ("objective: {kind: function, function: branin}\npruner: {name: median, warmup_trails: 3}\n", 2, ["unknown option 'warmup_trails'"]),
        ("objective: {kind: mlp, dataset: digits}\nmetric: {name: val_acc}\n", 2, ["metric.name", "val_accuracy"]),
    ]

    @Test(arguments: badConfigs.indices)
    func badConfigsGetAMessageNamingTheProblem(index: Int) {
        let (yaml, line, fragments) = ConfigTests.badConfigs[index]
        do {
            _ = try SweepConfig.parse(yaml: yaml, file: "bad.yaml")
            Issue.record("case \(index) parsed: \(yaml)")
        } catch let error as ConfigError {
            let text = error.description
            #expect(text.hasPrefix("bad.yaml"), "case \(index): \(text)")
            if let line { #expect(error.line == line, "case \(index): line \(String(describing: error.line)) in \(text)") }
            for fragment in fragments { #expect(text.contains(fragment), "case \(index): '\(fragment)' not in: \(text)") }
        } catch {
            Issue.record("case \(index): untyped error \(error)")
        }
    }

    @Test func missingFilesAreReportedByPath() {
        #expect(throws: ConfigError.unreadable(file: "/nonexistent/x.yaml", reason: "no such file")) {
            try SweepConfig.load(path: "/nonexistent/x.yaml")
        }
    }

    @Test func durationsParse() throws {
        for (text, seconds) in [("90s", 90.0), ("10m", 600), ("1h30m", 5400), ("2d", 172_800), ("45", 45)] {
            let c = try SweepConfig.parse(yaml: "objective: {kind: function, function: branin}\nbudget: {time_limit: \(text)}")
            #expect(c.budget.timeLimit == seconds)
        }
    }

    @Test func everyShippedConfigValidates() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("configs")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 3)
        for f in files { _ = try SweepConfig.load(path: dir.appendingPathComponent(f).path) }
    }
}
