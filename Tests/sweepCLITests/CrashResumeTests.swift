import Foundation
import SweepCore
import SweepMath
import SweepTestSupport
import Testing

/// A sweep whose trials are real subprocesses taking ~0.3 s, so kills land mid-trial.
private func crashConfig(workers: Int, method: String = "random", record: String? = nil) -> String {
    let recordLine = record.map { "open('\($0)', 'a').write(sys.argv[3] + '\\\\n'); " } ?? ""
    return """
        name: crash
        seed: 3
        metric: {name: loss, goal: minimize}
        method: \(method)
        objective:
          kind: command
          command: [python3, -c, "import sys, time; \(recordLine)time.sleep(0.25); x = float(sys.argv[1]); y = float(sys.argv[2]); print('loss=%r' % ((x - 0.3) ** 2 + abs(y)))", "{x}", "{y}", "{trial}"]
        parameters:
          x: {type: float, min: -1, max: 1}
          y: {type: float, min: -1, max: 1}
        budget: {trials: 30, workers: \(workers)}
        """
}

/// number → exact JSON of (params, value) of every complete trial.
private func completed(in dir: URL) throws -> [Int: String] {
    let r = try CLI.run(["trials", "crash", "--format", "json"], in: dir)
    guard r.status == 0 else { return [:] }  // killed before the sweep was created
    var out: [Int: String] = [:]
    for t in try json(r.stdout).items where t["state"] == .string("complete") {
        out[t["number"]!.int!] = AttributeValue.array([t["params"]!, t["value"]!]).jsonText
    }
    return out
}

/// Starts `sweep run c.yaml` in `dir` and SIGKILLs it at a random point, up to `maxKills` times (or until a
/// run finishes before its kill). Each run is killed only after it started a new trial (a new per-trial
/// log file appeared, so the trial it resumed has finished) plus a random delay: under load a run could
/// otherwise be killed before making progress, over and over, until its trial exhausts its retries.
/// After every kill, checks that no complete trial vanished or changed. Returns the number of kills.
private func killRepeatedly(in dir: URL, seed: UInt64, maxKills: Int, delay: ClosedRange<Double>) throws -> Int {
    var rng = Xoshiro256StarStar(seed: seed)
    var seen: [Int: String] = [:]
    var kills = 0
    let logs = dir.appendingPathComponent("sweeps/crash.files/logs").path
    func logCount() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: logs).count) ?? 0 }
    while kills < maxKills {
        let before = logCount()
        let run = try CLI.start(["run", "c.yaml", "--quiet"], in: dir)
        let deadline = Date().addingTimeInterval(60)
        while run.process.isRunning && logCount() <= before + (before == 0 ? 1 : 0) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: rng.nextUniform(delay.lowerBound, delay.upperBound))
        if !run.process.isRunning { _ = run.wait(); break }  // finished before the kill
        run.signal(SIGKILL)
        _ = run.wait()
        kills += 1
        let now = try completed(in: dir)
        for (n, v) in seen { #expect(now[n] == v, "trial \(n) changed or vanished after kill \(kills)") }
        seen = now
    }
    return kills
}

@Suite(.serialized) struct CrashResumeTests {
    @Test func killedAndResumedSweepEqualsAnUninterruptedOneBitForBit() throws {
        let reference = try makeTemporaryDirectory("crash-ref")
        try write(crashConfig(workers: 1), to: reference.appendingPathComponent("c.yaml"))
        let full = try CLI.run(["run", "c.yaml", "--quiet"], in: reference)
        #expect(full.status == 0, "\(full)")
        let expected = try completed(in: reference)
        #expect(expected.count == 30)

        let dir = try makeTemporaryDirectory("crash")
        try write(crashConfig(workers: 1), to: dir.appendingPathComponent("c.yaml"))
        let kills = try killRepeatedly(in: dir, seed: 2026, maxKills: 12, delay: 0.0...0.5)
        #expect(kills >= 10, "only \(kills) kills landed")
        let finish = try CLI.run(["run", "c.yaml", "--quiet"], in: dir)
        #expect(finish.status == 0, "\(finish)")
        let final = try completed(in: dir)
        #expect(final.count == 30)
        #expect(final == expected, "history differs from the uninterrupted run")
    }

