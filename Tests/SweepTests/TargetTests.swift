import Foundation
import Sweep
import SweepCore
import SweepStore
import Synchronization
import Testing

/// Collects the reasons trials were handed back.
private final class Releases: OptimizeObserver {
    let reasons = Mutex<[String]>([])
    func trialReleased(_ trial: Trial, reason: String, worker: Int) { reasons.withLock { $0.append(reason) } }
}

private func session(_ yaml: String, storage: String = "memory") throws -> SweepSession {
    try SweepSession.open(config: try SweepConfig.parse(yaml: yaml + "\nstorage: \(storage)\n", file: "target.yaml"))
}

/// `budget.target`: the sweep stops as soon as a trial reports a value at least as good.
@Suite struct TargetTests {
    static let target = 1.0  // Branin's minimum is 0.397887; its fidelity-t version approaches it as t → 1.

    @Test func oneWorkerStopsAtTheFirstReportThatMeetsTheTarget() throws {
        let s = try session("""
            name: t1
            seed: 4
            method: {name: asha, options: {eta: 3, min_resource: 1}}
            objective: {kind: function, function: branin, steps: 27}
            budget: {trials: 200, target: \(TargetTests.target)}
            """)
        let summary = try s.run()
        #expect(summary.reason == .targetReached)
        let trials = try s.study.trials()
        #expect(trials.count < 200)
        // Exactly one report met the target: the reaching trial's last one, and it ended the trial.
        let meeting = trials.filter { $0.intermediateValues.values.contains { $0 <= TargetTests.target } }
        let reached = try #require(meeting.first)
        #expect(meeting.count == 1)
        let step = try #require(reached.attributes["sweep.target_reached_at"]?.int)
        #expect(reached.state == .complete)
        #expect(reached.intermediateValues.keys.max() == step)
        #expect(reached.value == reached.intermediateValues[step])
        #expect(step < 27)  // the target came before the trial's full budget: no further steps ran
        #expect(trials.allSatisfy { $0.state != .running })
        // The best trial is the one that met the target.
        #expect(try s.study.bestTrial()?.number == reached.number)
    }

    @Test func twoWorkersLeaveOtherTrialsResumableAndARerunWithoutTargetContinues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("t.db").path
        let base = """
            name: t2
            seed: 9
            method: {name: asha, options: {eta: 3, min_resource: 1}}
            objective: {kind: function, function: branin, steps: 27, step_time: 0.002}
            """
        let first = try session(base + "\nbudget: {trials: 60, workers: 2, target: \(TargetTests.target)}", storage: db)
        let releases = Releases()
        #expect(try first.run(events: releases).reason == .targetReached)
        let afterFirst = try first.study.trials()
        // Trials stopped because of the target say so (ASHA's rung pauses say "paused at step …").
        let waiting = afterFirst.filter { $0.state == .waiting && $0.attributes[SchedulerAttributes.paused] == nil }
        #expect(releases.reasons.withLock { $0.filter { $0 == "target reached" }.count } == waiting.count)
        #expect(afterFirst.contains { $0.state == .complete && ($0.value ?? .infinity) <= TargetTests.target })
        #expect(afterFirst.allSatisfy { $0.state != .running })
        // Met already: a second run starts nothing.
        let again = try session(base + "\nbudget: {trials: 60, workers: 2, target: \(TargetTests.target)}", storage: db)
        let second = try again.run()
        #expect(second.reason == .targetReached && second.started == 0)
        #expect(try again.study.trials() == afterFirst)
        // Without the target, the sweep carries on to its trial budget; nothing stored was lost.
        let on = try session(base + "\nbudget: {trials: 60, workers: 2}", storage: db)
        #expect(try on.run().reason == .budgetReached)
        let all = try on.study.trials()
        #expect(all.count == 60)
        #expect(all.allSatisfy { $0.state.isFinished })
        for old in afterFirst where old.state.isFinished {
            let now = all[old.number]
            #expect(now.state == old.state && now.value == old.value && now.intermediateValues == old.intermediateValues)
        }
    }

    @Test func aTargetMetThroughAnotherHandleOnTheStoreStopsARunningSweep() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Branin never goes below 0.3979, so only the outside tell can meet the target.
        let yaml = """
            name: t4
            objective: {kind: function, function: branin, steps: 2000, step_time: 0.005}
            budget: {trials: 50, target: 0.0}
            storage: \(dir.appendingPathComponent("t.db").path)
            """
        let config = try SweepConfig.parse(yaml: yaml, file: "t4.yaml")
        let worker = try SweepSession.open(config: config, lease: 0.4)  // heartbeats every 0.1 s
        let outside = try SweepSession.open(config: config)
        let summary = Mutex<Result<OptimizeSummary, any Error>?>(nil)
        let thread = Thread { let r = Result { try worker.run() }; summary.withLock { $0 = r } }
        thread.start()
        let deadline = Date().addingTimeInterval(30)
        while try outside.study.trials().first?.intermediateValues.isEmpty ?? true, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let told = try #require(try outside.study.askWithReason().trial)
        try outside.study.tell(told, .value(-1))
        while summary.withLock({ $0 == nil }), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let result = try #require(summary.withLock { $0 })
        #expect(try result.get().reason == .targetReached)
        let trials = try outside.study.trials()
        #expect(trials.count == 2)
        // The worker's trial stopped long before its 2,000 steps (10 s) and waits to resume.
        #expect(trials[0].state == .waiting)
        #expect((trials[0].intermediateValues.keys.max() ?? 0) < 2000)
    }

    @Test func aFinalValueMeetsTheTargetToo() throws {
        let s = try session("""
            name: t3
            seed: 2
            objective: {kind: function, function: branin}
            budget: {trials: 500, target: \(TargetTests.target)}
            """)
        #expect(try s.run().reason == .targetReached)
        let trials = try s.study.trials()
        #expect(trials.count < 500)
        // Random search with one worker: the last trial is the first to meet the target.
        #expect(trials.dropLast().allSatisfy { ($0.value ?? .infinity) > TargetTests.target })
        #expect((trials.last?.value ?? .infinity) <= TargetTests.target)
    }

    @Test func askStopsOnceACompleteTrialMeetsTheTarget() throws {
        let study = try Study.open(name: "ask", storage: InMemoryStorage(), space: try SearchSpace([.float("x", 0, 1)]),
                                   direction: .maximize, seed: 1)
        let limits = Study.AskLimits(target: 0.9)
        let a = try #require(try study.askWithReason(limits: limits).trial)
        try study.tell(a, .value(0.5))
        let b = try #require(try study.askWithReason(limits: limits).trial)
        try study.tell(b, .value(0.9))  // exactly the target counts
        let next = try study.askWithReason(limits: limits)
        #expect(next.trial == nil && next.stop == .targetReached)
        #expect(try study.askWithReason(limits: Study.AskLimits(target: 0.95)).trial != nil)
    }
}
