import Foundation
@testable import SweepCore
import SweepMath
import Testing

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
}
