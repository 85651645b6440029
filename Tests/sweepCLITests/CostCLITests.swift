import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// The cost metrics of `mlp` trials through the CLI: `sweep trials` (table, json, csv), `sweep best`,
/// the report, and `cost:` validation with exit 2.
@Suite struct CostCLITests {
    static func config(cost: String) -> String {
        """
        name: c
        seed: 2
        method: random
        metric: {name: val_accuracy}
        objective: {kind: mlp, dataset: iris, epochs: 3, layers: 1, nodes: 8, batch_size: 16,
          cost: \(cost)}
        parameters:
          lr: {type: float, min: 1e-3, max: 1e-1, log: true}
        budget: {trials: 2}
        """
    }

    @Test func trialsBestAndReportShowTheCostMetrics() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.config(cost: "measured"), to: dir.appendingPathComponent("c.yaml"))
        let run = try CLI.run(["run", "c.yaml", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run)")
        let names = ["parameter_count", "flops_per_row", "model_bytes", "latency_us", "throughput_rows_s"]
        let table = try CLI.run(["trials", "c"], in: dir)
        #expect(table.status == 0, "\(table)")
        let header = table.stdout.split(separator: "\n").first.map(String.init) ?? ""
        for name in names { #expect(header.contains(name), "\(table.stdout)") }
        #expect(table.stdout.contains(" 67 ") && table.stdout.contains(" 112 ") && table.stdout.contains(" 268 "), "\(table.stdout)")

        let trials = try json(CLI.run(["trials", "c", "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 2)
        for t in trials {
            #expect(t["cost"]?["parameter_count"] == .number(67) && t["attributes"]?["cost.model_bytes"] == .number(268), "\(t)")
            #expect((t["cost"]?["latency_us"]?.number ?? 0) > 0, "\(t)")
        }
        let csv = try CLI.run(["trials", "c", "--format", "csv"], in: dir).stdout
        #expect(csv.split(separator: "\n").first?.hasSuffix(names.joined(separator: ",")) == true, "\(csv)")

        let best = try json(CLI.run(["best", "c", "--json"], in: dir).stdout)
        #expect(best["cost"]?["flops_per_row"] == .number(112) && best["cost"]?["throughput_rows_s"] != nil, "\(best)")
        let bestText = try CLI.run(["best", "c"], in: dir)
        #expect(bestText.stdout.contains("Cost: parameter_count 67, flops_per_row 112, model_bytes 268, latency_us "), "\(bestText)")

        let html = try String(contentsOf: dir.appendingPathComponent("sweeps/c.html"), encoding: .utf8)
        #expect(html.contains("<colgroup class=\"cost\" span=\"5\">"))
        // The trial log says what the timing cost.
        let log = try String(contentsOf: dir.appendingPathComponent("sweeps/c.files/logs/trial-0.log"), encoding: .utf8)
        #expect(log.split(separator: "\n").last?.contains(" cost latency_us=") == true && log.contains(" seconds="), "\(log)")
    }

    @Test func offShowsNoCostColumnsAndABadValueExits2() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.config(cost: "off"), to: dir.appendingPathComponent("c.yaml"))
        #expect(try CLI.run(["run", "c.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let table = try CLI.run(["trials", "c"], in: dir)
        #expect(table.status == 0 && !table.stdout.contains("parameter_count"), "\(table)")
        #expect(try json(CLI.run(["best", "c", "--json"], in: dir).stdout)["cost"] == nil)

        try write(Self.config(cost: "fast"), to: dir.appendingPathComponent("bad.yaml"))
        for args in [["validate", "bad.yaml"], ["run", "bad.yaml"]] {
            let r = try CLI.run(args, in: dir)
            #expect(r.status == 2, "\(args): \(r)")
            #expect(r.stderr.contains("bad.yaml:6") && r.stderr.contains("objective.cost")
                    && r.stderr.contains("cost must be one of exact, measured, off"), "\(args): \(r)")
        }
    }
}
