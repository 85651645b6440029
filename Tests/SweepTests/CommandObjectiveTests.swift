import Foundation
import Sweep
import SweepCore
import SweepStore
import SweepTestSupport
import Testing

/// Runs one trial of `command` through a real subprocess and returns the finished trial.
private func runCommand(_ args: [String], params: [Parameter] = [.float("lr", 1e-4, 1e-1, log: true)], metric: String = "loss",
                        timeout: Double? = nil, env: [String: String] = [:], pruner: any Pruner = NoPruner(),
                        resumeOnly: Bool = false, prepare: ((Study) throws -> Void)? = nil) throws -> (Trial, URL) {
    // resumeOnly: run just the trials `prepare` left waiting, no new one.
    let space = try SearchSpace(params)
    let dir = try makeTemporaryDirectory("sweep-cmd")
    let study = try Study.open(name: "c", storage: InMemoryStorage(), space: space, direction: .minimize, pruner: pruner, seed: 1)
    try prepare?(study)
    let objective = CommandObjective(
        spec: CommandObjectiveSpec(arguments: args, environment: env, timeout: timeout, workingDirectory: nil),
        metric: metric, logDirectory: dir.appendingPathComponent("logs"), checkpointRoot: dir.appendingPathComponent("ckpt"))
    let count = try study.trials().count + (resumeOnly ? 0 : 1)
    try study.optimize(OptimizeOptions(trials: count), objective: objective)
    return (try study.trials().last!, dir)
}

@Suite struct CommandObjectiveTests {
    /// Issue 18.7: commands inherited every descriptor Sweep had open without close-on-exec (another
    /// trial's pipes and log). Here the test itself holds such a pipe while the command counts its fds.
    @Test func trainingCommandsInheritSweepsFileDescriptors() throws {
        var leaky: [Int32] = [0, 0]
        #expect(pipe(&leaky) == 0)
        defer { close(leaky[0]); close(leaky[1]) }
        let script = #"n=0; for fd in $(seq 0 1023); do if [ -e /proc/$$/fd/$fd ]; then n=$((n+1)); echo "open fd $fd"; fi; done; echo "loss=$n""#
        let (trial, dir) = try runCommand(["sh", "-c", script])
        let log = (try? String(contentsOf: dir.appendingPathComponent("logs/trial-0.log"), encoding: .utf8)) ?? ""
        #expect(trial.state == .complete, "\(trial.failureReason ?? "")")
        #expect(trial.value == 3, "the command saw more than stdin, stdout and stderr: \(log)")
        // The process group is recorded with the trial.
        let group = try #require(trial.attributes["sweep.process_group"], "\(trial.attributes)")
        #expect(group.jsonText.contains("\"pgid\"") && group.jsonText.contains("\"start\""))
    }

    @Test func placeholdersEnvironmentAndFinalValue() throws {
        let script = """
            import os, sys
            lr = float(sys.argv[1])
            assert abs(lr - float(os.environ["SWEEP_PARAM_LR"])) == 0, "env and argv differ"
            print("starting trial", os.environ["SWEEP_TRIAL"], "ckpt", os.environ["SWEEP_CHECKPOINT_DIR"])
            print(f"loss={{lr * 2!r}} other=3")
            """
        let (trial, dir) = try runCommand(["python3", "-c", script, "{lr}", "{trial}"])
        #expect(trial.state == .complete, "\(trial.failureReason ?? "")")
        let lr = try #require(trial.params["lr"]?.doubleValue)
        #expect(trial.value == lr * 2)  // exact: repr round-trips
        let log = try String(contentsOf: dir.appendingPathComponent("logs/trial-0.log"), encoding: .utf8)
        #expect(log.contains("starting trial 0"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("ckpt/trial-0").path))
    }

    @Test func jsonLinesAndIntermediateValues() throws {
        let script = """
            import json
            for step in range(4):
                print(json.dumps({{"step": step, "loss": 1.0 / (step + 1)}}), flush=True)
            """
        let (trial, _) = try runCommand(["python3", "-c", script])
        #expect(trial.state == .complete)
        #expect(trial.intermediateValues == [0: 1, 1: 0.5, 2: 1.0 / 3, 3: 0.25])
        #expect(trial.value == 0.25)  // no final line: the last intermediate value
    }

