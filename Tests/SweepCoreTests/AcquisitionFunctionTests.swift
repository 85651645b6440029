import Foundation
import SweepCore
import SweepMath
import Testing

@Suite struct AcquisitionFunctionTests {
    func gp() throws -> GaussianProcess {
        var rng = Xoshiro256StarStar(seed: 21)
        var x = Matrix<Double>(rows: 12, columns: 2)
        for i in 0..<24 { x.storage[i] = rng.nextUnit() }
        let y = (0..<12).map { sin(4 * x[$0, 0]) + x[$0, 1] }
        return try GaussianProcess(inputs: x, targets: y, kernel: .matern52,
                                   hyperparameters: GPHyperparameters(lengthscales: [0.3, 0.6], amplitude: 1, noise: 1e-6))
    }

    @Test func gradientMatchesFiniteDifferences() throws {
        let model = try gp()
        for kind in [AcquisitionFunction.Kind.logExpectedImprovement(best: -0.5), .upperConfidenceBound(beta: 4)] {
            let a = AcquisitionFunction(gp: model, kind: kind)
            for p in [[0.3, 0.7], [0.95, 0.05], [0.5, 0.5]] {
                var g = [0.0, 0]
                let v = a.valueAndGradient(p, gradient: &g)
                #expect(abs(v - a.values(Matrix([p]))[0]) < 1e-10)
                for j in 0..<2 {
                    var up = p, down = p
                    up[j] += 1e-6; down[j] -= 1e-6
                    let fd = (a.values(Matrix([up]))[0] - a.values(Matrix([down]))[0]) / 2e-6
                    #expect(abs(fd - g[j]) < 1e-5 * max(1, abs(fd)), "\(kind) at \(p) ∂\(j): \(g[j]) vs \(fd)")
                }
            }
        }
    }

    @Test func logEIAgreesWithClosedFormAndStaysFinite() throws {
        let model = try gp()
        let points = Matrix([[0.2, 0.2], [0.8, 0.9], [0.45, 0.1]])
        let (mean, variance) = model.predict(points)
        let best = -0.3
        let logEI = AcquisitionFunction(gp: model, kind: .logExpectedImprovement(best: best)).values(points)
        for i in 0..<3 {
            let s = variance[i].squareRoot(), z = (best - mean[i]) / s
            let ei = s * (NormalDistribution.pdf(z) + z * NormalDistribution.cdf(z))
            #expect(abs(logEI[i] - log(ei)) < 1e-9 * max(1, abs(log(ei))))
        }
        // Far below the incumbent plain EI underflows to 0; LogEI stays finite and ordered.
        let far = AcquisitionFunction(gp: model, kind: .logExpectedImprovement(best: -1e3)).values(points)
        #expect(far.allSatisfy { $0.isFinite && $0 < -1e3 })
    }

    @Test func localizedAcquisitionAgreesNearItsCentre() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        var x = Matrix<Double>(rows: 80, columns: 2)
        for i in 0..<160 { x.storage[i] = rng.nextUnit() }
        let y = (0..<80).map { sin(9 * x[$0, 0]) * cos(7 * x[$0, 1]) }
        let model = try GaussianProcess(inputs: x, targets: y, kernel: .matern52,
                                        hyperparameters: GPHyperparameters(lengthscales: [0.05, 0.05], amplitude: 1, noise: 1e-6))
        let full = AcquisitionFunction(gp: model, kind: .logExpectedImprovement(best: y.min()!))
        #expect(full.localized(around: [0.5, 0.5], count: 80) == nil)
        let centre = [0.41, 0.63]
        let local = try #require(full.localized(around: centre, count: 40))
        #expect(local.gp.count == 40)
        let a = full.values(Matrix([centre]))[0], b = local.values(Matrix([centre]))[0]
        #expect(abs(a - b) < 1e-3 * max(1, abs(a)), "full \(a) vs local \(b)")
    }
}
