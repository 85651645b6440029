import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// Kumaraswamy input warping (`input_warping`, issue 15 part 2): the warp itself, its gradients in
/// the marginal likelihood and the posterior, the fit, and the sampler option.
@Suite struct GPInputWarpTests {
    /// Shapes from strongly concave to strongly convex, at the fit's bounds and inside.
    static let shapes: [(Double, Double)] = [(1, 1), (0.1, 10), (10, 0.1), (0.3, 2.5), (4, 0.7), (0.5, 0.5)]

    @Test func warpIsStrictlyIncreasingAndInvertible() {
        for (a, b) in Self.shapes {
            let warp = InputWarp(warped: [true], packed: [log(a), log(b)])
            var previous = -Double.infinity
            for k in 0...1000 {
                let x = Double(k) / 1000
                let (w, slope) = warp.valueAndSlope(x, coordinate: 0)
                // Increasing: strictly wherever the rise over the step exceeds rounding (extreme shapes
                // saturate at 1 in double precision), never decreasing.
                #expect(w >= previous && w >= 0 && w <= 1, "a \(a) b \(b): w(\(x)) = \(w) after \(previous)")
                if (a, b) == (1, 1) || (a, b) == (0.3, 2.5) || (a, b) == (4, 0.7) { #expect(w > previous, "a \(a) b \(b) at \(x)") }
                previous = w
                // Round trips: to rounding in w; in x to rounding divided by the slope (the inverse is
                // ill-conditioned where the warp is flat).
                let back = warp.inverse(w, coordinate: 0)
                #expect(abs(warp.value(back, coordinate: 0) - w) < 1e-12, "a \(a) b \(b): w round trip at \(x)")
                #expect(abs(back - x) * slope < 1e-12, "a \(a) b \(b): x round trip at \(x): \(back)")
            }
        }
        // a = b = 1 is the identity up to ε; unwarped coordinates pass through exactly.
        let identity = InputWarp(warped: [true, false])
        for x in [0.0, 0.123, 0.5, 0.999, 1] {
            #expect(abs(identity.value(x, coordinate: 0) - x) < 1e-6)
            #expect(identity.value(x, coordinate: 1) == x)
        }
        #expect(InputWarp(warped: [true, false, true], packed: [0.1, 0.2, 0.3, 0.4]).packed == [0.1, 0.2, 0.3, 0.4])
        #expect(InputWarp.parameterCount([true, false, true]) == 4)
    }

    @Test func slopeAndParameterGradientMatchFiniteDifferences() {
        for (a, b) in Self.shapes {
            let warp = InputWarp(warped: [true], packed: [log(a), log(b)])
            for x in [0.02, 0.2, 0.5, 0.8, 0.97] {
                let h = 1e-6
                let (w, slope) = warp.valueAndSlope(x, coordinate: 0)
                #expect(w == warp.value(x, coordinate: 0))
                let fd = (warp.value(x + h, coordinate: 0) - warp.value(x - h, coordinate: 0)) / (2 * h)
                #expect(abs(fd - slope) <= 1e-5 * max(1, abs(fd)), "a \(a) b \(b) x \(x): slope \(slope) vs fd \(fd)")
                let g = warp.valueAndParameterGradient(x, coordinate: 0)
                for (p, analytic) in [(0, g.dLogA), (1, g.dLogB)] {
                    var up = [log(a), log(b)], down = up
                    up[p] += h; down[p] -= h
                    let fdp = (InputWarp(warped: [true], packed: up).value(x, coordinate: 0)
                        - InputWarp(warped: [true], packed: down).value(x, coordinate: 0)) / (2 * h)
                    #expect(abs(fdp - analytic) <= 1e-6 * max(1, abs(fdp)), "a \(a) b \(b) x \(x) θ[\(p)]: \(analytic) vs fd \(fdp)")
                }
            }
        }
    }

    /// The LML gradient in every packed entry — lengthscales, amplitude, noise and the warp's shapes —
    /// against central differences, with a categorical coordinate that stays unwarped.
    @Test(arguments: GPKernel.allCases)
    func warpedLikelihoodGradientMatchesFiniteDifferences(kernel: GPKernel) throws {
        var rng = Xoshiro256StarStar(seed: 21)
        let n = 20, d = 3
        let categorical = [false, true, false]
        var x = Matrix<Double>(rows: n, columns: d)
        for i in 0..<n {
            for j in 0..<d { x[i, j] = categorical[j] ? (Double(rng.nextIndex(3)) + 0.5) / 3 : rng.nextUnit() }
        }
        let y = (0..<n).map { i in sin(7 * x[i, 0] * x[i, 0]) + (x[i, 1] < 0.5 ? 0.4 : -0.1) + x[i, 2] }
        let lml = GPMarginalLikelihood(inputs: x, targets: y, kernel: kernel, categorical: categorical, warped: [true, true, true])
        #expect(lml.warped == [true, false, true])
        #expect(lml.parameterCount == d + 2 + 4)
        let theta = [-1.2, -0.3, 0.4, 0.2, -4.0, -0.7, 0.5, 0.9, -0.4]
        var g = [Double](repeating: 0, count: theta.count), scratch = g
        let value = lml.evaluate(theta, gradient: &g)
        for p in theta.indices {
            let h = 1e-5
            var up = theta, down = theta
            up[p] += h; down[p] -= h
            let fd = (lml.evaluate(up, gradient: &scratch) - lml.evaluate(down, gradient: &scratch)) / (2 * h)
            #expect(abs(fd - g[p]) <= 1e-5 * max(1, abs(fd)), "\(kernel) θ[\(p)]: analytic \(g[p]) vs fd \(fd)")
        }
        // The posterior with the same warp has the same likelihood.
        let warp = InputWarp(warped: [true, false, true], packed: Array(theta.dropFirst(d + 2)))
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: kernel, hyperparameters: GPHyperparameters(packed: Array(theta.prefix(d + 2))),
                                     categorical: categorical, warp: warp)
        #expect(abs(gp.logMarginalLikelihood - value) < 1e-9)
    }

