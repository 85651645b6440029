import Foundation
import SweepTestSupport
import Testing

/// `sweep export --mlflow`: URL and server errors always; the export itself against the real
/// `mlflow server` that scripts/test starts (`SWEEP_TEST_MLFLOW_URL`, via scripts/mlflow-test-server),
/// checked with MLflow's own Python client (scripts/mlflow-check.py).
@Suite(.serialized) struct MLflowCLITests {
    static var url: String? {
        let u = ProcessInfo.processInfo.environment["SWEEP_TEST_MLFLOW_URL"]
        return u?.isEmpty == false ? u : nil
    }

    /// The venv's python that has `mlflow` (scripts/mlflow-test-server installs it).
    static var python: String {
        ProcessInfo.processInfo.environment["SWEEP_TEST_MLFLOW_PYTHON"]
            ?? TestPaths.packageRoot.appendingPathComponent(".build/mlflow-venv/bin/python").path
    }

    static let functionSweep = """
        name: fn
        seed: 3
        method: {name: asha, options: {min_resource: 1, eta: 3}}
        objective: {kind: function, function: branin, steps: 9}
        budget: {trials: TRIALS, workers: 1}
        """

    static let mlpSweep = """
        name: nn
        seed: 1
        metric: {name: val_accuracy, goal: maximize}
        method: random
        objective: {kind: mlp, dataset: digits, epochs: 2, optimizer: adam}
        parameters:
          lr: {type: float, min: 1e-3, max: 1e-1, log: true}
          nodes: {type: int, min: 8, max: 32}
        budget: {trials: 2, workers: 1}
        """

    static let askTellSweep = """
        name: NAME
        seed: 1
        method: random
        parameters:
          lr: {type: float, min: 1e-4, max: 1e-1, log: true}
          act: {values: [relu, tanh]}
        objective: {kind: command, command: [\"true\"]}
        """