    @Test func killedSweepWithTwoWorkersLosesAndDuplicatesNothing() throws {
        let dir = try makeTemporaryDirectory("crash2")
        try write(crashConfig(workers: 2), to: dir.appendingPathComponent("c.yaml"))
        let kills = try killRepeatedly(in: dir, seed: 7, maxKills: 8, delay: 0.0...0.5)
        #expect(kills >= 5)
        #expect(try CLI.run(["run", "c.yaml", "--quiet"], in: dir).status == 0)
        let trials = try json(CLI.run(["trials", "crash", "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 30)
        #expect(trials.map { $0["number"]!.int! } == Array(0..<30))
        #expect(trials.allSatisfy { $0["state"] == .string("complete") })
    }

    @Test func killedASHASweepResumesItsRungsWithoutRetraining() throws {
        // Built-in MLP trials (digits, 1 to 9 epochs, a checkpoint and a log line per epoch) under ASHA.
        let dir = try makeTemporaryDirectory("crash-asha")
        try write("""
            name: crash
            seed: 4
            metric: {name: val_accuracy, goal: maximize}
            method: {name: asha, options: {min_resource: 1, max_resource: 9, eta: 3}}
            objective: {kind: mlp, dataset: digits, epochs: 9, layers: 1, nodes: 16, batch_size: 64}
            parameters:
              lr: {type: float, min: 1e-3, max: 1e-1, log: true}
            budget: {trials: 24, workers: 1}
            """, to: dir.appendingPathComponent("c.yaml"))
        let kills = try killRepeatedly(in: dir, seed: 11, maxKills: 5, delay: 0.0...0.6)
        #expect(kills >= 3, "only \(kills) kills landed")
        let finish = try CLI.run(["run", "c.yaml", "--quiet", "--no-report"], in: dir)
        #expect(finish.status == 0, "\(finish)")
        let trials = try json(CLI.run(["trials", "crash", "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 24)
        var redone = 0, promoted = 0
        for t in trials {
            let number = t["number"]!.int!
            #expect(t["state"] == .string("complete") || t["state"] == .string("pruned"), "\(t)")
            guard case let .object(values)? = t["intermediate_values"] else { Issue.record("\(t)"); continue }
            let reached = values.keys.compactMap { Int($0) }.max() ?? 0
            #expect([1, 3, 9].contains(reached), "trial \(number) stopped at epoch \(reached)")
            if reached > 1 { promoted += 1 }
            // Every epoch up to the rung it reached was trained, and (but for an epoch cut short by a
            // kill before its checkpoint) only once: promotions continued from the checkpoint.
            let log = try String(contentsOf: dir.appendingPathComponent("sweeps/crash.files/logs/trial-\(number).log"), encoding: .utf8)
            let epochs = log.split(separator: "\n").compactMap { line -> Int? in
                guard let r = line.range(of: " epoch=") else { return nil }
                return Int(line[r.upperBound...].prefix { $0.isNumber })
            }
            #expect(Set(epochs) == Set(1...reached), "trial \(number): \(epochs)")
            redone += epochs.count - reached
        }
        #expect(promoted >= 3)
        #expect(redone <= kills, "\(redone) epochs trained twice after \(kills) kills")
    }

    @Test func twoProcessesShareOneSQLiteSweep() throws {
        let dir = try makeTemporaryDirectory("coop")
        let record = dir.appendingPathComponent("runs.txt").path
        try write(crashConfig(workers: 2, record: record).replacingOccurrences(of: "trials: 30", with: "trials: 40"),
                  to: dir.appendingPathComponent("c.yaml"))
        let a = try CLI.start(["run", "c.yaml", "--quiet"], in: dir)
        let b = try CLI.start(["run", "c.yaml", "--quiet"], in: dir)
        let ra = a.wait(), rb = b.wait()
        #expect(ra.status == 0, "\(ra)")
        #expect(rb.status == 0, "\(rb)")
        #expect(!(ra.stderr + rb.stderr).contains("locked"))
        let runs = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map { Int($0)! }
        #expect(runs.sorted() == Array(0..<40), "each trial must run exactly once")
        let trials = try json(CLI.run(["trials", "crash", "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 40 && trials.allSatisfy { $0["state"] == .string("complete") })
    }

    @Test func ctrlCRequeuesRunningTrialsAndExits130() throws {
        let dir = try makeTemporaryDirectory("sigint")
        try write("""
            name: slow
            metric: {name: loss}
            objective: {kind: command, command: [python3, -c, "import time; time.sleep(2); print('loss=1')"]}
            parameters:
              x: {type: float, min: 0, max: 1}
            budget: {trials: 2}
            """, to: dir.appendingPathComponent("s.yaml"))
        let run = try CLI.start(["run", "s.yaml"], in: dir)
        Thread.sleep(forTimeInterval: 1.0)
        let t0 = Date()
        run.signal(SIGINT)
        let r = run.wait(timeout: 30)
        #expect(r.status == 130, "\(r)")
        #expect(Date().timeIntervalSince(t0) < 10)
        let trials = try json(CLI.run(["trials", "slow", "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 1 && trials[0]["state"] == .string("waiting"))
        let again = try CLI.run(["run", "s.yaml", "--quiet"], in: dir)
        #expect(again.status == 0)
        let done = try json(CLI.run(["trials", "slow", "--format", "json"], in: dir).stdout).items
        #expect(done.count == 2 && done.allSatisfy { $0["state"] == .string("complete") })
        #expect(done[0]["params"] == trials[0]["params"])
    }
}
