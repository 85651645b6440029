import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// Light sessions: ask, tell, status, trials and export never load an mlp sweep's dataset (they only record
/// and read numbers), so they keep answering when its CSV file is gone.
@Suite struct SessionLightCLITests {
    @Test func anMLPSweepWhoseCSVIsDeletedStillAnswersAskTellStatusTrialsAndExport() throws {
        let dir = try makeTemporaryDirectory()
        let csv = dir.appendingPathComponent("d.csv")
        var rows = "a,b,label\n"
        for i in 0..<20 { rows += "\(i % 5),\(i % 3),\(i % 2)\n" }
        try write(rows, to: csv)
        try write("""
            name: gone
            seed: 2
            metric: {name: val_accuracy}
            objective: {kind: mlp, dataset: d.csv, target: label, epochs: 2, nodes: 4}
            parameters:
              lr: {type: float, min: 1e-3, max: 1e-1, log: true}
            budget: {trials: 6}
            """, to: dir.appendingPathComponent("gone.yaml"))
        let first = try CLI.run(["ask", "gone.yaml", "--json"], in: dir)
        #expect(first.status == 0, "\(first)")
        try FileManager.default.removeItem(at: csv)

        #expect(try CLI.run(["tell", "gone", "0", "0.5"], in: dir).status == 0)
        for target in ["gone", "gone.yaml"] {
            let ask = try CLI.run(["ask", target, "--json"], in: dir)
            #expect(ask.status == 0, "\(target): \(ask)")
            let number = try #require(json(ask.stdout)["trial"].flatMap { if case let .number(n) = $0 { Int(n) } else { nil } })
            let step = try CLI.run(["tell", target, "\(number)", "--step", "1", "0.25"], in: dir)
            #expect(step.status == 0 && step.stdout == "continue\n", "\(target): \(step)")
            let tell = try CLI.run(["tell", target, "\(number)", "0.75", "--json"], in: dir)
            #expect(tell.status == 0, "\(target): \(tell)")
            let status = try CLI.run(["status", target, "--json"], in: dir)
            #expect(status.status == 0, "\(target): \(status)")
            #expect(try json(status.stdout)["budget"] == .number(6), "\(target): \(status)")
        }
        let trials = try CLI.run(["trials", "gone", "--format", "json"], in: dir)
        #expect(trials.status == 0, "\(trials)")
        #expect(try json(trials.stdout).items.map { $0["value"] } == [.number(0.5), .number(0.75), .number(0.75)])
        let export = try CLI.run(["export", "gone.yaml", "--format", "csv"], in: dir)
        #expect(export.status == 0 && export.stdout.split(separator: "\n").count == 4, "\(export)")
        #expect(export.stdout.hasPrefix("number,") && export.stdout.contains("param_lr"), "\(export)")

        // Running trials needs the data: `sweep resume` says which file is missing (exit 2), and the
        // trials stay as they were.
        let resume = try CLI.run(["resume", "gone"], in: dir)
        #expect(resume.status == 2 && resume.stderr.contains("d.csv"), "\(resume)")
        #expect(try CLI.run(["trials", "gone", "--format", "json"], in: dir).stdout == trials.stdout)
    }
}
