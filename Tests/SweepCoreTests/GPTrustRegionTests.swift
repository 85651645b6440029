import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// The first 12 Sobol points of `f`'s space as complete trials.
private func sobolHistory(_ f: TestFunction, seed: UInt64) throws -> [Trial] {
    var trials: [Trial] = []
    for n in 0..<12 {
        let s = try SobolSampler().suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: seed, direction: .minimize, trials: trials))
        trials.append(Trial(number: n, state: .complete, params: s.params, value: f(f.inputs(s.params)!)))
    }
    return trials
}

/// Trust-region candidates around the incumbent (GPSampler+TrustRegion, issue 15 part 2).
@Suite struct GPTrustRegionTests {
    /// Every point lies inside the box `center ± scale·ℓ_j/geomean(ℓ)` (clamped to [scale/8, 2·scale])
    /// and inside the cube; a categorical coordinate keeps the centre's value.
    @Test func candidatesStayInTheLengthscaleScaledBox() {
        let center = [0.5, 0.02, 0.9, 0.375]
        let logL = [log(0.2), log(0.05), log(3.0), 0]  // geometric mean ≈ 0.42
        let categorical = [false, false, false, true]
        var rng = Xoshiro256StarStar(seed: 7, stream: 23)
        let scale = 0.1
        let points = GPSampler.trustRegionCandidates(around: center, logLengthscales: logL, categorical: categorical,
                                                     count: 500, scale: scale, rng: &rng)
        #expect(points.count == 500)
        let meanLog = logL.reduce(0, +) / 4
        let half = logL.map { min(2 * scale, max(scale / 8, scale * exp($0 - meanLog))) }
        #expect(half[2] == 2 * scale && half[1] == scale / 8 && half[0] > scale / 8 && half[0] < scale)
        var spread = [Double](repeating: 0, count: 4)
        for p in points {
            for j in 0..<3 {
                #expect(p[j] >= max(0, center[j] - half[j]) && p[j] <= min(1, center[j] + half[j]), "coordinate \(j): \(p[j])")
                spread[j] = max(spread[j], abs(p[j] - center[j]))
            }
            #expect(p[3] == center[3])
        }
        // The draws fill the box (not a degenerate point): the widest reach is near the half-width.
        #expect(spread[0] > 0.8 * half[0] && spread[2] > 0.8 * half[2])
        var again = Xoshiro256StarStar(seed: 7, stream: 23)
        #expect(GPSampler.trustRegionCandidates(around: center, logLengthscales: logL, categorical: categorical,
                                                count: 500, scale: scale, rng: &again) == points)
        var none = Xoshiro256StarStar(seed: 7, stream: 23)
        #expect(GPSampler.trustRegionCandidates(around: center, logLengthscales: logL, categorical: categorical,
                                                count: 0, scale: scale, rng: &none).isEmpty)
    }

    @Test func optionsParseAndReject() throws {
        let o = try GPSampler.Options(["trust_region": .number(128), "trust_region_scale": .number(0.05)])
        #expect(o.trustRegionCandidates == 128 && o.trustRegionScale == 0.05)
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["trust_region": .number(-1)]) }
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["trust_region_scale": .number(0)]) }
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["trust_region_scale": .number(0.8)]) }
    }

    /// With trust-region candidates the sampler runs end to end and stays deterministic.
    @Test func samplerUsesTheCandidates() throws {
        let f = TestFunction.ackley(dimension: 3)
        let plain = GPSampler(options: GPSampler.Options(candidates: 64, restarts: 1))
        var withRegion = plain
        withRegion.options.trustRegionCandidates = 256
        withRegion.options.trustRegionScale = 0.02
        var trials: [Trial] = []
        for n in 0..<12 {
            let s = try plain.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: 3, direction: .minimize, trials: trials))
            trials.append(Trial(number: n, state: .complete, params: s.params, value: f(f.inputs(s.params)!), attributes: s.attributes))
        }
        let ctx = SamplingContext(space: f.searchSpace, trialNumber: 12, seed: 3, direction: .minimize, trials: trials)
        let a = try withRegion.suggest(in: ctx)
        #expect(a.attributes["gp.phase"] == .string("model"))
        #expect(try withRegion.suggest(in: ctx) == a)
    }

    /// `local_share`: that share of model trials is a random point in the trust region around the
    /// best observation (phase `local`), drawn per trial; with 0 no trial is.
    @Test func localShareProposesPointsNearTheBest() throws {
        let f = TestFunction.ackley(dimension: 3)
        let space = f.searchSpace
        let trials = try sobolHistory(f, seed: 5)
        let best = try space.encode(trials.min { $0.value! < $1.value! }!.params)
        let local = GPSampler(options: GPSampler.Options(candidates: 64, restarts: 1, trustRegionScale: 0.05, localShare: 0.5))
        var phases: [String] = []
        for n in 12..<24 {
            let s = try local.suggest(in: SamplingContext(space: space, trialNumber: n, seed: 5, direction: .minimize, trials: trials))
            guard case let .string(phase)? = s.attributes["gp.phase"] else { Issue.record("no phase"); continue }
            phases.append(phase)
            if phase == "local" {
                let u = try space.encode(s.params)
                // Half-width ≤ 2·scale along every coordinate.
                #expect(zip(u, best).allSatisfy { abs($0 - $1) <= 0.1 + 1e-12 }, "\(u) vs \(best)")
            }
        }
        #expect(phases.contains("local") && phases.contains("model"), "\(phases)")
        let plain = GPSampler(options: GPSampler.Options(candidates: 64, restarts: 1))
        for n in 12..<16 {
            let s = try plain.suggest(in: SamplingContext(space: space, trialNumber: n, seed: 5, direction: .minimize, trials: trials))
            #expect(s.attributes["gp.phase"] == .string("model"))
        }
        #expect(try GPSampler.Options(["local_share": .number(0.2)]).localShare == 0.2)
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["local_share": .number(1)]) }
    }

    /// `stall_log_ei`: a model trial whose best LogEI value is below the floor, with the best value
    /// max(4, d) trials old, becomes a random point of the trust region (phase `local`); with a floor
    /// below every value, or a recent best, nothing changes.
    @Test func stalledLogEIStepsLocally() throws {
        let f = TestFunction.ackley(dimension: 3)
        let space = f.searchSpace
        // The best trial first, so it is 11 trials old (stagnant: no improvement for max(4, d) trials).
        var trials = try sobolHistory(f, seed: 6).sorted { $0.value! < $1.value! }
        for i in trials.indices { trials[i].number = i }
        let best = try space.encode(trials[0].params)
        let ctx = SamplingContext(space: space, trialNumber: 12, seed: 6, direction: .minimize, trials: trials)
        let plain = GPSampler(options: GPSampler.Options(candidates: 64, restarts: 1, trustRegionScale: 0.05))
        let model = try plain.suggest(in: ctx)
        guard case let .number(logEI)? = model.attributes["gp.acquisition"] else { Issue.record("no acquisition value"); return }
        var above = plain, below = plain
        above.options.stallLogEI = min(0, logEI + 1)  // the best value is under this floor: local
        below.options.stallLogEI = logEI - 1  // not under this one: the model's point
        let local = try above.suggest(in: ctx)
        #expect(local.attributes["gp.phase"] == .string("local"))
        let u = try space.encode(local.params)
        #expect(zip(u, best).allSatisfy { abs($0 - $1) <= 0.1 + 1e-12 }, "\(u) vs \(best)")
        #expect(try below.suggest(in: ctx) == model)
        // A best value found within the last max(4, d) trials is not a stall.
        var recent = trials
        recent.swapAt(0, 11)
        for i in recent.indices { recent[i].number = i }
        let fresh = try above.suggest(in: SamplingContext(space: space, trialNumber: 12, seed: 6, direction: .minimize, trials: recent))
        #expect(fresh.attributes["gp.phase"] == .string("model"))
        #expect(GPSampler.stagnant([3, 1, 2, 2, 2, 2], dimension: 3) && !GPSampler.stagnant([3, 1, 2, 2, 2], dimension: 3))
        #expect(!GPSampler.stagnant([3, 1, 2, 2, 2, 2], dimension: 5) && !GPSampler.stagnant([], dimension: 2))
        #expect(try GPSampler.Options(["stall_log_ei": .number(-10)]).stallLogEI == -10)
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["stall_log_ei": .number(1)]) }
    }
}
