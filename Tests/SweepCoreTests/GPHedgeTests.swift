import Foundation
@testable import SweepCore
import SweepMath
import Testing

@Suite struct GPHedgeTests {
    private func gp() throws -> GaussianProcess {
        try GaussianProcess(inputs: Matrix(rows: 4, columns: 1, storage: [0.1, 0.4, 0.6, 0.9]), targets: [-1, 0.5, 1, 2], kernel: .matern52,
                            hyperparameters: GPHyperparameters(lengthscales: [0.3], amplitude: 1, noise: 1e-6))
    }

    /// Hedge weights exp(η gₖ), normalised; stable for large gains.
    @Test func probabilitiesFollowTheExponentialWeights() {
        #expect(GPSampler.hedgeProbabilities([0, 0]) == [0.5, 0.5])
        let p = GPSampler.hedgeProbabilities([1, 0])
        #expect(abs(p[0] - M_E / (M_E + 1)) < 1e-15 && abs(p[1] - 1 / (M_E + 1)) < 1e-15)
        let big = GPSampler.hedgeProbabilities([2000, 0])
        #expect(big[0] == 1 && big[1] < 1e-300)
        #expect(abs(GPSampler.hedgeProbabilities([-3, -1], eta: 0.5)[1] - 1 / (1 + exp(-1))) < 1e-15)
    }

    /// Gains on a fixed nominee sequence: each member's gain is minus the sum of the current
    /// posterior mean at its nominees (LogEI first, UCB second in each row); malformed rows are skipped.
    @Test func gainsSumTheMeanAtEachMembersNominees() throws {
        let gp = try gp()
        let history: [[Double]] = [[0.1, 0.9], [0.2, 0.8], [0.5], [0.3, .nan]]
        let gains = GPSampler.hedgeGains(gp, history: history, dimension: 1)
        let mean = gp.predict(Matrix(rows: 4, columns: 1, storage: [0.1, 0.2, 0.9, 0.8])).mean
        #expect(abs(gains[0] + mean[0] + mean[1]) < 1e-12)
        #expect(abs(gains[1] + mean[2] + mean[3]) < 1e-12)
        // LogEI's nominees sit near the low observation: it gains, and the next pick favours it.
        #expect(gains[0] > gains[1])
        #expect(GPSampler.hedgeProbabilities(gains)[0] > 0.9)
        #expect(GPSampler.hedgeGains(gp, history: [], dimension: 1) == [0, 0])
    }

    @Test func meanOnlyPredictionMatchesPredict() throws {
        let gp = try gp()
        let points = Matrix(rows: 3, columns: 1, storage: [0, 0.45, 1])
        let full = gp.predict(points).mean, fast = gp.predictMean(points)
        for i in 0..<3 { #expect(abs(full[i] - fast[i]) < 1e-12) }
    }

    /// A hedge study records both nominees and is deterministic with the seed.
    @Test func hedgeSuggestionsRecordNomineesAndRepeat() throws {
        let f = TestFunction.branin
        let sampler = GPSampler(options: GPSampler.Options(acquisition: .hedge, candidates: 256, restarts: 2))
        #expect(try GPSampler.Options(["acquisition": .string("hedge")]).acquisition == .hedge)
        var trials: [Trial] = []
        for n in 0..<14 {
            let context = SamplingContext(space: f.searchSpace, trialNumber: n, seed: 5, direction: .minimize, trials: trials)
            let s = try sampler.suggest(in: context)
            if n >= 10 {
                #expect(s.attributes[GPSampler.hedgeKey]?.doubles?.count == 4)
                #expect(try sampler.suggest(in: context).params == s.params)
            }
            trials.append(Trial(number: n, state: .complete, params: s.params, value: f(f.inputs(s.params)!), attributes: s.attributes))
        }
    }
}
