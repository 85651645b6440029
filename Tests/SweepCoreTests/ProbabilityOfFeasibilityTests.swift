import Foundation
import SweepMath
import Testing
@testable import SweepCore

@Suite struct ProbabilityOfFeasibilityTests {
    /// exp(log PoF) equals Φ((t − μ)/σ) = erfc(−z/√2)/2 to 1e-12 relative, and the log stays finite
    /// (and matches the asymptotic −z²/2 − log(−z√2π)) deep in the infeasible tail.
    @Test(arguments: [(0.0, 1.0, 0.0), (0.5, 0.2, 0.0), (-1.0, 0.3, 0.5), (3.0, 0.5, 0.0), (0.0, 2.0, -1.0)])
    func equalsNormalCDF(mean: Double, std: Double, threshold: Double) {
        let z = (threshold - mean) / std
        let reference = 0.5 * erfc(-z / 2.0.squareRoot())
        let p = exp(ProbabilityOfFeasibility.logProbability(mean: mean, std: std, threshold: threshold).value)
        #expect(abs(p - reference) <= 1e-12 * reference)
    }

    @Test func finiteInTheTail() {
        let z = -60.0
        let v = ProbabilityOfFeasibility.logProbability(mean: 60, std: 1, threshold: 0).value
        let asymptote = -z * z / 2 - log(-z * (2 * Double.pi).squareRoot())
        #expect(v.isFinite && abs(v - asymptote) < 1e-3)
    }

    /// Derivatives with respect to mean and std match central differences.
    @Test func derivativesMatchFiniteDifferences() {
        for (mean, std) in [(0.3, 0.7), (4.0, 0.5), (-2.0, 1.5)] {
            let p = ProbabilityOfFeasibility.logProbability(mean: mean, std: std, threshold: 0.1)
            let h = 1e-6
            let fm = (ProbabilityOfFeasibility.logProbability(mean: mean + h, std: std, threshold: 0.1).value
                - ProbabilityOfFeasibility.logProbability(mean: mean - h, std: std, threshold: 0.1).value) / (2 * h)
            let fs = (ProbabilityOfFeasibility.logProbability(mean: mean, std: std + h, threshold: 0.1).value
                - ProbabilityOfFeasibility.logProbability(mean: mean, std: std - h, threshold: 0.1).value) / (2 * h)
            #expect(abs(p.dMean - fm) < 1e-6 * max(1, abs(fm)))
            #expect(abs(p.dStd - fs) < 1e-6 * max(1, abs(fs)))
        }
    }

    /// Standardising keeps feasibility: c ≤ 0 exactly when the standardised value ≤ the threshold.
    @Test func standardisedThresholdKeepsFeasibility() {
        let cs = [-3.0, -0.5, 0.0, 0.25, 4.0, 10.0]
        let (targets, t) = ProbabilityOfFeasibility.standardise(cs)
        for (c, y) in zip(cs, targets) { #expect((c <= 0) == (y <= t + 1e-12)) }
    }

    /// The GP-based log PoF at a point is the sum over constraints of log Φ of that GP's prediction,
    /// and its gradient matches finite differences.
    @Test func fromGaussianProcesses() throws {
        let xs = [[0.1, 0.2], [0.8, 0.3], [0.5, 0.9], [0.3, 0.6], [0.9, 0.9]]
        let theta = GPHyperparameters(packed: [log(0.4), log(0.5), 0, log(1e-6)])
        let x = Matrix(rows: 5, columns: 2, storage: xs.flatMap { $0 })
        let c1 = ProbabilityOfFeasibility.standardise(xs.map { $0[0] - 0.5 })
        let c2 = ProbabilityOfFeasibility.standardise(xs.map { $0[1] * $0[1] - 0.3 })
        let gps = try [c1.targets, c2.targets].map {
            try GaussianProcess(inputs: x, targets: $0, kernel: .matern52, hyperparameters: theta)
        }
        let pof = ProbabilityOfFeasibility(gps: gps, thresholds: [c1.threshold, c2.threshold])
        let u = [0.42, 0.37]
        var expected = 0.0
        for (gp, t) in zip(gps, pof.thresholds) {
            let (m, v) = gp.predict(Matrix(rows: 1, columns: 2, storage: u))
            expected += log(NormalDistribution.cdf((t - m[0]) / v[0].squareRoot()))
        }
        var g = [0.0, 0.0]
        let value = pof.addLogValueAndGradient(u, gradient: &g)
        #expect(abs(value - expected) < 1e-10 * max(1, abs(expected)))
        #expect(abs(pof.logValues(Matrix(rows: 1, columns: 2, storage: u))[0] - value) < 1e-10 * max(1, abs(value)))
        let h = 1e-6
        for j in 0..<2 {
            var up = u, down = u
            up[j] += h; down[j] -= h
            var scratch = [0.0, 0.0]
            let fd = (pof.addLogValueAndGradient(up, gradient: &scratch) - pof.addLogValueAndGradient(down, gradient: &scratch)) / (2 * h)
            #expect(abs(g[j] - fd) < 1e-5 * max(1, abs(fd)), "coordinate \(j): \(g[j]) vs \(fd)")
        }
    }
}
