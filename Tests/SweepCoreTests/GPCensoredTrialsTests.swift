import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// Pruned trials as censored observations (`GPSampler+CensoredTrials`, issue 15).
@Suite struct GPCensoredTrialsTests {
    /// The truncated normal mean against SciPy 1.x (`truncnorm.mean((b − μ)/σ, inf, loc=μ, scale=σ)`),
    /// from far below the mean to far into the upper tail.
    @Test(arguments: [
        (0.0, 1.0, 0.0, 0.7978845608028654), (0, 1, 1, 1.525135276160981), (0, 1, -1, 0.2875999709391784),
        (0, 1, 10, 10.098093233962564), (2, 0.5, 1.5, 2.143799985469589), (0, 1, -40, 0), (0, 1, 40, 40.024968847210886),
    ])
    func truncatedNormalMeanMatchesSciPy(mean: Double, std: Double, lower: Double, expected: Double) {
        let v = GPSampler.truncatedNormalMean(mean: mean, std: std, lower: lower)
        #expect(abs(v - expected) <= 1e-9 * max(1, abs(expected)), "μ \(mean) σ \(std) b \(lower): \(v)")
    }

    @Test func truncatedNormalMeanWithoutSpreadIsTheLargerOfMeanAndBound() {
        #expect(GPSampler.truncatedNormalMean(mean: 1, std: 0, lower: 2) == 2)
        #expect(GPSampler.truncatedNormalMean(mean: 3, std: 0, lower: 2) == 3)
    }

    /// The defect measured with `scripts/bench/pruned` (issue 15): a pruned trial entered the
    /// posterior *at* its mapped value, although the pruner only says the final value is at least that
    /// bad. Where the complete trials predict far worse than the bound, the target now follows them;
    /// where they predict better, it stays at the bound or just above; failed trials (no value) keep
    /// their worst-value target, and the modes other than `censored` change nothing.
    @Test func prunedTargetsAreTheirBoundsConditionedOnThePosterior() throws {
        // Complete trials along the first axis: bad (2) on the left, good (−1) on the right.
        let xs: [[Double]] = [[0.0, 0.5], [0.1, 0.5], [0.2, 0.5], [0.8, 0.5], [0.9, 0.5], [1.0, 0.5]]
        let ys = [2.0, 2.0, 2.0, -1.0, -1.0, -1.0]
        let complete = Matrix(rows: xs.count, columns: 2, storage: xs.flatMap { $0 })
        let theta = GPHyperparameters(lengthscales: [0.3, 0.3], amplitude: 1, noise: 1e-4)
        let layout = UnitCubeLayout(TestFunction.branin.searchSpace)  // two continuous coordinates
        let stopped = [
            GPSampler.StoppedTrial(point: [0.1, 0.45], value: 0),  // among the bad ones, bound 0: ≈ 2
            GPSampler.StoppedTrial(point: [0.9, 0.45], value: 0),  // among the good ones, bound 0: ≈ 0
            GPSampler.StoppedTrial(point: [0.5, 0.5], value: nil),  // failed: worst target kept
        ]
        let targets = [0.0, 0.0, 2.5]
        let sampler = GPSampler(options: GPSampler.Options(priorMean: 0))
        let out = sampler.censoredTargets(targets, stopped, complete: complete, ys: ys, theta: theta, layout: layout)
        #expect(abs(out[0] - 2) < 0.1, "\(out)")
        #expect(out[1] >= 0 && out[1] < 0.1, "\(out)")
        #expect(out[2] == 2.5)
        let last = GPSampler(options: GPSampler.Options(prunedTrials: .last, priorMean: 0))
        #expect(last.censoredTargets(targets, stopped, complete: complete, ys: ys, theta: theta, layout: layout) == targets)
    }

    @Test func censoredIsTheDefaultAndParses() throws {
        #expect(GPSampler.Options().prunedTrials == .censored)
        #expect(try GPSampler.Options(["pruned_trials": .string("censored")]).prunedTrials == .censored)
        #expect(try GPSampler.Options(["pruned_trials": .string("last")]).prunedTrials == .last)
    }
}
