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
        let observed = GPSampler.improvementTarget(gp, observed: x, best: -3, mode: .observed)
        let mean = GPSampler.improvementTarget(gp, observed: x, best: -3, mode: .posteriorMean)
        #expect(observed == -3)
        #expect(mean > -3 && mean < -0.5, "posterior-mean incumbent \(mean)")
        #expect(mean == gp.predictMean(x).min())
        #expect(try GPSampler.Options(["incumbent": .string("posterior_mean")]).incumbent == .posteriorMean)
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["incumbent": .string("best")]) }
    }
}
