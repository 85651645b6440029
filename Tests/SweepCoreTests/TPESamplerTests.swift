import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// Runs `sampler` sequentially for `count` trials valued by `value`.
private func run(_ sampler: TPESampler, space: SearchSpace, count: Int, seed: UInt64,
                 value: ([String: ParameterValue]) -> Double) throws -> [Trial] {
    var trials: [Trial] = []
    for n in 0..<count {
        let s = try sampler.suggest(in: SamplingContext(space: space, trialNumber: n, seed: seed, direction: .minimize, trials: trials))
        trials.append(Trial(number: n, state: .complete, params: s.params, value: value(s.params), attributes: s.attributes))
    }
    return trials
}

@Suite struct TPESamplerTests {
    @Test func deterministicFromTheSeedAndHistory() throws {
        let f = TestFunction.branin
        let a = try run(TPESampler(), space: f.searchSpace, count: 30, seed: 5) { f(f.inputs($0)!) }
        let b = try run(TPESampler(), space: f.searchSpace, count: 30, seed: 5) { f(f.inputs($0)!) }
        let c = try run(TPESampler(), space: f.searchSpace, count: 30, seed: 6) { f(f.inputs($0)!) }
        #expect(a.map(\.params) == b.map(\.params))
        #expect(a.map(\.params) != c.map(\.params))
        #expect(a.prefix(10).allSatisfy { $0.attributes["tpe.phase"] == .string("startup") })
        #expect(a.dropFirst(10).allSatisfy { $0.attributes["tpe.phase"] == .string("model") })
        // A resumed study (same history, same trial number) proposes the same point.
        let again = try TPESampler().suggest(in: SamplingContext(space: f.searchSpace, trialNumber: 20, seed: 5, direction: .minimize,
                                                                 trials: Array(a.prefix(20))))
        #expect(again.params == a[20].params)
    }

    @Test func startupMatchesRandomSampler() throws {
        let space = TestFunction.hartmann6.searchSpace
        for n in 0..<5 {
            let ctx = SamplingContext(space: space, trialNumber: n, seed: 9, direction: .minimize, trials: [])
            #expect(try TPESampler(options: .optuna).suggest(in: ctx).params == RandomSampler().suggest(in: ctx).params)
        }
    }

    /// Known optimum on a cheap function: a 2-d quadratic with minimum 0 at (0.3, 0.7) in [0, 1]².
    @Test func convergesOnAKnownOptimum() throws {
        let space = try SearchSpace([.float("x", 0, 1), .float("y", 0, 1)])
        let sq: (Double, Double) -> Double = { x, y in (x - 0.3) * (x - 0.3) + (y - 0.7) * (y - 0.7) }
        var tpeBest: [Double] = [], randomBest: [Double] = []
        for seed in 0..<5 as Range<UInt64> {
            let trials = try run(TPESampler(), space: space, count: 80, seed: seed) { p in sq(p["x"]!.doubleValue!, p["y"]!.doubleValue!) }
            tpeBest.append(trials.compactMap(\.value).min()!)
            var rng = Xoshiro256StarStar(seed: seed, stream: 99)
            randomBest.append((0..<80).map { _ in sq(rng.nextUnit(), rng.nextUnit()) }.min()!)
        }
        // Every seed within 0.1 of the optimum (value < 1e-2), the median within 0.015, and the median
        // 10× better than random search's.
        #expect(tpeBest.allSatisfy { $0 < 1e-2 }, "\(tpeBest)")
        #expect(tpeBest.sorted()[2] < 2e-4, "\(tpeBest)")
        #expect(tpeBest.sorted()[2] * 10 < randomBest.sorted()[2], "\(tpeBest) vs \(randomBest)")
    }

