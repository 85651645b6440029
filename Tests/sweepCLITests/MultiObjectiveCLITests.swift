import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// An ask/tell sweep with two metrics and a constraint on a metric that is not an objective.
private let moYAML = multiObjectiveAskTellYAML(name: "mo", trials: 10)

@Suite struct MultiObjectiveCLITests {
    @Test func tellTakesOneValuePerMetricAndNamedConstraintMetrics() throws {
        let dir = try makeTemporaryDirectory()
        try write(moYAML, to: dir.appendingPathComponent("mo.yaml"))
        #expect(try CLI.run(["ask", "mo.yaml"], in: dir).status == 0)
        let told = try CLI.run(["tell", "mo", "0", "0.97", "-12.5e-1", "--metric", "size=3"], in: dir)
        #expect(told.status == 0 && told.stdout.contains("values=0.97,-1.25"), "\(told)")
        let t = try json(CLI.run(["trials", "mo", "--format", "json"], in: dir).stdout).items[0]
        #expect(t["values"] == .array([.number(0.97), .number(-1.25)]))
        #expect(t["attributes"]?["constraints"] == .array([.number(-51.25), .number(-7)]))
        let table = try CLI.run(["trials", "mo"], in: dir).stdout
        #expect(table.contains("acc") && table.contains("latency_us") && table.contains("feasible"), "\(table)")
        let csv = try CLI.run(["export", "mo", "--format", "csv"], in: dir).stdout
        #expect(csv.hasPrefix("number,state,value,value_acc,value_latency_us,feasible,param_x"), "\(csv)")
        #expect(csv.contains(",0.97,0.97,-1.25,true,"), "\(csv)")
        let status = try CLI.run(["status", "mo"], in: dir)
        #expect(status.stdout.contains("front:  1 feasible trial") && status.stdout.contains("#0 acc=0.97"), "\(status)")
    }

    /// Issue 16 acceptance: a tell with the wrong number of values, or without a constraint's metric,
    /// exits 2 naming what is wrong, and nothing is stored.
    @Test func badTellsExit2AndStoreNothing() throws {
        let dir = try makeTemporaryDirectory()
        try write(moYAML, to: dir.appendingPathComponent("mo.yaml"))
        #expect(try CLI.run(["ask", "mo.yaml"], in: dir).status == 0)
        let before = try CLI.run(["trials", "mo", "--format", "json"], in: dir).stdout
        let cases: [([String], String)] = [
            (["tell", "mo", "0", "0.9", "--metric", "size=1"], "the sweep has 2 metrics (acc, latency_us) but the tell gave 1 value"),
            (["tell", "mo", "0", "0.9", "1", "2", "--metric", "size=1"], "but the tell gave 3 values"),
            (["tell", "mo", "0", "0.9", "1"], "no value for metric 'size' of constraint 'size <= 10'"),
            (["tell", "mo", "0", "0.9", "1", "--metric", "size=nan"], "--metric size: VALUE must be finite"),
            (["tell", "mo", "0", "0.9", "1", "--metric", "size"], "--metric expects NAME=VALUE"),
            (["tell", "mo", "0", "--step", "1", "0.9", "1"], "--step takes one VALUE"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args, in: dir)
            #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r)")
        }
        #expect(try CLI.run(["trials", "mo", "--format", "json"], in: dir).stdout == before)
    }

    /// Issue 16 acceptance: bad configs exit 2 with the file, line and key; no store is created.
    @Test func badConfigsExit2WithTheKeyAndLineAndCreateNoStore() throws {
        let dir = try makeTemporaryDirectory()
        let cases: [(String, String)] = [
            (moYAML.replacingOccurrences(of: "\"size <= 10\"", with: "\"size <= big\""), "bad.yaml:5: constraints.[1]: constraint 'size <= big': 'big' is not a number"),
            (moYAML.replacingOccurrences(of: ", goal: minimize}", with: "}"), "bad.yaml:4: metrics.[1]: metric 'latency_us' needs 'goal'"),
            (moYAML.replacingOccurrences(of: "\"size <= 10\"", with: "\"x <= 1\""), "bad.yaml:5: constraints.[1]: constraint 'x <= 1': 'x' is a search parameter"),
            (moYAML.replacingOccurrences(of: "method: nsga2", with: "method: tpe"), "bad.yaml:6: method: method 'tpe' cannot optimise several metrics"),
            ("""
             name: bad
             metrics:
               - {name: val_accuracy, goal: maximize}
             constraints: ["latency <= 5"]
             objective: {kind: mlp, dataset: digits}
             parameters: {lr: {type: float, min: 0.001, max: 0.1, log: true}}
             """, "bad.yaml:4: constraints.[0]: constraint 'latency <= 5': unknown metric 'latency'"),
        ]
        for (yaml, message) in cases {
            try write(yaml.replacingOccurrences(of: "name: mo", with: "name: bad"), to: dir.appendingPathComponent("bad.yaml"))
            for command in [["validate", "bad.yaml"], ["ask", "bad.yaml"]] {
                let r = try CLI.run(command, in: dir)
                #expect(r.status == 2 && r.stderr.contains(message), "\(command): \(r)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweeps/bad.sqlite").path))
        }
    }
}
