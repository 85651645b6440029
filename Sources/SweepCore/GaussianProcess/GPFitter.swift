import Foundation
import SweepMath

/// Fits GP hyperparameters by maximising `LML(θ) + log p(θ)` (MAP) — or the LML alone when
/// ``prior`` is nil (maximum likelihood) — with ``LBFGSB`` in log space inside box bounds, from
/// several starting points, keeping the best. With ``warped`` set the fit also moves the
/// ``InputWarp`` shape parameters (packed after the `d + 2` kernel entries, in ``InputWarp/logBounds``,
/// always under ``InputWarp``'s log-normal prior).
public struct GPFitter: Sendable {
    /// Box bounds on the natural-scale hyperparameters.
    public struct Bounds: Sendable, Hashable {
        public var lengthscale: ClosedRange<Double>
        public var amplitude: ClosedRange<Double>
        public var noise: ClosedRange<Double>

        public init(lengthscale: ClosedRange<Double>, amplitude: ClosedRange<Double>, noise: ClosedRange<Double>) {
            self.lengthscale = lengthscale
            self.amplitude = amplitude
            self.noise = noise
        }

        /// For standardised targets on unit-cube inputs: ℓ ∈ [0.005, 100] (below 0.005 no two Sobol
        /// points of a few thousand correlate; above 100 a coordinate is irrelevant), a ∈ [0.01, 100],
        /// σ²_n ∈ [1e-8, 1]. The noise floor matters for deterministic objectives: the GP must
        /// interpolate to ~1e-4 of the target std for the search to converge to 1e-5 regret; with a
        /// 1e-6 floor branin's median log10 regret at 50 evaluations was −4.27, with 1e-8 −5.15
        /// (`scripts/bench/bo`). Conditioning (≲ 1e8·n) is covered by the Cholesky jitter escalation.
        public static let standardised = Bounds(lengthscale: 0.005...100, amplitude: 0.01...100, noise: 1e-8...1)

        /// scikit-learn's defaults (1e-5 … 1e5 for every hyperparameter), for comparisons.
        public static let scikitLearn = Bounds(lengthscale: 1e-5...1e5, amplitude: 1e-5...1e5, noise: 1e-5...1e5)

        /// Packed log-space bounds `(lower, upper)` for dimension `d`.
        public func packed(dimension d: Int) -> (lower: [Double], upper: [Double]) {
            (Array(repeating: log(lengthscale.lowerBound), count: d) + [log(amplitude.lowerBound), log(noise.lowerBound)],
             Array(repeating: log(lengthscale.upperBound), count: d) + [log(amplitude.upperBound), log(noise.upperBound)])
        }
    }

    /// The outcome of a fit.
    public struct Result: Sendable {
        /// Best hyperparameters found.
        public var hyperparameters: GPHyperparameters
        /// `LML + log prior` at the optimum (equals ``logMarginalLikelihood`` for MLE).
        public var objective: Double
        /// The log marginal likelihood at the optimum.
        public var logMarginalLikelihood: Double
        /// Total objective evaluations over all starts.
        public var evaluations: Int
        /// The fitted input warp (nil without ``GPFitter/warped``).
        public var warp: InputWarp?
        /// Kernel hyperparameters then the warp's, as the optimiser moved them (what `gp.params` stores).
        public var packed: [Double] { hyperparameters.packed + (warp?.packed ?? []) }
    }

    public var kernel: GPKernel
    /// nil → maximum likelihood.
    public var prior: GPPrior?
    public var bounds: Bounds
    public var optimizer: LBFGSB.Options
    /// Coordinates to warp (``InputWarp``; categorical ones never are); nil: no warping.
    public var warped: [Bool]?

    public init(kernel: GPKernel, prior: GPPrior?, bounds: Bounds = .standardised,
                optimizer: LBFGSB.Options = LBFGSB.Options(pgtol: 1e-5, factr: 1e7, maxIterations: 100, maxEvaluations: 150)) {
        self.kernel = kernel
        self.prior = prior
        self.bounds = bounds
        self.optimizer = optimizer
    }

    /// Fits to `(inputs, targets)` starting from each of `starts` (packed θ, clamped into the bounds;
    /// with warping a start of only the `d + 2` kernel entries begins at the identity warp).
    /// - Throws: ``GPError`` when the data are malformed or no start gives a finite likelihood.
    public func fit(inputs: Matrix<Double>, targets: [Double], categorical: [Bool]? = nil,
                    starts: [[Double]]) throws(GPError) -> Result {
        let d = inputs.columns
        guard inputs.rows == targets.count else { throw .dimensionMismatch("\(inputs.rows) inputs but \(targets.count) targets") }
        guard inputs.storage.allSatisfy(\.isFinite) else { throw .nonFinite("inputs") }
        guard targets.allSatisfy(\.isFinite) else { throw .nonFinite("targets") }
        let lml = GPMarginalLikelihood(inputs: inputs, targets: targets, kernel: kernel, categorical: categorical, warped: warped)
        let count = lml.parameterCount
        guard !starts.isEmpty, starts.allSatisfy({ $0.count == count || $0.count == d + 2 }) else {
            throw .dimensionMismatch("every start needs \(count) packed hyperparameters")
        }
        var (lower, upper) = bounds.packed(dimension: d)
        lower += Array(repeating: InputWarp.logBounds.lowerBound, count: count - d - 2)
        upper += Array(repeating: InputWarp.logBounds.upperBound, count: count - d - 2)
        let prior = self.prior
        let objective: (_ x: [Double], _ g: inout [Double]) -> Double = { theta, g in
            var value = lml.evaluate(theta, gradient: &g)
            if let prior, count == d + 2 {
                value += prior.logDensity(theta, gradient: &g)
            } else if let prior {  // the kernel entries only
                var kernelGradient = Array(g.prefix(d + 2))
                value += prior.logDensity(Array(theta.prefix(d + 2)), gradient: &kernelGradient)
                for p in 0..<(d + 2) { g[p] = kernelGradient[p] }
            }
            if count > d + 2 { value += InputWarp.logPrior(theta, from: d + 2, gradient: &g) }
            for p in 0..<g.count { g[p] = -g[p] }
            return -value
        }
        let solver = LBFGSB(options: optimizer)
        var best: LBFGSB.Result?
        var evaluations = 0
        for start in starts {
            let full = start.count == count ? start : start + Array(repeating: 0, count: count - start.count)
            let x0 = (0..<count).map { min(upper[$0], max(lower[$0], full[$0].isFinite ? full[$0] : 0)) }
            guard let r = try? solver.minimize(objective, from: x0, lower: lower, upper: upper) else { continue }
            evaluations += r.evaluations
            if r.value.isFinite, r.value < (best?.value ?? .infinity) { best = r }
        }
        guard let best else { throw .notPositiveDefinite(order: inputs.rows) }
        var g = [Double](repeating: 0, count: count)
        let atBest = lml.evaluate(best.x, gradient: &g)
        return Result(hyperparameters: GPHyperparameters(packed: Array(best.x.prefix(d + 2))), objective: -best.value,
                      logMarginalLikelihood: atBest, evaluations: evaluations,
                      warp: lml.warped.map { InputWarp(warped: $0, packed: Array(best.x.dropFirst(d + 2))) })
    }
}
