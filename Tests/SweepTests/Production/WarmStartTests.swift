import Foundation
import Sweep
import SweepTestSupport
import Testing

/// `warm_start:` in a sweep file: the earlier sweep's observations seed the sampler, its best
/// configurations run first, the mapping into a changed space, determinism and config refusals.
@Suite struct WarmStartTests {
    static func yaml(name: String, seed: Int, trials: Int, dir: URL, extra: String = "", target: Double? = nil,
                     function: String = "hartmann6", method: String = "bayes") -> String {
        """
        name: \(name)
        seed: \(seed)
        metric: {name: value, goal: minimize}
        method: \(method)
        objective: {kind: function, function: \(function)}
        budget: {trials: \(trials)\(target.map { ", target: \($0)" } ?? "")}
        storage: \(dir.appendingPathComponent("\(name).sqlite").path)
        \(extra)
        """
    }

    static func run(_ yaml: String) throws -> [Trial] {
        let session = try SweepSession.open(config: try SweepConfig.parse(yaml: yaml, file: "test.yaml"))
        try session.run()
        return try session.study.trials()
    }

    /// Trials until the first value ≤ `target` (the trial count + 1 when none got there).
    static func trialsToReach(_ target: Double, _ trials: [Trial]) -> Int {
        (trials.firstIndex { ($0.value ?? .infinity) <= target } ?? trials.count) + 1
    }

