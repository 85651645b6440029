import Foundation
import SweepMath
import SweepTestSupport
import Testing

private struct LogEIFixture: Decodable {
    struct Entry: Decodable { let z: Double; let log_h: Double }
    let values: [Entry]
}

@Suite struct NormalDistributionTests {
    @Test func logHMatchesHighPrecisionReference() throws {
        let fixture = try TestPaths.loadJSON(LogEIFixture.self, fixture: "log_ei_h.json")
        #expect(fixture.values.count >= 20)
        var worst = 0.0
        defer { print("log h(z) fixture: worst relative error \(worst) over \(fixture.values.count) points") }
        for e in fixture.values {
            let v = NormalDistribution.logH(e.z)
            let rel = abs(v - e.log_h) / abs(e.log_h)
            worst = max(worst, rel)
            #expect(rel <= 1e-10, "z=\(e.z): \(v) vs \(e.log_h), rel \(rel)")
        }
    }

    @Test func logHDerivativeMatchesFiniteDifferences() {
        for z in [-500.0, -40, -5, -1.0000001, -1, -0.999, -0.3, 0, 0.7, 4, 25] {
            let d = NormalDistribution.logHWithDerivative(z).derivative
            let eps = 1e-6 * max(1, abs(z))
            let fd = (NormalDistribution.logH(z + eps) - NormalDistribution.logH(z - eps)) / (2 * eps)
            #expect(abs(d - fd) <= 1e-6 * max(1, abs(fd)), "z=\(z): \(d) vs \(fd)")
        }
    }

    @Test func logHIsContinuousAcrossBranches() {
        let below = NormalDistribution.logH(-1 - 1e-12), above = NormalDistribution.logH(-1 + 1e-12)
        #expect(abs(below - above) < 1e-10)
        let c = -1 / Double.ulpOfOne.squareRoot()
        #expect(abs(NormalDistribution.logH(c * (1 - 1e-12)) / NormalDistribution.logH(c * (1 + 1e-12)) - 1) < 1e-10)
    }

    @Test func cdfAndErfcx() {
        #expect(abs(NormalDistribution.cdf(0) - 0.5) < 1e-16)
        #expect(abs(NormalDistribution.cdf(1.959963984540054) - 0.975) < 1e-15)
        // erfcx(x) ~ 1/(x√π) for large x, and agrees with exp(x²)erfc(x) at the switch-over.
        #expect(abs(NormalDistribution.erfcx(1e6) * 1e6 * Double.pi.squareRoot() - 1) < 1e-11)
        let a = NormalDistribution.erfcx(10 - 1e-12), b = NormalDistribution.erfcx(10)
        #expect(abs(a / b - 1) < 1e-12)
        #expect(NormalDistribution.logCDF(-40).isFinite)
        #expect(abs(NormalDistribution.logCDF(-3) - log(NormalDistribution.cdf(-3))) < 1e-13)
    }

    @Test func logEIIsFiniteFarBelowTheIncumbent() {
        let v = NormalDistribution.logExpectedImprovement(mean: 100, std: 1e-3, best: 0)
        #expect(v.isFinite && v < -1e9)
        let w = NormalDistribution.logExpectedImprovement(mean: 0, std: 1, best: 0)
        #expect(abs(w - log(0.3989422804014327)) < 1e-14)
    }
}