    /// Categorical + int + log + step parameters: values stay in their domains and the good choice wins.
    @Test func honoursCategoricalIntLogAndStep() throws {
        let space = try SearchSpace([
            .categorical("kind", [.string("bad"), .string("good"), .string("ugly")]),
            .int("n", 1, 64, log: true), .int("k", 0, 20, step: 4), .float("s", 0, 1, step: 0.25), .float("lr", 1e-4, 1, log: true),
        ])
        let trials = try run(TPESampler(), space: space, count: 60, seed: 1) { p in
            (p["kind"]!.description == "good" ? 0 : 10) + abs(log2(p["lr"]!.doubleValue!) + 7) + Double(abs(p["n"]!.intValue! - 8)) / 8
        }
        for t in trials { #expect(try space.normalized(t.params) == t.params) }
        let late = trials.suffix(30)
        #expect(late.filter { $0.params["kind"]!.description == "good" }.count >= 20)
        #expect(Set(trials.map { $0.params["k"]!.intValue! }).isSubset(of: [0, 4, 8, 12, 16, 20]))
    }

    /// Conditional space: an `opt` choice activates different children; group decomposition
    /// gives {opt, lr}, {momentum}, {beta} and suggestions stay valid.
    @Test func conditionalSpacesUseGroupDecomposition() throws {
        let space = try SearchSpace([
            .categorical("opt", [.string("sgd"), .string("adam")]),
            .float("lr", 1e-3, 1, log: true),
            .float("momentum", 0, 1, when: Condition(parent: "opt", in: [.string("sgd")])),
            .float("beta", 0, 1, when: Condition(parent: "opt", in: [.string("adam")])),
        ])
        #expect(SearchSpaceGroups.decompose([[0, 1, 2], [0, 1, 3], [0, 1, 2]]) == [[0, 1], [2], [3]])
        #expect(SearchSpaceGroups.decompose([[0, 1], [0, 1, 2, 3], [0, 2]]) == [[0], [1], [2], [3]])
        let trials = try run(TPESampler(), space: space, count: 50, seed: 2) { p in
            if p["opt"]!.description == "sgd" { return abs(p["momentum"]!.doubleValue! - 0.9) + 1 }
            return abs(p["beta"]!.doubleValue! - 0.2)
        }
        for t in trials { #expect(try space.normalized(t.params) == t.params) }
        let late = trials.suffix(20)
        // adam is the better branch (its minimum is 0, sgd's 1) and beta converges to 0.2.
        #expect(late.filter { $0.params["opt"]!.description == "adam" }.count >= 14)
        let betas = late.compactMap { $0.params["beta"]?.doubleValue }
        #expect(betas.filter { abs($0 - 0.2) < 0.1 }.count >= betas.count / 2)
    }

    /// Pruned trials: ranked by last step then value, they fill "below" when complete trials are few;
    /// failed trials go "above".
    @Test func prunedTrialsAreRankedLikeOptuna() throws {
        let space = try SearchSpace([.float("x", 0, 1)])
        func t(_ n: Int, _ state: TrialState, _ x: Double, value: Double? = nil, steps: [Int: Double] = [:]) -> Trial {
            Trial(number: n, state: state, params: ["x": .float(x)], value: value, intermediateValues: steps)
        }
        let trials = [
            t(0, .pruned, 0.1, steps: [1: 5, 2: 4]),  // reached step 2
            t(1, .pruned, 0.2, steps: [1: 3]),        // step 1, value 3
            t(2, .pruned, 0.3, steps: [1: 1]),        // step 1, value 1 (better among step 1)
            t(3, .complete, 0.4, value: 9),
            t(4, .failed, 0.5),
            t(5, .pruned, 0.6),                       // nothing reported: last
        ]
        let ctx = SamplingContext(space: space, trialNumber: 6, seed: 0, direction: .minimize, trials: trials)
        let (below, above) = TPESampler.split(ctx, gamma: 3, constantLiar: false)
        #expect(below == [0, 2, 3])
        #expect(above == [1, 4, 5])
        // Maximising flips the value order among pruned trials of the same step, not the step order.
        let maxCtx = SamplingContext(space: space, trialNumber: 6, seed: 0, direction: .maximize, trials: trials)
        #expect(TPESampler.split(maxCtx, gamma: 3, constantLiar: false).below == [0, 1, 3])
    }

    /// A study where most trials are pruned still models them: with the pruned region at x < 0.5
    /// ranked badly, suggestions move to the other half.
    @Test func prunedTrialsSteerTheModel() throws {
        let space = try SearchSpace([.float("x", 0, 1)])
        var trials: [Trial] = []
        var rng = Xoshiro256StarStar(seed: 4)
        for n in 0..<40 {
            let x = rng.nextUnit()
            // Left half pruned early with bad values; right half complete and good near 0.8.
            trials.append(x < 0.5
                ? Trial(number: n, state: .pruned, params: ["x": .float(x)], intermediateValues: [1: 10 + x])
                : Trial(number: n, state: .complete, params: ["x": .float(x)], value: abs(x - 0.8), intermediateValues: [1: abs(x - 0.8), 2: abs(x - 0.8)]))
        }
        var right = 0
        for n in 40..<60 {
            let s = try TPESampler().suggest(in: SamplingContext(space: space, trialNumber: n, seed: 4, direction: .minimize, trials: trials))
            if s.params["x"]!.doubleValue! > 0.5 { right += 1 }
        }
        #expect(right >= 18)
    }

    /// Degenerate settings from the library API do not trap: no startup trials on an empty history,
    /// zero EI candidates (treated as one).
    @Test func degenerateOptionsStillSuggest() throws {
        var o = TPESampler.Options()
        o.startupTrials = 0
        o.eiCandidates = 0
        let space = try SearchSpace([.float("x", 0, 1), .categorical("c", [.int(1), .int(2)])])
        let trials = try run(TPESampler(options: o), space: space, count: 5, seed: 0) { $0["x"]!.doubleValue! }
        for t in trials { #expect(try space.normalized(t.params) == t.params) }
    }

    @Test func univariateModeIsIndependentPerParameter() throws {
        var o = TPESampler.Options()
        o.multivariate = false
        let f = TestFunction.branin
        let trials = try run(TPESampler(options: o), space: f.searchSpace, count: 40, seed: 3) { f(f.inputs($0)!) }
        #expect(trials.compactMap(\.value).min()! < 2)
    }
}
