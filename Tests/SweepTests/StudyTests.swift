import Foundation
import Sweep
import SweepCore
import SweepStore
import SweepTestSupport
import Synchronization
import Testing

private let space = try! SearchSpace([
    .float("lr", 1e-4, 1e-1, log: true),
    .int("layers", 1, 4),
    .categorical("activation", ["relu", "tanh"]),
])

private func memoryStudy(_ name: String = "s", sampler: any Sampler = RandomSampler(), pruner: any Pruner = NoPruner(),
                         storage: (any StudyStorage)? = nil, direction: Direction = .minimize) throws -> Study {
    try Study.open(name: name, storage: storage ?? InMemoryStorage(), space: space, direction: direction,
                   sampler: sampler, pruner: pruner, seed: 11)
}

@Suite struct StudyTests {
    @Test func askTellRoundTripWithTypedAccessors() throws {
        let study = try memoryStudy()
        let trial = try #require(try study.ask())
        #expect(trial.number == 0)
        let lr = try trial.float("lr"), layers = try trial.int("layers"), act = try trial.string("activation")
        #expect(lr >= 1e-4 && lr <= 1e-1 && (1...4).contains(layers) && ["relu", "tanh"].contains(act))
        #expect(throws: StudyError.self) { try trial.int("lr") }
        #expect(throws: StudyError.missingParameter(trial: 0, name: "nodes", available: ["activation", "layers", "lr"])) {
            try trial.float("nodes")
        }
        let done = try study.tell(trial, .value(0.5))
        #expect(done.state == .complete && done.value == 0.5)
        #expect(try study.bestTrial()?.number == 0)
        // NaN is a failure, not a value.
        let t2 = try #require(try study.ask())
        #expect(try study.tell(t2, .value(.nan)).state == .failed)
    }

    @Test func defineByRunSuggestionsAreStoredAndReproducible() throws {
        let study = try Study.open(name: "dbr", storage: InMemoryStorage(), space: nil, direction: .minimize, seed: 5)
        let t = try #require(try study.ask())
        let x = try t.suggestFloat("x", -1, 1)
        #expect(try t.suggestFloat("x", -1, 1) == x)  // asking again returns the stored value
        let n = try t.suggestInt("n", 1, 100, log: true)
        let c = try t.suggestCategorical("c", ["a", "b", "c"])
        #expect(try study.trials()[0].params == ["x": .float(x), "n": .int(n), "c": c])
        #expect(throws: StudyError.self) { try t.suggestFloat("x", 5, 6) }  // conflicts with the stored value
        // Same seed, same trial number → same values in another study.
        let other = try Study.open(name: "dbr", storage: InMemoryStorage(), space: nil, direction: .minimize, seed: 5)
        #expect(try other.ask()!.suggestFloat("x", -1, 1) == x)
    }

    @Test func enqueuedTrialsRunFirstAndAreValidated() throws {
        let study = try memoryStudy()
        try study.enqueue(["lr": 0.01, "layers": 2, "activation": "tanh"])
        #expect(throws: StudyError.self) { try study.enqueue(["lr": 5.0, "layers": 2, "activation": "tanh"]) }
        #expect(throws: StudyError.self) { try study.enqueue(["lr": 0.01, "layers": 2]) }
        let t = try #require(try study.ask())
        #expect(t.params == ["lr": 0.01, "layers": 2, "activation": "tanh"])
    }

    @Test func optimizeSurvivesThrowingObjectivesAndCountsFailures() throws {
        let study = try memoryStudy()
        struct Boom: Error, CustomStringConvertible { var description: String { "boom in the objective" } }
        let summary = try study.optimize(trials: 12) { trial in
            if trial.number % 3 == 0 { throw Boom() }
            return try trial.float("lr")
        }
        #expect(summary.reason == .budgetReached)
        let trials = try study.trials()
        #expect(trials.count == 12)
        #expect(trials.filter { $0.state == .failed }.count == 4)
        #expect(trials.first { $0.state == .failed }?.failureReason == "boom in the objective")
        #expect(trials.filter { $0.state == .complete }.count == 8)
    }

    @Test func maxFailedStopsTheRun() throws {
        let study = try memoryStudy()
        let summary = try study.optimize(trials: 50, maxFailed: 3) { _ in throw CancellationError() }
        #expect(summary.reason == .tooManyFailures)
        #expect(try study.trials().count == 3)
    }

    @Test func parallelWorkersRunEveryTrialOnce() throws {
        let study = try memoryStudy()
        let seen = Mutex<[Int]>([])
        let threads = Mutex<Set<UInt>>([])
        try study.optimize(trials: 40, workers: 4) { trial in
            seen.withLock { $0.append(trial.number) }
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            Thread.sleep(forTimeInterval: 0.002)
            return Double(trial.number)
        }
        #expect(seen.withLock { $0 }.sorted() == Array(0..<40))
        #expect(threads.withLock { $0 }.count > 1)
        #expect(try study.trials().allSatisfy { $0.state == .complete })
    }

    @Test func sameSeedSameTrials() throws {
        func run() throws -> [[String: ParameterValue]] {
            let study = try memoryStudy()
            try study.optimize(trials: 15) { try $0.float("lr") }
            return try study.trials().map(\.params)
        }
        #expect(try run() == run())
    }

    @Test func medianPrunerStopsBadTrials() throws {
        let study = try memoryStudy(pruner: MedianPruner(warmupTrials: 3, warmupSteps: 1))
        try study.optimize(trials: 12) { trial in
            // Trials 0-2 are good; afterwards even-numbered trials are much worse.
            let bad = trial.number >= 3 && trial.number % 2 == 0
            for step in 0..<5 { try trial.report(step: step, value: bad ? 10 + Double(step) : 1 / Double(step + 1)) }
            return bad ? 14 : 0.2
        }
        let trials = try study.trials()
        let pruned = trials.filter { $0.state == .pruned }
        #expect(!pruned.isEmpty)
        #expect(pruned.allSatisfy { $0.number >= 3 && $0.number % 2 == 0 })
        // Pruned at step 1 (first step after warm-up), keeping the last reported value.
        #expect(pruned.allSatisfy { $0.intermediateValues.keys.max() == 1 && $0.value == 11 })
    }

    @Test func interruptedTrialsResumeFromTheirCheckpoint() throws {
        let storage = InMemoryStorage()
        let stop = StopFlag()
        let epochsRun = Mutex<[Int: [Int]]>([:])
        let objective: @Sendable (RunningTrial) throws -> Double = { trial in
            var start = 0
            if let ckpt = try trial.loadCheckpoint() { start = Int(ckpt.data[0]) + 1 }
            for epoch in start..<6 {
                if trial.isStopRequested { throw TrialInterrupted() }
                epochsRun.withLock { $0[trial.number, default: []].append(epoch) }
                try trial.report(step: epoch, value: Double(epoch))
                try trial.saveCheckpoint(step: epoch, data: Data([UInt8(epoch)]))
                if trial.number == 1 && epoch == 2 && !stop.isSet { stop.set() }  // Ctrl-C during trial 1
            }
            return 1
        }
        let first = try memoryStudy(storage: storage)
        let s1 = try first.optimize(OptimizeOptions(trials: 3), stop: stop, objective: ClosureObjective(objective))
        #expect(s1.reason == .interrupted && s1.released == 1)
        #expect(try first.trials().map(\.state) == [.complete, .waiting])
        // Next run: trial 1 continues at epoch 3, then trial 2 runs.
        let second = try memoryStudy(storage: storage)
        let s2 = try second.optimize(OptimizeOptions(trials: 3), objective: ClosureObjective(objective))
        #expect(s2.reason == .budgetReached)
        #expect(try second.trials().map(\.state) == [.complete, .complete, .complete])
        #expect(epochsRun.withLock { $0[1] } == [0, 1, 2, 3, 4, 5])
    }

    @Test func timeLimitStopsTheRun() throws {
        let study = try memoryStudy()
        let summary = try study.optimize(trials: nil, timeLimit: 0.3) { trial in
            Thread.sleep(forTimeInterval: 0.02)
            return 1
        }
        #expect(summary.reason == .timeLimit)
        #expect(summary.elapsed < 5)
        #expect(try study.trials().count > 2)
    }

    @Test func gridStudiesStopWhenExhausted() throws {
        let grid = try SearchSpace([.int("a", 1, 3), .categorical("b", ["x", "y"])])
        let study = try Study.open(name: "g", storage: InMemoryStorage(), space: grid, direction: .minimize, sampler: GridSampler())
        let summary = try study.optimize(trials: nil, workers: 2) { _ in 0 }
        #expect(summary.reason == .searchSpaceExhausted)
        #expect(Set(try study.trials().map(\.params)).count == 6)
    }

    @Test func reopeningWithADifferentConfigIsRefused() throws {
        let storage = InMemoryStorage()
        _ = try Study.open(name: "x", storage: storage, space: space, direction: .minimize, configSource: "a", configHash: "1")
        #expect(throws: StudyError.self) {
            _ = try Study.open(name: "x", storage: storage, space: space, direction: .minimize, configSource: "b", configHash: "2",
                               differences: { _ in ["~ something changed"] })
        }
        // Same hash, new source (e.g. a raised budget): accepted and stored.
        _ = try Study.open(name: "x", storage: storage, space: space, direction: .minimize, configSource: "c", configHash: "1")
        #expect(try storage.study(named: "x")?.configSource == "c")
    }
}
