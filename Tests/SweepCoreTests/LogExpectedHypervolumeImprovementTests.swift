import Foundation
import SweepMath
import Testing
@testable import SweepCore

@Suite struct LogExpectedHypervolumeImprovementTests {
    /// Monte-Carlo EHVI with `samples` draws: the hypervolume gained by each sampled point, computed by
    /// ``Hypervolume`` (an independent code path), averaged; returns the mean and its standard error.
    func monteCarlo(front: [[Double]], reference: [Double], mean: [Double], std: [Double], samples: Int,
                    seed: UInt64) throws -> (mean: Double, standardError: Double) {
        let directions = Array(repeating: Direction.minimize, count: reference.count)
        let base = try Hypervolume.compute(front, reference: reference, directions: directions)
        var rng = Xoshiro256StarStar(seed: seed, stream: 0)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<samples {
            let y = zip(mean, std).map { $0 + $1 * rng.nextNormal() }
            let gain = try Hypervolume.compute(front + [y], reference: reference, directions: directions) - base
            sum += gain
            sumSquares += gain * gain
        }
        let n = Double(samples)
        let m = sum / n
        return (m, ((sumSquares / n - m * m) / (n - 1)).squareRoot())
    }

    /// Exact EHVI agrees with 20,000 Monte-Carlo draws within 4 standard errors, for 2, 3 and 4 objectives
    /// and posteriors on, behind and beyond the front.
    @Test(arguments: [
        ([[0.2, 0.8], [0.5, 0.4], [0.9, 0.1]], [1.0, 1.0], [0.4, 0.5], [0.2, 0.3]),
        ([[0.2, 0.8], [0.5, 0.4], [0.9, 0.1]], [1.0, 1.0], [0.7, 0.6], [0.1, 0.1]),
        ([[0.2, 0.8, 0.5], [0.5, 0.4, 0.3], [0.9, 0.1, 0.7], [0.3, 0.3, 0.9]], [1.0, 1.0, 1.0], [0.4, 0.4, 0.4], [0.3, 0.2, 0.25]),
        ([[0.2, 0.8, 0.5, 0.4], [0.5, 0.4, 0.3, 0.6], [0.6, 0.6, 0.2, 0.1]], [1.0, 1.0, 1.0, 1.0],
         [0.5, 0.5, 0.5, 0.5], [0.3, 0.3, 0.3, 0.3]),
    ])
    func matchesMonteCarlo(front: [[Double]], reference: [Double], mean: [Double], std: [Double]) throws {
        let exact = exp(try LogExpectedHypervolumeImprovement(front: front, reference: reference).value(mean: mean, std: std))
        let mc = try monteCarlo(front: front, reference: reference, mean: mean, std: std, samples: 20_000, seed: 7)
        #expect(abs(exact - mc.mean) <= 4 * mc.standardError + 1e-12, "exact \(exact), MC \(mc.mean) ± \(mc.standardError)")
        #expect(exact > 0)
    }

    /// With no uncertainty (σ → 0) EHVI is the hypervolume improvement of the mean itself.
    @Test func deterministicLimitIsTheImprovement() throws {
        let front = [[0.2, 0.8], [0.5, 0.4], [0.9, 0.1]], reference = [1.0, 1.0]
        let y = [0.3, 0.35]
        let hvi = try Hypervolume.compute(front + [y], reference: reference, directions: [.minimize, .minimize])
            - Hypervolume.compute(front, reference: reference, directions: [.minimize, .minimize])
        let ehvi = exp(try LogExpectedHypervolumeImprovement(front: front, reference: reference).value(mean: y, std: [1e-9, 1e-9]))
        #expect(abs(ehvi - hvi) < 1e-8 * hvi)
    }

    /// Far behind the front plain EHVI underflows to 0; the log stays finite, keeps decreasing, and its
    /// gradient still points towards the front.
    @Test func finiteFarBehindTheFront() throws {
        let acq = try LogExpectedHypervolumeImprovement(front: [[0, 0]], reference: [1, 1])
        var dm = [0.0, 0.0], ds = [0.0, 0.0]
        let near = acq.value(mean: [5, 5], std: [0.1, 0.1])
        let far = acq.valueAndGradient(mean: [20, 20], std: [0.1, 0.1], dMean: &dm, dStd: &ds)
        #expect(far.isFinite && near.isFinite && far < near && far < -1e4)
        #expect(dm.allSatisfy { $0 < 0 } && ds.allSatisfy { $0 > 0 })
    }

    /// Partial derivatives with respect to means and stds match central differences (relative 1e-5).
    @Test(arguments: [([0.4, 0.5], [0.2, 0.3]), ([0.95, 0.2], [0.05, 0.4]), ([3.0, 2.5], [0.2, 0.2])])
    func gradientMatchesFiniteDifferences(mean: [Double], std: [Double]) throws {
        let acq = try LogExpectedHypervolumeImprovement(front: [[0.2, 0.8], [0.5, 0.4], [0.9, 0.1]], reference: [1, 1])
        var dm = [0.0, 0.0], ds = [0.0, 0.0]
        _ = acq.valueAndGradient(mean: mean, std: std, dMean: &dm, dStd: &ds)
        let h = 1e-6
        for k in 0..<2 {
            var up = mean, down = mean
            up[k] += h; down[k] -= h
            let fdMean = (acq.value(mean: up, std: std) - acq.value(mean: down, std: std)) / (2 * h)
            var su = std, sd = std
            su[k] += h; sd[k] -= h
            let fdStd = (acq.value(mean: mean, std: su) - acq.value(mean: mean, std: sd)) / (2 * h)
            #expect(abs(dm[k] - fdMean) <= 1e-5 * max(1, abs(fdMean)), "dMean[\(k)] \(dm[k]) vs \(fdMean)")
            #expect(abs(ds[k] - fdStd) <= 1e-5 * max(1, abs(fdStd)), "dStd[\(k)] \(ds[k]) vs \(fdStd)")
        }
    }
}