    @Test func nonZeroExitFailsWithTheStderrTail() throws {
        let (trial, _) = try runCommand(["sh", "-c", "echo 'Traceback: CUDA out of memory' >&2; exit 3"])
        #expect(trial.state == .failed)
        #expect(trial.failureReason?.contains("exit status 3") == true)
        #expect(trial.failureReason?.contains("CUDA out of memory") == true)
    }

    /// Issue 18.4, command side: a command resumed from a checkpoint it had finished (Sweep killed after
    /// the command's checkpoint, before storing its report) prints nothing; the failure says why.
    @Test func aResumedCommandThatPrintsNothingSaysWhy() throws {
        let (trial, _) = try runCommand(["true"], resumeOnly: true) { study in
            let earlier = try #require(try study.ask())
            _ = try earlier.reportDecision(step: 3, value: 0.5)
            try study.storage.release(study: study.record.id, trial: earlier.number, worker: study.worker, attributes: [:])
        }
        #expect(trial.state == .failed)
        #expect(trial.failureReason?.contains("reported up to step 3") == true, "\(trial.failureReason ?? "")")
        #expect(trial.intermediateValues == [3: 0.5])
    }

    @Test func missingMetricMissingProgramAndSignalsFail() throws {
        let (a, _) = try runCommand(["sh", "-c", "echo accuracy=0.9"])
        #expect(a.state == .failed && a.failureReason?.contains("printed no 'loss=<number>' line") == true)
        let (b, _) = try runCommand(["/nonexistent/program"])
        #expect(b.state == .failed && b.failureReason?.contains("cannot start '/nonexistent/program'") == true)
        let (c, _) = try runCommand(["sh", "-c", "kill -9 $$"])
        #expect(c.state == .failed && c.failureReason?.contains("killed by signal 9") == true)
        let (d, _) = try runCommand(["sh", "-c", "echo loss=abc"])
        #expect(d.state == .failed && d.failureReason?.contains("'loss=abc' is not a number") == true)
    }

    @Test func timeoutKillsTheWholeProcessGroup() throws {
        let marker = try makeTemporaryDirectory().appendingPathComponent("grandchild-survived")
        let start = Date()
        let (trial, _) = try runCommand(["sh", "-c", "(sleep 3; touch \(marker.path)) & sleep 30"], timeout: 0.5)
        #expect(trial.state == .failed && trial.failureReason?.contains("timed out after 0.5 s") == true)
        #expect(Date().timeIntervalSince(start) < 10)
        Thread.sleep(forTimeInterval: 3.5)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "a grandchild outlived the timeout")
    }

    @Test func prunedCommandsAreStopped() throws {
        let script = """
            import time
            for step in range(1000):
                print(f"step={{step}} loss={{100 + step}}", flush=True)
                time.sleep(0.01)
            print("loss=1")
            """
        let (trial, _) = try runCommand(["python3", "-u", "-c", script], pruner: MedianPruner(warmupTrials: 1, warmupSteps: 0)) { study in
            // One finished trial with low intermediate values, so the median rule prunes the next one.
            try study.enqueue(["lr": 0.01])
            let t = try #require(try study.ask())
            for s in 0..<5 { try t.report(step: s, value: 1) }
            try study.tell(t, .value(1))
        }
        #expect(trial.state == .pruned)
        #expect(trial.intermediateValues.count < 50)
    }

    @Test func unknownPlaceholdersFailTheTrialWithTheirName() throws {
        let (trial, _) = try runCommand(["echo", "{nope}"])
        #expect(trial.state == .failed && trial.failureReason?.contains("{nope}") == true)
    }

    @Test func metricLinesParse() {
        func check(_ line: String, _ value: Double?, _ step: Int?, _ comment: Comment? = nil) {
            let p = CommandObjective.parseMetricLine(line, metric: "loss")
            #expect(p?.value == value && p?.step == step, comment)
        }
        check("loss=0.5", 0.5, nil)
        check("epoch=3 loss=0.25 acc=0.9", 0.25, 3)
        check("{\"loss\": 1e-3, \"step\": 7}", 0.001, 7)
        #expect(CommandObjective.parseMetricLine("val_loss=0.5", metric: "loss") == nil)
        #expect(CommandObjective.parseMetricLine("nothing here", metric: "loss") == nil)
    }
}
