import Foundation
import Sweep
import SweepTestSupport
import Testing

/// Objective kinds are plug-ins: parsing, metrics, fingerprints and reports come from the kind.
@Suite struct ObjectiveKindTests {
    func parse(_ objective: String, parameters: String = "lr: {type: float, min: 0.001, max: 0.1}") throws -> SweepConfig {
        try SweepConfig.parse(yaml: "objective: \(objective)\nparameters:\n  \(parameters)\nstorage: memory\n")
    }

    @Test func eachKindParsesToItsOwnSpecWithItsDefaultMetric() throws {
        let function = try parse("{kind: function, function: branin}", parameters: "x0: {type: float, min: -5, max: 10}\n  x1: {type: float, min: 0, max: 15}")
        #expect(function.objective.kind == "function" && function.metric.name == "value")
        #expect(function.objective.as(FunctionObjectiveSpec.self)?.function.name == "branin")
        #expect(function.objective.as(MLPObjectiveSpec.self) == nil)

        let mlp = try parse("{kind: mlp, dataset: digits, epochs: 7}")
        #expect(mlp.objective.kind == "mlp" && mlp.metric.name == "val_loss")
        #expect(mlp.objective.spec.defaultMaxResource == 7)

        let command = try parse("{kind: command, command: [python3, train.py, \"{lr}\"]}")
        #expect(command.objective.kind == "command" && command.metric.name == "loss")
        #expect(command.objective.spec.defaultMaxResource == nil)

        let external = try SweepConfig.parse(yaml: "parameters:\n  lr: {type: float, min: 0.001, max: 0.1}\nstorage: memory\n")
        #expect(external.objective == .external && external.isAskTellOnly && external.metric.name == "loss")
        #expect(command.objective != .external && command.objective != mlp.objective)
    }

    @Test func fingerprintsKeepTheirStoredForm() throws {
        // Stored sweeps compare these strings on resume: a kind must not change its fingerprint.
        let mlp = try parse("{kind: mlp, dataset: digits, epochs: 7}")
        #expect(ConfigFingerprint.describe(mlp.objective) == "mlp dataset digits epochs=7")
        let command = try parse("{kind: command, command: [python3, train.py, \"{lr}\"], env: {A: b}}")
        #expect(ConfigFingerprint.describe(command.objective) == "command [python3 train.py {lr}] env [A=b] workdir .")
        #expect(ConfigFingerprint.describe(.external) == "external (ask/tell)")
        #expect(mlp.objective.spec.summary == "mlp on digits")
    }

    @Test func anUnknownKindNamesTheNearestRegisteredOne() {
        do {
            _ = try parse("{kind: mpl, dataset: digits}")
            Issue.record("parsed an unknown kind")
        } catch {
            #expect("\(error)".contains("unknown objective kind 'mpl' (did you mean 'mlp'?); available: function, mlp, command"), "\(error)")
        }
    }

    @Test func aKindChecksItsMetric() {
        do {
            _ = try SweepConfig.parse(yaml: "metric: {name: loss}\nobjective: {kind: function, function: branin}\nstorage: memory\n")
            Issue.record("a function objective accepted metric 'loss'")
        } catch {
            #expect("\(error)".contains("a function objective reports 'value', not 'loss'"), "\(error)")
        }
    }

    @Test func methodsComeFromOneTable() throws {
        #expect(MethodRegistry.names == SearchMethod.all.map(\.name))
        #expect(MethodRegistry.multiFidelity == ["sha", "hyperband", "asha"])
        do {
            _ = try SweepConfig.parse(yaml: "method: {name: bayes, options: {ucb_bta: 2}}\nobjective: {kind: function, function: branin}\nstorage: memory\n")
            Issue.record("accepted an unknown GP option")
        } catch {
            #expect("\(error)".contains("did you mean 'ucb_beta'"), "\(error)")
        }
    }
}

/// Parsing never loads data: only `load(path:)` with `checkFiles` reads an `mlp` objective's CSV.
@Suite struct ObjectiveParsingReadsNoDataTests {
    @Test func aMissingCSVIsReportedOnlyWhenFilesAreChecked() throws {
        try withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("s.yaml")
            try """
                objective: {kind: mlp, dataset: \(dir.appendingPathComponent("gone.csv").path)}
                parameters:
                  lr: {type: float, min: 0.001, max: 0.1}
                storage: memory
                """.write(to: file, atomically: true, encoding: .utf8)
            #expect(throws: ConfigError.self) { try SweepConfig.load(path: file.path) }
            let spec = try SweepConfig.load(path: file.path, checkFiles: false)
            #expect(spec.objective.kind == "mlp")
        }
    }
}
