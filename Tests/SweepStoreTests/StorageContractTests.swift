import Foundation
import SweepCore
import SweepMath
import SweepStore
import SweepTestSupport
import Synchronization
import Testing

/// A backend under test; `make` returns a fresh, empty store.
struct Backend: CustomStringConvertible, Sendable {
    let description: String
    let make: @Sendable () throws -> any StudyStorage

    static let memory = Backend(description: "memory") { InMemoryStorage() }
    static let sqlite = Backend(description: "sqlite") {
        try SQLiteStorage(path: try makeTemporaryDirectory("sweep-store").appendingPathComponent("s.sqlite").path)
    }
    static let postgres = Backend(description: "postgres") { try PostgresStorage(url: try TestPostgres.freshDatabase()) }
    /// All backends available here (PostgreSQL joins when scripts/test started a server).
    static var all: [Backend] { [memory, sqlite] + (TestPostgres.available ? [postgres] : []) }
}

private let alice = WorkerIdentity(id: "alice", host: "test-host-a", pid: 1, processStart: 0, external: false)
private let bob = WorkerIdentity(id: "bob", host: "test-host-b", pid: 2, processStart: 0, external: false)

private func newStudy(_ s: any StudyStorage, _ name: String = "s") throws -> StudyRecord {
    try s.createStudy(name: name, direction: .minimize, seed: 7, configSource: "cfg", configHash: "h")
}

private func create(_ s: any StudyStorage, _ study: StudyRecord, by worker: WorkerIdentity = alice, lease: Double = 60,
                    params: [String: ParameterValue] = ["x": 0.5]) throws -> Trial {
    try #require(try s.ask(study: study.id, worker: worker, lease: lease) { _ in .create(params: params, attributes: [:]) }.trial)
}