    @Test func badURLExits2AndDeadServerExits1WithoutShowingThePassword() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.functionSweep.replacingOccurrences(of: "TRIALS", with: "2"), to: dir.appendingPathComponent("fn.yaml"))
        #expect(try CLI.run(["run", "fn.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let before = try CLI.run(["export", "fn", "--format", "jsonl"], in: dir).stdout

        let bad = try CLI.run(["export", "fn", "--mlflow", "ftp://u:hunter2@host"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("invalid MLflow tracking URL") && !bad.stderr.contains("hunter2"), "\(bad)")
        let mixed = try CLI.run(["export", "fn", "--mlflow", "http://h", "--format", "csv"], in: dir)
        #expect(mixed.status != 0 && mixed.stderr.contains("--mlflow"), "\(mixed)")

        let port = closedLocalPort()
        let dead = try CLI.run(["export", "fn", "--mlflow", "http://u:hunter2@127.0.0.1:\(port)"], in: dir)
        #expect(dead.status == 1 && dead.stderr.contains("cannot reach the MLflow server at http://u:***@127.0.0.1:\(port)/api/2.0/mlflow/"), "\(dead)")
        #expect(!dead.stderr.contains("hunter2"))
        #expect(try CLI.run(["export", "fn", "--format", "jsonl"], in: dir).stdout == before)  // stored trials untouched
    }

    @Test(.enabled(if: MLflowCLITests.url != nil, "needs the MLflow server scripts/test starts (SWEEP_TEST_MLFLOW_URL)"),
          .timeLimit(.minutes(10)))
    func exportTwiceGivesOneRunPerTrialCheckedByMLflowsClient() throws {
        let url = try #require(Self.url)
        let dir = try makeTemporaryDirectory()
        let tag = UUID().uuidString.prefix(8)
        // Function sweep with steps: export, add trials, export twice more (new runs added, none duplicated).
        try write(Self.functionSweep.replacingOccurrences(of: "TRIALS", with: "5"), to: dir.appendingPathComponent("fn.yaml"))
        #expect(try CLI.run(["run", "fn.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let first = try CLI.run(["export", "fn", "--mlflow", url, "--experiment", "fn-\(tag)"], in: dir)
        #expect(first.status == 0 && first.stdout.contains("5 new runs"), "\(first)")
        try write(Self.functionSweep.replacingOccurrences(of: "TRIALS", with: "9"), to: dir.appendingPathComponent("fn.yaml"))
        #expect(try CLI.run(["run", "fn.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let second = try CLI.run(["export", "fn", "--mlflow", url, "--experiment", "fn-\(tag)"], in: dir)
        #expect(second.status == 0 && second.stdout.contains("4 new runs, 5 updated"), "\(second)")
        let third = try CLI.run(["export", "fn", "--mlflow", url, "--experiment", "fn-\(tag)"], in: dir)
        #expect(third.status == 0 && third.stdout.contains("0 new runs, 9 updated; 0 metric points, 0 params logged"), "\(third)")
        try check(url: url, experiment: "fn-\(tag)", sweep: "fn", metric: "value", method: "asha", in: dir)

        // Tiny mlp sweep: the best checkpoint becomes the best run's artifact. Default experiment: the
        // sweep's name (made unique per test run through the sweep name).
        let nn = "nn-\(tag)"
        try write(Self.mlpSweep.replacingOccurrences(of: "name: nn", with: "name: \(nn)"), to: dir.appendingPathComponent("nn.yaml"))
        #expect(try CLI.run(["run", "nn.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        for _ in 0..<2 {
            let r = try CLI.run(["export", nn, "--mlflow", url], in: dir)
            #expect(r.status == 0 && r.stdout.contains("best model uploaded"), "\(r)")
        }
        #expect(try CLI.run(["best", nn, "--save-model", "best.ckpt"], in: dir).status == 0)
        try check(url: url, experiment: nn, sweep: nn, metric: "val_accuracy", method: "random", in: dir, model: "best.ckpt")

        // Ask/tell: a failed trial (its reason as a tag) and intermediate values; exporting again must not
        // log them again. (`sweep tell` refuses infinite values; MLflowExportTests covers MLflow storing
        // infinity as the largest double.)
        let at = "at-\(tag)"
        try write(Self.askTellSweep.replacingOccurrences(of: "NAME", with: at), to: dir.appendingPathComponent("at.yaml"))
        for args in [["ask", "at.yaml"], ["tell", at, "0", "--failed", "diverged: loss, then \"NaN\""], ["ask", at],
                     ["tell", at, "1", "0.5", "--step", "1"], ["tell", at, "1", "0.75", "--step", "2"], ["tell", at, "1", "0.25"]] {
            let r = try CLI.run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r)")
        }
        #expect(try CLI.run(["export", at, "--mlflow", url], in: dir).stdout.contains("2 new runs, 0 updated; 3 metric points"))
        let again = try CLI.run(["export", at, "--mlflow", url], in: dir)
        #expect(again.stdout.contains("0 new runs, 2 updated; 0 metric points"), "\(again)")
        try check(url: url, experiment: at, sweep: at, metric: "loss", method: "random", in: dir)

        // The checker itself fails on a wrong expectation (here: the method).
        let wrong = try runCheck(url: url, experiment: nn, sweep: nn, metric: "val_accuracy", method: "bayes", in: dir)
        #expect(wrong.status == 1 && wrong.output.contains("sweep.method"), "\(wrong.output)")
    }

    private func check(url: String, experiment: String, sweep: String, metric: String, method: String, in dir: URL,
                       model: String? = nil) throws {
        let r = try runCheck(url: url, experiment: experiment, sweep: sweep, metric: metric, method: method, in: dir, model: model)
        #expect(r.status == 0 && r.output.contains("OK"), "\(r.output)")
    }

    private func runCheck(url: String, experiment: String, sweep: String, metric: String, method: String, in dir: URL,
                          model: String? = nil) throws -> (status: Int32, output: String) {
        let export = try CLI.run(["export", sweep, "--format", "jsonl", "-o", "\(sweep).jsonl"], in: dir)
        #expect(export.status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.python)
        p.arguments = [TestPaths.packageRoot.appendingPathComponent("scripts/mlflow-check.py").path, url, experiment, sweep,
                       metric, method, dir.appendingPathComponent("\(sweep).jsonl").path] + (model.map { [dir.appendingPathComponent($0).path] } ?? [])
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()  // before waiting: never blocks on a full pipe
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

