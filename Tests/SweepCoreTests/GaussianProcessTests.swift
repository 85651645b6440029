import Foundation
import SweepCore
import SweepMath
import SweepTestSupport
import Testing

struct SklearnGPFixture: Decodable {
    struct Fitted: Decodable { let log_marginal_likelihood: Double; let theta_log: [Double] }
    struct Case: Decodable {
        let name: String
        let kernel: String
        let X: [[Double]]
        let y: [Double]
        let X_test: [[Double]]
        let amplitude: Double
        let lengthscales: [Double]
        let noise: Double
        let posterior_mean: [Double]
        let posterior_std: [Double]
        let log_marginal_likelihood: Double
        let lml_gradient_wrt_log_params: [Double]
        let sklearn_fitted: Fitted

        var gpKernel: GPKernel { kernel == "rbf" ? .rbf : .matern52 }
        var hyperparameters: GPHyperparameters {
            GPHyperparameters(lengthscales: lengthscales, amplitude: amplitude, noise: noise)
        }
    }
    let cases: [Case]

    static func load() throws -> [Case] {
        try TestPaths.loadJSON(SklearnGPFixture.self, fixture: "gp_sklearn.json").cases
    }
}

private func relErr(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

@Suite struct GaussianProcessTests {
    @Test func matchesScikitLearnWithFixedHyperparameters() throws {
        let cases = try SklearnGPFixture.load()
        #expect(cases.count == 3)
        var worst = (mean: 0.0, std: 0.0, lml: 0.0, gradient: 0.0)
        for c in cases {
            let gp = try GaussianProcess(inputs: Matrix(c.X), targets: c.y, kernel: c.gpKernel, hyperparameters: c.hyperparameters)
            #expect(gp.jitter == 0)
            let (mean, variance) = gp.predict(Matrix(c.X_test))
            for i in 0..<mean.count {
                #expect(relErr(mean[i], c.posterior_mean[i]) <= 1e-8, "\(c.name) mean[\(i)]")
                let std = (variance[i] + c.noise).squareRoot()
                #expect(relErr(std, c.posterior_std[i]) <= 1e-8, "\(c.name) std[\(i)]")
                worst.mean = max(worst.mean, relErr(mean[i], c.posterior_mean[i]))
                worst.std = max(worst.std, relErr(std, c.posterior_std[i]))
            }
            worst.lml = max(worst.lml, abs(gp.logMarginalLikelihood - c.log_marginal_likelihood))
            #expect(abs(gp.logMarginalLikelihood - c.log_marginal_likelihood) <= 1e-8 * max(1, abs(c.log_marginal_likelihood)), "\(c.name) LML")

            let lml = GPMarginalLikelihood(inputs: Matrix(c.X), targets: c.y, kernel: c.gpKernel)
            var g = [Double](repeating: 0, count: lml.parameterCount)
            let value = lml.evaluate(c.hyperparameters.packed, gradient: &g)
            #expect(abs(value - c.log_marginal_likelihood) <= 1e-8 * max(1, abs(c.log_marginal_likelihood)))
            // scikit-learn order: [log a, log ℓ…, log σ²_n]; ours: [log ℓ…, log a, log σ²_n].
            let d = c.lengthscales.count
            let ours = [g[d]] + Array(g[0..<d]) + [g[d + 1]]
            for (p, (a, b)) in zip(ours, c.lml_gradient_wrt_log_params).enumerated() {
                #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(c.name) gradient[\(p)]: \(a) vs \(b)")
                worst.gradient = max(worst.gradient, abs(a - b) / max(1, abs(b)))
            }
        }
        print("scikit-learn fixture, worst errors: mean \(worst.mean) rel, std \(worst.std) rel, LML \(worst.lml) abs, gradient \(worst.gradient) rel")
    }

    @Test(arguments: GPKernel.allCases)
    func lmlGradientMatchesFiniteDifferences(kernel: GPKernel) throws {
        var rng = Xoshiro256StarStar(seed: 11)
        let n = 25, d = 4
        let categorical = [false, false, true, false]
        var x = Matrix<Double>(rows: n, columns: d)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<d { x[i, j] = categorical[j] ? (Double(rng.nextIndex(3)) + 0.5) / 3 : rng.nextUnit() }
            y[i] = sin(6 * x[i, 0]) + x[i, 1] * x[i, 3] + (x[i, 2] < 0.5 ? 0.3 : -0.2)
        }
        let lml = GPMarginalLikelihood(inputs: x, targets: y, kernel: kernel, categorical: categorical)
        let theta = [-1.0, -0.4, 0.2, 0.5, 0.3, -3.0]
        var g = [Double](repeating: 0, count: d + 2), scratch = g
        _ = lml.evaluate(theta, gradient: &g)
        for p in 0..<(d + 2) {
            let h = 1e-5
            var up = theta, down = theta
            up[p] += h; down[p] -= h
            let fd = (lml.evaluate(up, gradient: &scratch) - lml.evaluate(down, gradient: &scratch)) / (2 * h)
            #expect(abs(fd - g[p]) <= 1e-6 * max(1, abs(fd)), "\(kernel) θ[\(p)]: analytic \(g[p]) vs fd \(fd)")
        }
        // The posterior agrees with the workspace's LML.
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: kernel, hyperparameters: GPHyperparameters(packed: theta),
                                     categorical: categorical)
        #expect(abs(gp.logMarginalLikelihood - lml.evaluate(theta, gradient: &scratch)) < 1e-10)
    }

    @Test func priorGradientMatchesFiniteDifferences() {
        for prior in [GPPrior.standard, GPPrior.hvarfner(dimension: 3)] {
        let theta = [-1.0, 0.5, 2.0, 0.1, -5.0]
        var g = [Double](repeating: 0, count: 5), scratch = g
        _ = prior.logDensity(theta, gradient: &g)
        for p in 0..<5 {
            var up = theta, down = theta
            up[p] += 1e-6; down[p] -= 1e-6
            let fd = (prior.logDensity(up, gradient: &scratch) - prior.logDensity(down, gradient: &scratch)) / 2e-6
            #expect(abs(fd - g[p]) < 1e-6 * max(1, abs(fd)))
        }
        }
    }

    @Test func predictiveGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        let n = 15, d = 3
        var x = Matrix<Double>(rows: n, columns: d)
        for i in 0..<(n * d) { x.storage[i] = rng.nextUnit() }
        let y = (0..<n).map { cos(5 * x[$0, 0]) + x[$0, 1] }
        for kernel in GPKernel.allCases {
            let gp = try GaussianProcess(inputs: x, targets: y, kernel: kernel,
                                         hyperparameters: GPHyperparameters(lengthscales: [0.3, 0.5, 0.8], amplitude: 1.3, noise: 1e-4))
            expectPredictiveGradientMatchesFiniteDifferences(gp, at: [0.41, 0.27, 0.66], "\(kernel)")
        }
    }

    @Test func maximumLikelihoodFitReachesScikitLearn() throws {
        for c in try SklearnGPFixture.load() {
            let d = c.lengthscales.count
            var rng = Xoshiro256StarStar(seed: 5)
            var starts = [c.hyperparameters.packed, Array(repeating: 0.0, count: d + 2)]
            for _ in 0..<4 { starts.append((0..<(d + 2)).map { _ in rng.nextUniform(-3, 2) }) }
            let fitter = GPFitter(kernel: c.gpKernel, prior: nil, bounds: .scikitLearn)
            let r = try fitter.fit(inputs: Matrix(c.X), targets: c.y, starts: starts)
            print("MLE \(c.name): ours \(r.logMarginalLikelihood), scikit-learn \(c.sklearn_fitted.log_marginal_likelihood)")
            #expect(r.logMarginalLikelihood >= c.sklearn_fitted.log_marginal_likelihood - 1e-3,
                    "\(c.name): ours \(r.logMarginalLikelihood) vs sklearn \(c.sklearn_fitted.log_marginal_likelihood)")
            #expect(abs(r.objective - r.logMarginalLikelihood) < 1e-12)
        }
    }

    @Test func duplicateInputsAndConstantTargetsStillFactor() throws {
        // Identical rows make K singular without noise; jitter escalation rescues it.
        let x = Matrix([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.2, 0.9]])
        let gp = try GaussianProcess(inputs: x, targets: [1, 1, 1, 1], kernel: .matern52,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.3, 0.3], amplitude: 1, noise: 0))
        #expect(gp.jitter > 0)
        let p = gp.predict(Matrix([[0.5, 0.5]]))
        #expect(p.mean[0].isFinite && p.variance[0] >= 0)
        #expect(throws: GPError.self) {
            try GaussianProcess(inputs: x, targets: [1, .nan, 1, 1], kernel: .rbf,
                                hyperparameters: GPHyperparameters(lengthscales: [1, 1], amplitude: 1, noise: 1e-3))
        }
    }
}