@Suite struct StorageContractTests {
    /// Issue 18.4: the checkpoint and the value of its step are stored together or not at all.
    @Test(arguments: Backend.all)
    func checkpointAndEpochReportAreOneTransaction(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        _ = try create(s, study)
        let updated = try s.saveCheckpoint(study: study.id, trial: 0, step: 2, data: Data([2]), reporting: 0.25, worker: alice)
        #expect(updated.intermediateValues == [2: 0.25])
        #expect(try s.trial(study: study.id, number: 0)?.intermediateValues == [2: 0.25])
        #expect(try s.checkpoint(study: study.id, trial: 0)?.step == 2)
        // A writer that lost the trial stores neither.
        #expect(throws: StorageError.self) {
            try s.saveCheckpoint(study: study.id, trial: 0, step: 3, data: Data([3]), reporting: 0.5, worker: bob)
        }
        #expect(try s.trial(study: study.id, number: 0)?.intermediateValues == [2: 0.25])
        #expect(try s.checkpoint(study: study.id, trial: 0)?.data == Data([2]))
    }

    @Test(arguments: Backend.all)
    func studiesAreCreatedOnceAndFoundByName(_ backend: Backend) throws {
        let s = try backend.make()
        let a = try newStudy(s, "alpha")
        #expect(try s.study(named: "alpha")?.id == a.id)
        #expect(try s.study(named: "beta") == nil)
        #expect(throws: StorageError.studyExists(name: "alpha", location: s.location)) { try newStudy(s, "alpha") }
        _ = try newStudy(s, "beta")
        #expect(try s.studies().map(\.name) == ["alpha", "beta"])
        try s.updateConfig(study: a.id, source: "new", hash: "h2")
        #expect(try s.study(named: "alpha")?.configSource == "new")
        #expect(try s.study(named: "alpha")?.seed == 7)
    }

    @Test(arguments: Backend.all)
    func askNumbersDenselyAndShowsPendingTrials(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        for n in 0..<5 {
            let (trial, _) = try s.ask(study: study.id, worker: alice, lease: 60) { history in
                #expect(history.trials.count == n)
                #expect(history.count(.running) == n)  // earlier trials are still running: pending
                return .create(params: ["x": .float(Double(n))], attributes: ["k": .number(Double(n))])
            }
            #expect(trial?.number == n)
            #expect(trial?.state == .running)
        }
        let (none, decision) = try s.ask(study: study.id, worker: alice, lease: 60) { _ in .none(retry: false) }
        #expect(none == nil)
        if case .none = decision {} else { Issue.record("decision not passed back") }
        #expect(try s.trials(study: study.id).map(\.number) == [0, 1, 2, 3, 4])
    }

    @Test(arguments: Backend.all)
    func onlyTheOwnerReportsAndFinishesAndFinishedTrialsAreFrozen(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        let t = try create(s, study)
        _ = try s.report(study: study.id, trial: t.number, step: 1, value: 0.5, worker: alice)
        #expect(throws: StorageError.self) { try s.report(study: study.id, trial: t.number, step: 2, value: 0.4, worker: bob) }
        #expect(throws: StorageError.self) { try s.finish(study: study.id, trial: t.number, state: .complete, value: 1, failureReason: nil, worker: bob) }
        let done = try s.finish(study: study.id, trial: t.number, state: .complete, value: 0.25, failureReason: nil, worker: alice)
        #expect(done.state == .complete && done.value == 0.25 && done.finishedAt != nil)
        // Same outcome again: accepted (idempotent). A different one: refused, stored data unchanged.
        _ = try s.finish(study: study.id, trial: t.number, state: .complete, value: 0.25, failureReason: nil, worker: alice)
        #expect(throws: StorageError.trialAlreadyFinished(study: "s", number: 0, state: "complete")) {
            try s.finish(study: study.id, trial: t.number, state: .complete, value: 0.3, failureReason: nil, worker: alice)
        }
        #expect(throws: StorageError.self) { try s.report(study: study.id, trial: t.number, step: 3, value: 0.1, worker: alice) }
        #expect(throws: StorageError.trialNotFound(study: "s", number: 9)) {
            try s.finish(study: study.id, trial: 9, state: .complete, value: 1, failureReason: nil, worker: alice)
        }
        let stored = try #require(try s.trial(study: study.id, number: 0))
        #expect(stored.value == 0.25 && stored.intermediateValues == [1: 0.5])
    }

    @Test(arguments: Backend.all)
    func enqueuedTrialsAreClaimedAndReleasedTrialsKeepTheirProgress(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        let q = try s.enqueue(study: study.id, params: ["x": 0.125], attributes: ["why": .string("user")])
        #expect(q.state == .waiting)
        let (claimed, _) = try s.ask(study: study.id, worker: alice, lease: 60) { h in
            .claim(number: h.trials.first { $0.state == .waiting }!.number, attributes: ["claimed": .bool(true)])
        }
        #expect(claimed?.state == .running && claimed?.params == ["x": 0.125])
        #expect(claimed?.attributes["why"] == .string("user") && claimed?.attributes["claimed"] == .bool(true))
        _ = try s.report(study: study.id, trial: 0, step: 3, value: 0.7, worker: alice)
        try s.saveCheckpoint(study: study.id, trial: 0, step: 3, data: Data([1, 2, 3]), worker: alice)
        try s.release(study: study.id, trial: 0, worker: alice, attributes: [:])
        let waiting = try #require(try s.trial(study: study.id, number: 0))
        #expect(waiting.state == .waiting && waiting.intermediateValues == [3: 0.7])
        // Another worker takes it over and finds the checkpoint.
        _ = try s.ask(study: study.id, worker: bob, lease: 60) { _ in .claim(number: 0, attributes: [:]) }
        let ckpt = try #require(try s.checkpoint(study: study.id, trial: 0))
        #expect(ckpt.step == 3 && ckpt.data == Data([1, 2, 3]))
        #expect(throws: StorageError.self) { try s.saveCheckpoint(study: study.id, trial: 0, step: 4, data: Data(), worker: alice) }
        try s.saveCheckpoint(study: study.id, trial: 0, step: 4, data: Data([9]), worker: bob)
        #expect(try s.checkpoint(study: study.id, trial: 0)?.data == Data([9]))
        // Claiming a trial that is not waiting fails and changes nothing.
        #expect(throws: StorageError.self) { try s.ask(study: study.id, worker: alice, lease: 60) { _ in .claim(number: 0, attributes: [:]) } }
        #expect(try s.trial(study: study.id, number: 0)?.state == .running)
    }

    @Test(arguments: Backend.all)
    func expiredLeasesAreRequeuedThenFailedAfterTooManyRetries(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        _ = try create(s, study, by: alice, lease: 0.05)
        Thread.sleep(forTimeInterval: 0.1)
        for attempt in 1...StorageDefaults.maxRetries {
            let (t, _) = try s.ask(study: study.id, worker: bob, lease: 0.05) { h in
                #expect(h.trials[0].state == .waiting)
                #expect(h.trials[0].attributes[StorageDefaults.retriesAttribute]?.int == attempt)
                return .claim(number: 0, attributes: [:])
            }
            #expect(t?.state == .running)
            Thread.sleep(forTimeInterval: 0.1)
        }
        _ = try s.ask(study: study.id, worker: bob, lease: 60) { h in
            #expect(h.trials[0].state == .failed)
            #expect(h.trials[0].failureReason?.contains("abandoned") == true)
            return .none(retry: false)
        }
        // The old owner can no longer finish it.
        #expect(throws: StorageError.self) { try s.finish(study: study.id, trial: 0, state: .complete, value: 1, failureReason: nil, worker: alice) }
    }

    @Test(arguments: Backend.all)
    func heartbeatsKeepLeasesAlive(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        _ = try create(s, study, by: alice, lease: 0.3)
        _ = try create(s, study, by: bob, lease: 60)
        for _ in 0..<4 {
            Thread.sleep(forTimeInterval: 0.1)
            #expect(try s.heartbeat(study: study.id, trials: [0, 1], worker: alice, lease: 0.3) == [0])
        }
        _ = try s.ask(study: study.id, worker: bob, lease: 60) { h in
            #expect(h.trials[0].state == .running)  // 0.4 s passed, lease renewed every 0.1 s
            return .none(retry: false)
        }
    }

    @Test(arguments: Backend.all)
    func trialsOfDeadLocalProcessesAreRequeuedAtOnce(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        // A process that has exited: its pid is not alive any more.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let host = ProcessInfo.processInfo.hostName
        let dead = WorkerIdentity(id: "dead", host: host, pid: p.processIdentifier, processStart: 0, external: false)
        #expect(dead.isKnownDead)
        #expect(!WorkerIdentity.current().isKnownDead)
        _ = try create(s, study, by: dead, lease: 3600)
        _ = try s.ask(study: study.id, worker: alice, lease: 60) { h in
            #expect(h.trials[0].state == .waiting)
            return .none(retry: false)
        }
    }

    @Test(arguments: Backend.all)
    func valuesParamsAndAttributesRoundTripExactly(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        var rng = SplitMix64(seed: 3)
        let params: [String: ParameterValue] = [
            "f": .float(Double(bitPattern: rng.next() & 0x3FFF_FFFF_FFFF_FFFF)), "whole": .float(3.0), "neg0": .float(-0.0),
            "i": .int(-42), "big": .int(Int.max), "s": .string("quote \" backslash \\ newline \n ünïcødé 🚀"), "b": .bool(false),
        ]
        let attributes: [String: AttributeValue] = [
            "nested": .object(["a": .array([.number(1.5), .null, .bool(true), .string("x")])]),
            "nan": .number(.nan), "inf": .number(-.infinity), "tiny": .number(.leastNonzeroMagnitude),
        ]
        let t = try #require(try s.ask(study: study.id, worker: alice, lease: 60) { _ in .create(params: params, attributes: attributes) }.trial)
        let steps: [Double] = (0..<20).map { _ in Double(bitPattern: rng.next() >> 2) } + [.nan, .infinity]
        for (i, v) in steps.enumerated() { _ = try s.report(study: study.id, trial: t.number, step: i, value: v, worker: alice) }
        let value = Double(bitPattern: rng.next() >> 2)
        _ = try s.finish(study: study.id, trial: t.number, state: .complete, value: value, failureReason: nil, worker: alice)
        let back = try #require(try s.trials(study: study.id).first)
        #expect(back.params == params)
        #expect(back.params["neg0"]?.doubleValue?.sign == .minus)
        #expect(back.value?.bitPattern == value.bitPattern)
        for (i, v) in steps.enumerated() {
            let got = try #require(back.intermediateValues[i])
            #expect(got.bitPattern == v.bitPattern || (got.isNaN && v.isNaN), "step \(i)")
        }
        #expect(back.attributes["nested"] == attributes["nested"])
        #expect(back.attributes["nan"]?.number?.isNaN == true)
        #expect(back.attributes["inf"] == .number(-.infinity))
        #expect(back.attributes["tiny"] == .number(.leastNonzeroMagnitude))
        // The cached history equals a full read (NaN-aware: compare bit patterns).
        let cached = try #require(try s.history(study: study.id).trials.first)
        #expect(cached.params == back.params && cached.attributes.keys == back.attributes.keys)
        #expect(cached.intermediateValues.mapValues(\.bitPattern) == back.intermediateValues.mapValues(\.bitPattern))
    }

    @Test(arguments: Backend.all)
    func finishAndAskIsOneStepAndLaterAsksSeeItsTrial(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        var current = try create(s, study)
        for n in 1...4 {
            let (finished, next, _) = try s.finishAndAsk(
                study: study.id, finishing: FinishRequest(trial: current.number, state: .complete, value: Double(n), failureReason: nil),
                worker: alice, lease: 60) { h in
                    #expect(h.trials.count == n)
                    #expect(h.trials[n - 1].state == .complete)  // the finish is visible to the same ask
                    return .create(params: ["x": .float(Double(n))], attributes: [:])
                }
            #expect(finished.state == .complete && finished.value == Double(n))
            current = try #require(next)
            #expect(current.number == n)
        }
        // A refused finish leaves everything unchanged: no new trial either.
        #expect(throws: StorageError.self) {
            try s.finishAndAsk(study: study.id, finishing: FinishRequest(trial: current.number, state: .complete, value: 1, failureReason: nil),
                               worker: bob, lease: 60) { _ in .create(params: [:], attributes: [:]) }
        }
        #expect(try s.history(study: study.id).trials.count == 5)
        #expect(try s.trials(study: study.id).map(\.state) == [.complete, .complete, .complete, .complete, .running])

        // A transaction that fails after the finish was written rolls it back, and no cached copy of
        // the history remembers it: the trial is still running for every later reader and asker.
        struct DecideFailed: Error {}
        #expect(throws: DecideFailed.self) {
            try s.finishAndAsk(study: study.id, finishing: FinishRequest(trial: current.number, state: .complete, value: 9, failureReason: nil),
                               worker: alice, lease: 60) { h in
                #expect(h.trials[current.number].state == .complete)
                throw DecideFailed()
            }
        }
        #expect(try s.history(study: study.id).trials[current.number].state == .running)
        _ = try s.ask(study: study.id, worker: alice, lease: 60) { h in
            #expect(h.trials[current.number].state == .running && h.trials[current.number].value == nil)
            return .none(retry: false)
        }
    }

    @Test(arguments: Backend.all)
    func concurrentAskersNeverShareATrial(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try newStudy(s)
        let group = DispatchGroup()
        let numbers = Mutex<[Int]>([])
        for w in 0..<4 {
            group.enter()
            Thread {
                let me = WorkerIdentity(id: "w\(w)", host: "h", pid: Int32(100 + w), processStart: 0, external: false)
                for _ in 0..<40 {
                    if let t = try? s.ask(study: study.id, worker: me, lease: 60, decide: { h in
                        .create(params: ["seen": .int(h.trials.count)], attributes: [:])
                    }).trial {
                        numbers.withLock { $0.append(t.number) }
                        _ = try? s.finish(study: study.id, trial: t.number, state: .complete, value: 1, failureReason: nil, worker: me)
                    }
                }
                group.leave()
            }.start()
        }
        group.wait()
        let got = numbers.withLock { $0 }.sorted()
        #expect(got == Array(0..<160))
        let trials = try s.trials(study: study.id)
        // Each trial saw exactly the trials before it.
        #expect(trials.allSatisfy { $0.params["seen"] == .int($0.number) })
        #expect(trials.allSatisfy { $0.state == .complete })
    }
}
