import Foundation
import SweepCore
import SweepStore
import SweepTestSupport
import Testing
@testable import Sweep

/// Issue 18 items 1, 2, 6 and 8 at the config level: each refusal names file, line and key.
@Suite struct ConfigHardeningTests {
    static func refusal(_ yaml: String, file: String = "s.yaml") -> ConfigError? {
        do {
            _ = try SweepConfig.parse(yaml: yaml, file: file)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("not a ConfigError: \(error)")
            return nil
        }
    }

    @Test func passwordInStorageURLIsRemovedFromTheStoredSource() throws {
        for storage in ["postgresql://alice:s3cr%40t-pw@db.example:5432/hpo", "\"postgresql://alice:s3cr%40t-pw@db.example/hpo?sslmode=disable\"",
                        "'POSTGRESQL://alice:s3cr%40t-pw@db.example/hpo'"] {
            let yaml = "name: pw\nobjective: {kind: function, function: branin}\nstorage: \(storage)\nbudget: {trials: 3}\n"
            let config = try SweepConfig.parse(yaml: yaml)
            #expect(!config.source.contains("s3cr"), "\(config.source)")
            #expect(config.source.contains("alice:***@db.example"), "\(config.source)")
            #expect(config.storage?.contains("s3cr%40t-pw") == true)  // kept to connect
            // The stored source parses back to the same sweep (same fingerprint, the password ignored).
            let stored = try SweepConfig.parse(yaml: config.source)
            #expect(ConfigFingerprint.hash(stored) == ConfigFingerprint.hash(config))
            #expect(stored.budget == config.budget)
        }
        // Stored text that does not parse (shown as is in a report) is redacted line by line.
        #expect(ConfigRedaction.redactingURLPasswords(in: "a: 1\nstorage: \"postgresql://u:pw1@h/db\" # x\nb: postgres://v:pw2@h2 and sqlite:///p\n")
                == "a: 1\nstorage: \"postgresql://u:***@h/db\" # x\nb: postgres://v:***@h2 and sqlite:///p\n")
        // A password written with YAML escapes is rewritten as a whole.
        let escaped = try SweepConfig.parse(yaml: "name: pw\nobjective: {kind: function, function: branin}\nstorage: \"postgresql://alice:s3\\x63r@h/db\"\n")
        #expect(!escaped.source.contains("s3cr") && !escaped.source.contains("s3\\x63r"), "\(escaped.source)")
        #expect(try SweepConfig.parse(yaml: escaped.source).storage == "postgresql://alice:***@h/db")
    }

    @Test func overflowingIntRangesAreRefusedWithLineAndKey() {
        let cases: [(String, String)] = [
            ("x: {type: int, min: 0, max: 9223372036854775807}", "max 9223372036854775807 is outside"),
            ("x: {type: int, min: -4611686018427387904, max: 4611686018427387904}", "min -4611686018427387904 is outside"),
            ("x: {type: int, values: [9223372036854775807], step: 1}", "step 1 is too large"),
            ("x: {type: float, min: -1e308, max: 1e308}", "too wide"),
        ]
        for (param, fragment) in cases {
            let e = ConfigHardeningTests.refusal("name: o\nobjective: {kind: command, command: [\"true\"]}\nparameters:\n  \(param)\n")
            #expect(e?.description.contains(fragment) == true, "\(String(describing: e))")
            #expect(e?.line == 4 && e?.key.hasPrefix("parameters.x") == true, "\(String(describing: e))")
        }
        // Settings that size loops and arrays: a test function's dimension (ackley with 10^11 inputs
        // aborted allocating them) and steps (hyperband's plan overflowed on steps = Int.max).
        for (objective, key) in [("{kind: function, function: ackley, dimension: 100000000000}", "objective.dimension"),
                                 ("{kind: function, function: ackley99999999999999999999}", "objective.function"),
                                 ("{kind: function, function: branin, steps: 9223372036854775807}", "objective.steps")] {
            let e = ConfigHardeningTests.refusal("method: hyperband\nobjective: \(objective)\n")
            #expect(e?.key == key && e?.line == 2, "\(String(describing: e))")
        }
        let huge = ConfigHardeningTests.refusal("objective: {kind: function, function: branin}\nbudget: {time_limit: 1e300}\n")
        #expect(huge?.description.contains("at most 100 years") == true && huge?.key == "budget.time_limit", "\(String(describing: huge))")
    }

    @Test func unknownURLSchemesAreRefusedNotTurnedIntoPaths() throws {
        for storage in ["mysql://u@h/db", "redis://h", "file+x://p"] {
            let e = ConfigHardeningTests.refusal("objective: {kind: function, function: branin}\nstorage: \(storage)\n")
            #expect(e?.description.contains("unsupported scheme") == true, "\(String(describing: e))")
            #expect(e?.line == 2 && e?.key == "storage", "\(String(describing: e))")
        }
        #expect(try StorageLocation.parse("POSTGRESQL://u@h/db", sweepName: "s") == .postgres(url: "postgresql://u@h/db"))
        #expect(try StorageLocation.parse("Postgres://u@h/db", sweepName: "s") == .postgres(url: "postgresql://u@h/db"))
        #expect(try StorageLocation.parse("SQLite:///tmp/a.sqlite", sweepName: "s") == .sqlite(path: "/tmp/a.sqlite"))
        #expect(try StorageLocation.parse("sqlite:///abs/b.sqlite", sweepName: "s") == .sqlite(path: "/abs/b.sqlite"))
        #expect(try StorageLocation.parse("runs/c.sqlite", sweepName: "s") == .sqlite(path: "runs/c.sqlite"))
        #expect(try StorageLocation.parse(nil, sweepName: "s") == .sqlite(path: "sweeps/s.sqlite"))
        #expect(throws: StorageError.self) { try StorageLocation.parse("mysql://u:pw@h/db", sweepName: "s") }
        do {
            _ = try StorageLocation.parse("mysql://u:hunter2@h/db", sweepName: "s")
        } catch {
            #expect(!"\(error)".contains("hunter2"), "\(error)")
        }
    }

    @Test func validateRefusesWhatRunRefuses() throws {
        // Unknown dataset, at the dataset key.
        let unknown = ConfigHardeningTests.refusal("objective: {kind: mlp, dataset: mnist}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n")
        #expect(unknown?.key == "objective.dataset" && unknown?.line == 1, "\(String(describing: unknown))")
        // A metric the shipped dataset's task does not report.
        let metric = ConfigHardeningTests.refusal(
            "metric: {name: val_accuracy}\nobjective: {kind: mlp, dataset: diabetes}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n")
        #expect(metric?.key == "metric.name", "\(String(describing: metric))")
        // epochs 0 trains nothing.
        let epochs = ConfigHardeningTests.refusal("objective: {kind: mlp, dataset: iris, epochs: 0}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n")
        #expect(epochs?.key == "objective.epochs" && epochs?.description.contains("1...") == true, "\(String(describing: epochs))")
        // An unclosed brace in a command template, at the argument.
        let brace = ConfigHardeningTests.refusal("objective:\n  kind: command\n  command: [python3, t.py, --lr, \"{lr\"]\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n")
        #expect(brace?.line == 3 && brace?.key == "objective.command.[3]" && brace?.description.contains("unclosed '{'") == true,
                "\(String(describing: brace))")
        let envBrace = ConfigHardeningTests.refusal("objective:\n  kind: command\n  command: t.sh\n  env: {LR: \"{lr\"}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n")
        #expect(envBrace?.line == 4 && envBrace?.key == "objective.env.LR", "\(String(describing: envBrace))")
        // Names must start with a letter, digit or '_' (earlier sweeps named '_x' stay addressable).
        for name in ["-rf", ".hidden"] {
            let e = ConfigHardeningTests.refusal("name: \"\(name)\"\nobjective: {kind: function, function: branin}\n")
            #expect(e?.key == "name" && e?.description.contains("must start with a letter, digit or '_'") == true, "\(String(describing: e))")
        }
        #expect(ConfigHardeningTests.refusal("name: _x\nobjective: {kind: function, function: branin}\n") == nil)

        // CSV datasets: checked when a file is loaded (validate and run), not when a stored config is re-read.
        let dir = try makeTemporaryDirectory("config-hardening")
        let csv = dir.appendingPathComponent("d.csv")
        try "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n".write(to: csv, atomically: true, encoding: .utf8)
        func load(_ yaml: String) throws -> SweepConfig {
            let file = dir.appendingPathComponent("s.yaml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            return try SweepConfig.load(path: file.path)
        }
        let params = "parameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n"
        let missing = "objective: {kind: mlp, dataset: \(dir.path)/nope.csv}\n" + params
        #expect(throws: ConfigError.self) { try load(missing) }
        #expect(throws: Never.self) { try SweepConfig.parse(yaml: missing) }
        do { _ = try load(missing) } catch let e as ConfigError {
            #expect(e.key == "objective.dataset" && e.line == 1 && e.description.contains("does not exist"), "\(e)")
        }
        do { _ = try load("objective:\n  kind: mlp\n  dataset: \(csv.path)\n  target: labels\n" + params) } catch let e as ConfigError {
            #expect(e.key == "objective.target" && e.line == 4, "\(e)")
        }
        #expect(throws: Never.self) { try load("objective:\n  kind: mlp\n  dataset: \(csv.path)\n  target: label\n" + params) }

        // A directory given as the config.
        do {
            _ = try SweepConfig.load(path: dir.path)
            Issue.record("loaded a directory")
        } catch {
            #expect("\(error)".contains("is a directory") && !"\(error)".contains("NSCocoaErrorDomain"), "\(error)")
        }
    }
}

/// Issue 18 item 8: telling a trial number that cannot exist is a typed error, not a store accident.
@Suite struct TrialNumberTests {
    @Test func negativeOrUnknownTrialNumbersAreRefusedWithATypedError() throws {
        let space = try SearchSpace([.float("x", 0, 1)])
        let study = try Study.open(name: "t", storage: InMemoryStorage(), space: space, direction: .minimize, seed: 1)
        let trial = try #require(try study.ask())
        #expect(throws: StudyError.unknownTrial(-1)) { try study.tell(number: -1, .value(1.0)) }
        #expect(throws: StudyError.unknownTrial(-3)) { try study.report(number: -3, step: 1, value: 1.0) }
        #expect("\(StudyError.unknownTrial(-1))".contains("start at 0"))
        do {
            _ = try study.tell(number: 7, .value(1.0))
            Issue.record("told an unknown trial")
        } catch let error as StorageError {
            #expect(error == .trialNotFound(study: "t", number: 7), "\(error)")
        }
        #expect(try study.tell(number: trial.number, .value(0.5)).state == .complete)
    }
}
