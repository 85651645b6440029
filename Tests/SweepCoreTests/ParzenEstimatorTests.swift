import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// Standard normal distribution function, written out independently of SweepMath.
private func phi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
private func density(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

@Suite struct ParzenEstimatorTests {
    @Test func optunaDefaultWeights() {
        #expect(ParzenEstimator.defaultWeights(0).isEmpty)
        #expect(ParzenEstimator.defaultWeights(24) == [Double](repeating: 1, count: 24))
        // n = 30: numpy.linspace(1/30, 1, 5) then 25 ones.
        let w = ParzenEstimator.defaultWeights(30)
        #expect(w.count == 30)
        let ramp = [1.0 / 30, 1.0 / 30 + (29.0 / 30) / 4, 1.0 / 30 + 2 * (29.0 / 30) / 4, 1.0 / 30 + 3 * (29.0 / 30) / 4, 1]
        for i in 0..<5 { #expect(abs(w[i] - ramp[i]) < 1e-15) }
        #expect(w[5...].allSatisfy { $0 == 1 })
    }

    @Test func gammaIsOptunasDefault() {
        #expect(TPESampler.gamma(10) == 1 && TPESampler.gamma(11) == 2 && TPESampler.gamma(100) == 10)
        #expect(TPESampler.gamma(250) == 25 && TPESampler.gamma(1000) == 25)
    }

    /// Continuous: two observations on [0, 10] plus the prior kernel (Optuna 5's neighbour bandwidths).
    @Test func continuousDensityMatchesHandComputation() {
        let dim = TPEDimension(.float(lower: 0, upper: 10))
        let e = ParzenEstimator(observations: [[2], [7]], dimensions: [dim], parameters: .init())
        // Ends 0 | 2 7 | 10: σ(2) = max(2, 5) = 5, σ(7) = max(5, 3) = 5; the end kernels take their inner
        // distance 7 − 2 = 5; clip into [10/min(100, 4), 10] keeps 5. Prior: μ 5, σ 10.
        let comps: [(mu: Double, sigma: Double)] = [(2, 5), (7, 5), (5, 10)]
        for x in [0.0, 1.5, 5, 9.99] {
            let expected = comps.reduce(0.0) { acc, c in
                let z = phi((10 - c.mu) / c.sigma) - phi((0 - c.mu) / c.sigma)
                return acc + density((x - c.mu) / c.sigma) / c.sigma / z / 3
            }
            let got = e.logDensity([[x]])[0]
            #expect(abs(got - log(expected)) < 1e-12, "x = \(x)")
        }
    }

    /// Endpoints and the magic clip: one-sided neighbours, then σ ≥ width/(n + 2).
    @Test func neighbourBandwidthsFollowOptuna() {
        let wide = ParzenEstimator.bandwidths([1, 9], low: 0, high: 10, dimension: 1, parameters: .init())
        #expect(wide == [8, 8])  // ends 0 | 1 9 | 10: inner distance 8 for both end kernels
        var p = ParzenEstimator.Parameters()
        p.considerEndpoints = true
        #expect(ParzenEstimator.bandwidths([1, 9], low: 0, high: 10, dimension: 1, parameters: p) == [8, 8])
        // Three close points: neighbour distances 0.05, clipped up to 1/5.
        let close = ParzenEstimator.bandwidths([0.9, 0.95, 0.85], low: 0, high: 1, dimension: 1, parameters: .init())
        #expect(close == [0.2, 0.2, 0.2])
        p = ParzenEstimator.Parameters()
        p.considerMagicClip = false
        let unclipped = ParzenEstimator.bandwidths([0.9, 0.95, 0.85], low: 0, high: 1, dimension: 1, parameters: p)
        #expect(zip(unclipped, [0.05, 0.05, 0.05]).allSatisfy { abs($0 - $1) < 1e-12 })
        // Scott (Optuna ≤ 4 multivariate): 0.2 · n^(−1/(d+4)) · width, clipped.
        p = ParzenEstimator.Parameters()
        p.scottBandwidth = true
        let scott = ParzenEstimator.bandwidths(Array(repeating: 0.5, count: 1000), low: 0, high: 1, dimension: 6, parameters: p)
        #expect(abs(scott[0] - 0.2 * pow(1000, -0.1)) < 1e-12)
    }

    /// Int: cell masses of the truncated normal over [low − ½, high + ½], normalised.
    @Test func discreteMassMatchesHandComputation() {
        let dim = TPEDimension(.int(lower: 1, upper: 5))
        let e = ParzenEstimator(observations: [[2]], dimensions: [dim], parameters: .init())
        // Range [0.5, 5.5], width 5; ends 0.5 | 2 | 5.5: σ = max(1.5, 3.5) = 3.5 in [5/3, 5]. Prior: μ 3, σ 5.
        let comps: [(Double, Double)] = [(2, 3.5), (3, 5)]
        var total = 0.0
        for v in 1...5 {
            let x = Double(v)
            let expected = comps.reduce(0.0) { acc, c in
                let cell = phi((x + 0.5 - c.0) / c.1) - phi((x - 0.5 - c.0) / c.1)
                return acc + 0.5 * cell / (phi((5.5 - c.0) / c.1) - phi((0.5 - c.0) / c.1))
            }
            let got = exp(e.logDensity([[x]])[0])
            #expect(abs(got - expected) < 1e-12, "v = \(v)")
            total += got
        }
        #expect(abs(total - 1) < 1e-12)
    }

    /// Log int: kernels in log space on [log 0.5, log 100.5], mass over [log(v − ½), log(v + ½)].
    @Test func logIntMassMatchesHandComputation() {
        let dim = TPEDimension(.int(lower: 1, upper: 100, log: true))
        let e = ParzenEstimator(observations: [[10]], dimensions: [dim], parameters: .init())
        let lo = log(0.5), hi = log(100.5), width = hi - lo
        // Ends lo | log 10 | hi: σ = max(log 20, log 10.05) = log 20, inside [width/3, width].
        let comps: [(Double, Double)] = [(log(10), log(20)), ((lo + hi) / 2, width)]
        var total = 0.0
        for v in 1...100 {
            let x = Double(v)
            let expected = comps.reduce(0.0) { acc, c in
                let cell = phi((log(x + 0.5) - c.0) / c.1) - phi((log(x - 0.5) - c.0) / c.1)
                return acc + 0.5 * cell / (phi((hi - c.0) / c.1) - phi((lo - c.0) / c.1))
            }
            let got = exp(e.logDensity([[x]])[0])
            #expect(abs(got - expected) < 1e-12, "v = \(v)")
            total += got
        }
        #expect(abs(total - 1) < 1e-12)
    }

    /// Categorical: each kernel puts prior_weight/(n+1) on every choice and 1 on its own.
    @Test func categoricalProbabilitiesMatchHandComputation() {
        let dim = TPEDimension(.categorical([.string("a"), .string("b"), .string("c")]))
        let e = ParzenEstimator(observations: [[0], [0], [2]], dimensions: [dim], parameters: .init())
        // 4 kernels, base 1/4: own choice (1.25)/(1.75), others (0.25)/(1.75); prior uniform 1/3.
        let own = 1.25 / 1.75, other = 0.25 / 1.75
        let pA = 0.25 * (own + own + other + 1.0 / 3)
        let pB = 0.25 * (other + other + other + 1.0 / 3)
        let pC = 0.25 * (other + other + own + 1.0 / 3)
        let got = e.logDensity([[0], [1], [2]]).map { exp($0) }
        #expect(abs(got[0] - pA) < 1e-12 && abs(got[1] - pB) < 1e-12 && abs(got[2] - pC) < 1e-12)
        #expect(abs(pA + pB + pC - 1) < 1e-12)
    }

    @Test func samplesStayInTheDomainAndFollowTheDensity() {
        let dims = [TPEDimension(.float(lower: 0, upper: 1)), TPEDimension(.int(lower: 0, upper: 8, step: 2)),
                    TPEDimension(.categorical([.int(1), .int(2)]))]
        let e = ParzenEstimator(observations: [[0.9, 8, 1], [0.95, 8, 1], [0.85, 6, 1]], dimensions: dims, parameters: .init())
        var rng = Xoshiro256StarStar(seed: 3)
        let xs = e.sample(2000, using: &rng)
        #expect(xs.allSatisfy { $0[0] >= 0 && $0[0] <= 1 && [0, 2, 4, 6, 8].contains($0[1]) && [0, 1].contains($0[2]) })
        // Most mass near the observations (3 of 4 kernel weights sit at x ≈ 0.9).
        let high = xs.filter { $0[0] > 0.5 }.count
        #expect(high > 1300)
    }
}