    static func median(_ xs: [Int]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? Double(s[s.count / 2]) : Double(s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// On hartmann6 (minimum −3.32237), for 5 seeds: an earlier 24-trial sweep, then a new sweep
    /// (another seed) that must reach the earlier best + 0.05, cold and warm-started from the earlier
    /// one's observations only (`top: 0`, so nothing is replayed). Warm needs fewer trials (median);
    /// with `top: 3` the earlier best runs first and reaches it at once.
    @Test(arguments: ["bayes", "tpe"])
    func aWarmStartedSweepReachesTheEarlierBestInFewerTrials(method: String) throws {
        try withTemporaryDirectory { dir in
            var cold: [Int] = [], warm: [Int] = [], replayed: [Int] = []
            let cap = 30
            for seed in 0..<5 {
                let earlier = try Self.run(Self.yaml(name: "earlier\(seed)", seed: seed, trials: 24, dir: dir, method: method))
                let best = try #require(earlier.compactMap(\.value).min())
                let target = best + 0.05
                let from = dir.appendingPathComponent("earlier\(seed).sqlite").path
                cold.append(Self.trialsToReach(target, try Self.run(Self.yaml(name: "cold\(seed)", seed: 100 + seed, trials: cap, dir: dir, target: target, method: method))))
                warm.append(Self.trialsToReach(target, try Self.run(Self.yaml(
                    name: "warm\(seed)", seed: 100 + seed, trials: cap, dir: dir,
                    extra: "warm_start: {from: earlier\(seed), storage: \(from), top: 0}", target: target, method: method))))
                replayed.append(Self.trialsToReach(target, try Self.run(Self.yaml(
                    name: "top\(seed)", seed: 100 + seed, trials: 3, dir: dir, extra: "warm_start: {from: earlier\(seed), storage: \(from)}", method: method))))
            }
            print("warm-start \(method): trials to reach the earlier best + 0.05: warm \(warm), cold \(cold)")
            #expect(Self.median(warm) < Self.median(cold), "trials to reach the earlier best + 0.05: warm \(warm), cold \(cold)")
            #expect(replayed == [1, 1, 1, 1, 1], "\(replayed)")
        }
    }

    @Test func trialsAreMappedIntoTheNewSpaceOrDropped() throws {
        let space = try SearchSpace([
            .float("lr", 1e-4, 1e-1, log: true),
            .categorical("opt", [.string("sgd"), .string("adam")]),
            .float("momentum", 0, 0.99, when: Condition(parent: "opt", in: [.string("sgd")])),
        ])
        let trials = [
            Trial(number: 0, state: .complete, params: ["lr": .float(0.01), "opt": .string("adam"), "layers": .int(2)], value: 0.3),
            Trial(number: 1, state: .complete, params: ["lr": .float(0.5), "opt": .string("adam")], value: 0.1),        // lr outside
            Trial(number: 2, state: .complete, params: ["lr": .float(0.02)], value: 0.2),                                 // opt missing
            Trial(number: 3, state: .complete, params: ["lr": .float(0.03), "opt": .string("adam"), "momentum": .float(0.9)], value: 0.25),
            Trial(number: 4, state: .pruned, params: ["lr": .float(0.01), "opt": .string("sgd"), "momentum": .float(0.5)], value: 0.05),
            Trial(number: 5, state: .complete, params: ["lr": .float(0.04), "opt": .string("sgd"), "momentum": .float(0.5)], value: .nan),
            Trial(number: 6, state: .complete, params: ["lr": .float(0.05), "opt": .string("sgd"), "momentum": .float(0.5)], value: 0.4),
        ]
        let warm = WarmStart(sweep: "old", trials: trials, space: space, direction: .minimize, top: 2)
        #expect(warm.priorTrials.map(\.number) == [-3, -2, -1] && warm.dropped == 2)
        #expect(warm.priorTrials.map(\.value) == [0.3, 0.25, 0.4])
        // `layers` is not in the new space; `momentum` is inactive for adam: both dropped, not the trial.
        #expect(warm.priorTrials[0].params == ["lr": .float(0.01), "opt": .string("adam")])
        #expect(warm.priorTrials[1].params == ["lr": .float(0.03), "opt": .string("adam")])
        #expect(warm.priorTrials[2].params == ["lr": .float(0.05), "opt": .string("sgd"), "momentum": .float(0.5)])
        #expect(warm.priorTrials.allSatisfy { $0.attributes == [WarmStart.attribute: .string("old")] })
    }

    @Test func warmStartedSweepsAreDeterministicAndEnqueueTheBestFirst() throws {
        try withTemporaryDirectory { dir in
            let earlier = try Self.run(Self.yaml(name: "old", seed: 1, trials: 10, dir: dir, function: "branin"))
            let from = "warm_start: {from: old, storage: \(dir.appendingPathComponent("old.sqlite").path), top: 2}"
            let a = try Self.run(Self.yaml(name: "a", seed: 7, trials: 6, dir: dir, extra: from, function: "branin"))
            let b = try Self.run(Self.yaml(name: "b", seed: 7, trials: 6, dir: dir, extra: from, function: "branin"))
            #expect(a.map(\.params) == b.map(\.params) && a.map(\.value) == b.map(\.value))
            let ranked = earlier.filter { $0.value != nil }.sorted { $0.value! < $1.value! }
            #expect(a.prefix(2).map(\.params) == ranked.prefix(2).map(\.params))
            #expect(a.prefix(2).allSatisfy { $0.attributes[WarmStart.attribute] == .string("old") })
            #expect(a[2].attributes[WarmStart.attribute] == nil)
            // The model is fitted from the first proposal: no Sobol design phase with 10 prior points.
            #expect(a[2].attributes["gp.phase"] == .string("model"), "\(a[2].attributes)")

            // Resuming does not enqueue them again.
            let more = try Self.run(Self.yaml(name: "a", seed: 7, trials: 8, dir: dir, extra: from, function: "branin"))
            #expect(more.count == 8 && more.filter { $0.attributes[WarmStart.attribute] != nil }.count == 2)
        }
    }

    @Test func aPlainNameIsFoundInTheStoreTheNewSweepShares() throws {
        try withTemporaryDirectory { dir in
            let shared = dir.appendingPathComponent("shared.sqlite").path
            func yaml(_ name: String, _ extra: String = "") -> String {
                Self.yaml(name: name, seed: 2, trials: 4, dir: dir, extra: extra, function: "branin")
                    .replacingOccurrences(of: dir.appendingPathComponent("\(name).sqlite").path, with: shared)
            }
            let old = try Self.run(yaml("old"))
            let new = try Self.run(yaml("new", "warm_start: old"))
            let best = old.filter { $0.value != nil }.min { $0.value! < $1.value! }
            #expect(new.first?.params == best?.params && new.first?.attributes[WarmStart.attribute] == .string("old"))
            #expect(new.prefix(3).allSatisfy { $0.attributes[WarmStart.attribute] != nil } && new.count == 4)
        }
    }

    @Test func badWarmStartsAreRefusedWithFileLineAndKey() throws {
        try withTemporaryDirectory { dir in
            _ = try Self.run(Self.yaml(name: "old", seed: 1, trials: 2, dir: dir, function: "branin"))
            let old = dir.appendingPathComponent("old.sqlite").path
            func refusal(_ extra: String, metric: String = "{name: value, goal: minimize}") -> ConfigError? {
                let yaml = Self.yaml(name: "new", seed: 0, trials: 2, dir: dir, extra: extra, function: "branin")
                    .replacingOccurrences(of: "{name: value, goal: minimize}", with: metric)
                do {
                    _ = try SweepSession.open(config: try SweepConfig.parse(yaml: yaml, file: "new.yaml"))
                    return nil
                } catch {
                    return error as? ConfigError
                }
            }
            let unknown = refusal("warm_start: {from: nope, storage: \(old)}")
            #expect(unknown?.line == 8 && unknown?.key == "warm_start.from", "\(String(describing: unknown))")
            #expect("\(String(describing: unknown))".contains("new.yaml:8: warm_start.from: no earlier sweep 'nope'"), "\(String(describing: unknown))")
            #expect(refusal("warm_start: {from: old, storage: \(old)}", metric: "{name: value, goal: maximize}")?.description
                .contains("sweep 'old' minimizes its metric but this one maximizes") == true)
            #expect(refusal("warm_start: {from: old, storage: \(old), top: 101}")?.description.contains("warm_start.top: must be in 0...100") == true)
            #expect(refusal("warm_start: {from: old, storage: \(old), tops: 1}")?.key == "warm_start.tops")
            #expect(refusal("warm_start: {from: old, storage: 'postgresql://u:secret@127.0.0.1:1/db'}")?.description.contains("holds a password") == true)
            #expect(refusal("warm_start: {storage: \(old)}")?.description.contains("missing 'from'") == true)
            #expect(refusal("warm_start: {from: old, storage: \(dir.path)/typo.sqlite}")?.key == "warm_start.storage")
            for file in ["new.sqlite", "typo.sqlite"] {
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) was created")
            }
        }
    }
}
