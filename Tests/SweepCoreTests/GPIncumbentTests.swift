import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// LogEI's incumbent (`incumbent: observed | posterior_mean`, issue 15 part 2).
@Suite struct GPIncumbentTests {
    /// With a noisy fit the posterior mean at an outlying best observation lies above it: the
    /// posterior-mean incumbent is that mean (between the outlier and the rest), the observed one the
    /// outlier itself.
    @Test func posteriorMeanIncumbentIsTheLowestMeanAtAnObservation() throws {
        let x = Matrix(rows: 5, columns: 1, storage: [0.1, 0.3, 0.5, 0.7, 0.9])
        let y = [0.0, 0.1, -3.0, 0.1, 0.0]
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: .matern52,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.3], amplitude: 1, noise: 1))
        let observed = GPSampler.improvementTarget(gp, observedCount: 5, best: -3, mode: .observed)
        let mean = GPSampler.improvementTarget(gp, observedCount: 5, best: -3, mode: .posteriorMean)
        #expect(observed == -3)
        #expect(mean > -3 && mean < -0.5, "posterior-mean incumbent \(mean)")
        #expect(abs(mean - gp.predictMean(x).min()!) < 1e-12)
        #expect(try GPSampler.Options(["incumbent": .string("posterior_mean")]).incumbent == .posteriorMean)
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["incumbent": .string("best")]) }
    }

    /// The O(n) posterior mean at the observations (what the incumbent uses) matches the batched
    /// prediction, from an interpolating fit (σ²_n = 1e-8, where jitter may join) to a noisy one.
    @Test(arguments: [1e-8, 1e-4, 0.3])
    func meanAtInputsMatchesPrediction(noise: Double) throws {
        var rng = Xoshiro256StarStar(seed: 8)
        let x = Matrix(rows: 30, columns: 3, storage: (0..<90).map { _ in rng.nextUnit() })
        let y = (0..<30).map { i in sin(6 * x[i, 0]) + x[i, 1] * x[i, 2] + 0.1 * rng.nextNormal() }
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: .matern52,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.3, 0.5, 0.4], amplitude: 1, noise: noise))
        let fast = gp.meanAtInputs(count: 20), slow = gp.predictMean(Matrix(rows: 20, columns: 3, storage: Array(x.storage.prefix(60))))
        #expect(fast.count == 20)
        for i in 0..<20 { #expect(abs(fast[i] - slow[i]) < 1e-7, "row \(i): \(fast[i]) vs \(slow[i])") }
        #expect(gp.meanAtInputs(count: 50).count == 30)
    }
}
