import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// The TPE components beyond Optuna's arguments (Watanabe 2023): the startup design, the magic
/// clip's floor and exponent, and the observation weights — each option's effect on a fixed input.
@Suite struct TPEComponentOptionsTests {
    /// A fixed minimisation history on branin: trial n at a point of a fixed random stream.
    static func history(count: Int) throws -> [Trial] {
        let f = TestFunction.branin
        var rng = Xoshiro256StarStar(seed: 77, stream: 5)
        return try (0..<count).map { n in
            let params = try f.searchSpace.decode([rng.nextUnit(), rng.nextUnit()])
            return Trial(number: n, state: .complete, params: params, value: f(f.inputs(params)!))
        }
    }

    @Test func sobolStartupTakesTheSeedsScrambledSobolPoints() throws {
        var o = TPESampler.Options()
        o.startup = .sobol
        let space = TestFunction.hartmann6.searchSpace
        let history = try TPEComponentOptionsTests.history(count: 0)
        for n in 0..<10 {
            let ctx = SamplingContext(space: space, trialNumber: n, seed: 4, direction: .minimize, trials: history)
            let s = try TPESampler(options: o).suggest(in: ctx)
            #expect(s.params == (try SobolSampler().suggest(in: ctx).params))
            #expect(s.params != (try RandomSampler().suggest(in: ctx).params))
            #expect(s.attributes["tpe.phase"] == .string("startup"))
        }
        // After the startup trials the model takes over, as with random startup.
        let trials = try TPEComponentOptionsTests.history(count: 10)
        let ctx = SamplingContext(space: TestFunction.branin.searchSpace, trialNumber: 10, seed: 4, direction: .minimize, trials: trials)
        #expect(try TPESampler(options: o).suggest(in: ctx).attributes["tpe.phase"] == .string("model"))
    }

    /// Beyond the Sobol sequence's 1,024 dimensions the startup draws at random instead of failing.
    @Test func sobolStartupFallsBackToRandomBeyondTheSequencesDimensions() throws {
        let space = try SearchSpace((0...SobolSequence.maxDimension).map { .float("x\($0)", 0, 1) })
        let ctx = SamplingContext(space: space, trialNumber: 0, seed: 2, direction: .minimize, trials: [])
        let s = try TPESampler().suggest(in: ctx)
        #expect(s.params == (try RandomSampler().suggest(in: ctx).params))
        #expect(s.attributes["tpe.phase"] == .string("startup"))
    }

    /// Identical observations have zero neighbour distances, so every bandwidth is the clip's floor
    /// `width · max(factor, 1/(n + 2)^α)`.
    @Test func magicClipFloorFollowsFactorAndExponent() {
        let xs = [Double](repeating: 3, count: 48)  // n + 2 = 50
        func floor(_ factor: Double, _ exponent: Double) -> Double {
            var p = ParzenEstimator.Parameters()
            p.minBandwidthFactor = factor
            p.magicClipExponent = exponent
            let s = ParzenEstimator.bandwidths(xs, low: 0, high: 10, dimension: 1, parameters: p)
            #expect(Set(s).count == 1)
            return s[0]
        }
        #expect(floor(0.01, 1) == 10.0 / 50)  // Optuna: width / min(100, n + 2)
        #expect(abs(floor(0.03, 1) - 10 * 0.03) < 1e-15)  // the factor wins over 1/50
        #expect(abs(floor(0.01, 2) - 10 * 0.01) < 1e-15)  // 1/2500 < 0.01
        #expect(abs(floor(0.0001, 2) - 10.0 / 2500) < 1e-15)
    }