    /// Posterior mean and variance gradients with respect to the unwarped point (chain rule through
    /// the warp's slope), against central differences of the batched prediction; the localized
    /// acquisition keeps the warp.
    @Test func warpedPredictiveGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let n = 16, d = 2
        let x = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in rng.nextUnit() })
        let y = (0..<n).map { cos(5 * x[$0, 0]) + x[$0, 1] }
        let warp = InputWarp(warped: [true, true], packed: [log(0.4), log(1.8), log(2.5), log(0.6)])
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: .matern52,
                                     hyperparameters: GPHyperparameters(lengthscales: [0.3, 0.6], amplitude: 1.2, noise: 1e-4), warp: warp)
        let p = [0.37, 0.71]
        expectPredictiveGradientMatchesFiniteDifferences(gp, at: p, "warped")
        // The same GP on pre-warped inputs (no warp) predicts the same at the warped point.
        let plain = try GaussianProcess(inputs: warp.apply(x), targets: y, kernel: .matern52, hyperparameters: gp.hyperparameters)
        #expect(abs(plain.predict(Matrix([warp.apply(p)])).mean[0] - gp.predict(Matrix([p])).mean[0]) < 1e-10)
        let local = try #require(AcquisitionFunction(gp: gp, kind: .upperConfidenceBound(beta: 4)).localized(around: p, count: 8))
        #expect(local.gp.warp == warp && local.gp.count == 8)
    }

    /// On a function whose variation is packed into one end of the interval (sin of x⁴), the fit
    /// with warping moves the shape away from the identity and reaches a higher objective than the
    /// fit without; `a > 1` stretches the high end, where the function varies.
    @Test func fitWarpsAFunctionThatVariesAtOneEnd() throws {
        let n = 24
        let x = Matrix(rows: n, columns: 1, storage: (0..<n).map { (Double($0) + 0.5) / Double(n) })
        let y = OutputTransform.standardise((0..<n).map { sin(12 * pow(x[$0, 0], 4)) })
        var fitter = GPFitter(kernel: .matern52, prior: .standard, optimizer: GPSampler.fitOptions)
        let plain = try fitter.fit(inputs: x, targets: y, starts: [GPPrior.standard.mode(dimension: 1)])
        fitter.warped = [true]
        let warped = try fitter.fit(inputs: x, targets: y, starts: [GPPrior.standard.mode(dimension: 1)])
        let warp = try #require(warped.warp)
        #expect(plain.warp == nil && warped.packed.count == 5)
        #expect(warp.logA[0] > 0.3, "log a \(warp.logA[0])")
        #expect(warped.objective > plain.objective + 1, "warped \(warped.objective) vs plain \(plain.objective)")
    }

    @Test func samplerOptionsAndParams() throws {
        let defaults = GPSampler.Options()
        // Issue 15 part 2: the lengthscale floor 0.02 (0.005 before); warping and more incumbent starts off.
        #expect(defaults.inputWarping == false && defaults.incumbentStarts == 1 && defaults.lengthscaleMin == 0.02)
        #expect(defaults.bounds.lengthscale == 0.02...GPFitter.Bounds.standardised.lengthscale.upperBound)
        let o = try GPSampler.Options(["input_warping": .bool(true), "incumbent_starts": .number(3), "lengthscale_min": .number(0.02)])
        #expect(o.inputWarping && o.incumbentStarts == 3 && o.bounds.lengthscale == 0.02...100)
        for (key, value) in [("input_warping", AttributeValue.string("yes")), ("incumbent_starts", .number(0)),
                             ("lengthscale_min", .number(0.6)), ("lengthscale_min", .number(0))] {
            #expect(throws: GPSamplerError.self) { try GPSampler.Options([key: value]) }
        }
        for key in ["input_warping", "incumbent_starts", "lengthscale_min"] {
            #expect(GPSampler.Options.keys.contains(key) && GPSamplerError.unknownOption("x").description.contains(key))
        }
        // With warping, gp.params carries d + 2 kernel entries and two per coordinate, and the warm
        // start (a new sampler instance reading them back) reproduces the suggestion.
        let f = TestFunction.branin
        let sampler = GPSampler(options: GPSampler.Options(candidates: 256, restarts: 2, inputWarping: true))
        var trials: [Trial] = []
        for n in 0..<13 {
            let s = try sampler.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: 3, direction: .minimize, trials: trials))
            if n >= 10 { #expect(s.attributes[GPSampler.paramsKey]?.doubles?.count == 8) }
            trials.append(Trial(number: n, state: .complete, params: s.params, value: f(f.inputs(s.params)!), attributes: s.attributes))
        }
        let ctx = SamplingContext(space: f.searchSpace, trialNumber: 13, seed: 3, direction: .minimize, trials: trials)
        let a = try sampler.suggest(in: ctx)
        #expect(a.attributes["gp.phase"] == .string("model"))
        #expect(try GPSampler(options: sampler.options).suggest(in: ctx) == a)
    }
}