/// `predictWithGradient` at `p` agrees with the batched prediction, and its mean and variance
/// gradients with central differences of it (step 1e-6, tolerance 1e-6 relative).
func expectPredictiveGradientMatchesFiniteDifferences(_ gp: GaussianProcess, at p: [Double], _ label: String,
                                                      sourceLocation: SourceLocation = #_sourceLocation) {
    let d = p.count
    var gm = [Double](repeating: 0, count: d), gv = gm
    let (m, v) = gp.predictWithGradient(at: p, meanGradient: &gm, varianceGradient: &gv)
    let batch = gp.predict(Matrix([p]))
    #expect(abs(batch.mean[0] - m) < 1e-12 && abs(batch.variance[0] - v) < 1e-12, sourceLocation: sourceLocation)
    for j in 0..<d {
        var up = p, down = p
        up[j] += 1e-6; down[j] -= 1e-6
        let a = gp.predict(Matrix([up, down]))
        let fdm = (a.mean[0] - a.mean[1]) / 2e-6, fdv = (a.variance[0] - a.variance[1]) / 2e-6
        #expect(abs(fdm - gm[j]) < 1e-6 * max(1, abs(fdm)), "\(label) mean ∂\(j): \(gm[j]) vs fd \(fdm)", sourceLocation: sourceLocation)
        #expect(abs(fdv - gv[j]) < 1e-6 * max(1, abs(fdv)), "\(label) variance ∂\(j): \(gv[j]) vs fd \(fdv)", sourceLocation: sourceLocation)
    }
}
