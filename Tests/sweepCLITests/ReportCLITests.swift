import Foundation
import SweepCore
import SweepTestSupport
import Testing

@Suite struct ReportCLITests {
    static let config = """
        name: r
        method: random
        objective: {kind: function, function: branin}
        budget: {trials: 12}
        """

    @Test func runWritesTheReportAndPrintsItsPath() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.config, to: dir.appendingPathComponent("r.yaml"))
        let run = try CLI.run(["run", "r.yaml"], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasSuffix("Report: sweeps/r.html\n"), "\(run)")
        let html = try String(contentsOf: dir.appendingPathComponent("sweeps/r.html"), encoding: .utf8)
        #expect(html.contains("data-plot=\"history\"") && html.contains("Sweep report: r"))

        // --json carries the path; --no-report writes nothing.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sweeps/r.html"))
        let quiet = try CLI.run(["run", "r.yaml", "--json", "--no-report"], in: dir)
        #expect(quiet.status == 0, "\(quiet)")
        #expect(try json(quiet.stdout)["report"] == .null)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweeps/r.html").path))
        let withJSON = try CLI.run(["run", "r.yaml", "--json"], in: dir)
        #expect(try json(withJSON.stdout)["report"] == .string("sweeps/r.html"))
    }

    @Test func reportCommandWritesWhereAsked() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.config, to: dir.appendingPathComponent("r.yaml"))
        #expect(try CLI.run(["run", "r.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let byDefault = try CLI.run(["report", "r"], in: dir)
        #expect(byDefault.status == 0 && byDefault.stdout == "sweeps/r.html\n", "\(byDefault)")
        let custom = try CLI.run(["report", "sweeps/r.sqlite", "-o", "out/deeper/report.html"], in: dir)
        #expect(custom.status == 0 && custom.stdout == "out/deeper/report.html\n", "\(custom)")
        let html = try String(contentsOf: dir.appendingPathComponent("out/deeper/report.html"), encoding: .utf8)
        #expect(html.contains("Top 12 trials"))
        let missing = try CLI.run(["report", "nothere"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("nothere"), "\(missing)")
        if let ro = ReadOnlyDirectory.make() {
            let refused = try CLI.run(["report", "r", "-o", ro.url.appendingPathComponent("x.html").path], in: dir)
            #expect(refused.status == 2 && refused.stderr.contains("cannot write the report"), "\(refused)")
        }
    }

    @Test func exportWritesEveryFormat() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.config, to: dir.appendingPathComponent("r.yaml"))
        #expect(try CLI.run(["run", "r.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let stored = try json(CLI.run(["trials", "r", "--format", "json"], in: dir).stdout).items

        let csv = try CLI.run(["export", "r", "--format", "csv"], in: dir)
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "number,state,value,param_x0,param_x1,started_at,finished_at,duration_s,steps,failure_reason")
        #expect(lines.count == 13)
        // Exact values: the CSV value equals the stored JSON value bit for bit.
        for (line, t) in zip(lines.dropFirst(), stored) {
            #expect(t["value"] == .number(Double(line.split(separator: ",")[2])!))
        }

        let jsonl = try CLI.run(["export", "r", "--format", "jsonl"], in: dir)
        let objects = try jsonl.stdout.split(separator: "\n").map { try json(String($0)) }
        #expect(objects == stored)

        let file = try CLI.run(["export", "r", "--format", "json", "-o", "all.json"], in: dir)
        #expect(file.status == 0 && file.stdout.isEmpty)
        #expect(try json(String(contentsOf: dir.appendingPathComponent("all.json"), encoding: .utf8)).items == stored)

        let bad = try CLI.run(["export", "r", "--format", "xml"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("csv"), "\(bad)")
    }

    /// Renders real reports in headless Chromium (scripts/check-report) when chromium is installed.
    @Test(.enabled(if: BrowserCheck.isAvailable, "needs chromium (apt-get install chromium)"), .timeLimit(.minutes(5)))
    func reportsRenderInARealBrowser() throws {
        let out = try makeTemporaryDirectory("sweep-browser")
        let check = try BrowserCheck.run(["--out", out.path], environment: ["SWEEP_BIN": CLI.executable.path], logIn: out)
        #expect(check.status == 0, "\(check.log)")
        #expect(check.log.contains("Pareto front: "), "the two-metric sweep's front was not checked: \(check.log)")
        for name in ["branin-random", "curves", "pareto"] {
            let png = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("\(name).png").path)
            #expect((png[.size] as? Int ?? 0) > 50_000)
        }
    }
}