    @Test func eiWeightsAreImprovementsOverTheBestAboveValue() throws {
        let trials = try TPEComponentOptionsTests.history(count: 40)
        let ctx = SamplingContext(space: TestFunction.branin.searchSpace, trialNumber: 40, seed: 1, direction: .minimize, trials: trials)
        let (below, above) = TPESampler.split(ctx, gamma: TPESampler.gamma(40), constantLiar: true)
        var o = TPESampler.Options()
        o.weighting = .ei
        let (wb, wa) = TPESampler(options: o).observationWeights(ctx, below: below, above: above)
        let threshold = above.map { trials[$0].value! }.min()!
        #expect(wb == below.map { threshold - trials[$0].value! })
        #expect(try #require(wb).allSatisfy { $0 > 0 })
        #expect(wa == [Double](repeating: 1, count: above.count))
        // Maximising: the improvement is measured the other way round.
        let up = SamplingContext(space: ctx.space, trialNumber: 40, seed: 1, direction: .maximize, trials: trials)
        let (ub, ua) = TPESampler.split(up, gamma: 4, constantLiar: true)
        let (wu, _) = TPESampler(options: o).observationWeights(up, below: ub, above: ua)
        let top = ua.map { trials[$0].value! }.max()!
        #expect(wu == ub.map { trials[$0].value! - top })
        // A pruned trial among the good ones (no final value): uniform weights.
        var withPruned = trials
        withPruned[below[0]] = Trial(number: below[0], state: .pruned, params: trials[below[0]].params)
        let p = SamplingContext(space: ctx.space, trialNumber: 40, seed: 1, direction: .minimize, trials: withPruned)
        #expect(TPESampler(options: o).observationWeights(p, below: below, above: above).below == [Double](repeating: 1, count: below.count))
        // Values whose differences overflow: uniform weights, and a proposal in the range.
        var huge = trials
        for i in huge.indices { huge[i].value = i < 4 ? -1.7e308 : 1.7e308 }  // the 4 good ones 3.4e308 better
        let h = SamplingContext(space: ctx.space, trialNumber: 40, seed: 1, direction: .minimize, trials: huge)
        let (hb, ha) = TPESampler.split(h, gamma: TPESampler.gamma(40), constantLiar: true)
        #expect(TPESampler(options: o).observationWeights(h, below: hb, above: ha).below == [Double](repeating: 1, count: hb.count))
        let x = try #require(TestFunction.branin.inputs(try TPESampler(options: o).suggest(in: h).params))
        #expect((-5...10).contains(x[0]) && (0...15).contains(x[1]))
        // Optuna's weighting leaves them to the estimator; uniform gives 1 to every observation.
        #expect(TPESampler(options: .optuna).observationWeights(ctx, below: below, above: above).below == nil)
        o.weighting = .uniform
        let (flatBelow, flatAbove) = TPESampler(options: o).observationWeights(ctx, below: below, above: above)
        #expect(flatBelow == [Double](repeating: 1, count: below.count) && flatAbove == [Double](repeating: 1, count: above.count))
    }

    /// Given weights replace Optuna's ramp; the prior kernel weighs `priorWeight` × their mean.
    @Test func givenObservationWeightsSetTheMixture() {
        let dims = [TPEDimension(.float(lower: 0, upper: 1, log: false, step: nil))]
        var p = ParzenEstimator.Parameters()
        p.priorWeight = 2
        let e = ParzenEstimator(rows: [0.1, 0.5, 0.9], count: 3, dimensions: dims, parameters: p, observationWeights: [1, 2, 6])
        // prior 2 · mean 3 = 6; total 15.
        let expected: [Double] = [1.0 / 15, 2.0 / 15, 6.0 / 15, 6.0 / 15]
        for (got, want) in zip(e.weights, expected) { #expect(abs(got - want) < 1e-15) }
        // Uniform weights past 25 observations differ from Optuna's ramp for the oldest.
        let rows = (0..<30).map { Double($0) / 30 }
        let ramp = ParzenEstimator(rows: rows, count: 30, dimensions: dims, parameters: .init())
        let flat = ParzenEstimator(rows: rows, count: 30, dimensions: dims, parameters: .init(),
                                   observationWeights: [Double](repeating: 1, count: 30))
        #expect(Set(flat.weights).count == 1)
        #expect(ramp.weights[0] < ramp.weights[29])
    }

    /// EI weights change the proposals on the same history (the option reaches the estimators):
    /// over five seeds, not every proposal equals the one with Optuna's weights. (Uniform weights
    /// change only g's oldest kernels, see ``givenObservationWeightsSetTheMixture()``.)
    @Test func weightingChangesTheProposalOnAFixedHistory() throws {
        let trials = try TPEComponentOptionsTests.history(count: 60)
        func proposals(_ w: TPESampler.Weighting) throws -> [String] {
            var o = TPESampler.Options.optuna
            o.weighting = w
            return try (0..<5 as Range<UInt64>).map { seed in
                let ctx = SamplingContext(space: TestFunction.branin.searchSpace, trialNumber: 60, seed: seed, direction: .minimize, trials: trials)
                return "\(try TPESampler(options: o).suggest(in: ctx).params)"
            }
        }
        let optuna = try proposals(.optuna)
        #expect(try proposals(.ei) != optuna)
    }
}
