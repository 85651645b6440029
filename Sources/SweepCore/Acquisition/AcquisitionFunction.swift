import Foundation
import SweepMath

/// An acquisition function over a GP posterior for **minimisation**, to be **maximised**.
///
/// - ``Kind/logExpectedImprovement(best:)``: `log EI(x) = log h(z) + log σ(x)`, `z = (best − μ(x))/σ(x)`,
///   computed with ``NormalDistribution/logHWithDerivative(_:)`` so it stays finite and accurate
///   far below the incumbent (Ament et al. 2023) — plain EI underflows to 0 there and leaves the
///   optimiser without a gradient.
/// - ``Kind/upperConfidenceBound(beta:)``: `−(μ(x) − √β·σ(x))` (a lower confidence bound on the
///   minimised objective, negated so that larger is better).
///
/// σ is the latent posterior std (without observation noise), floored at 1e-10 of the target scale.
public struct AcquisitionFunction: Sendable {
    public enum Kind: Sendable, Hashable {
        case logExpectedImprovement(best: Double)
        case upperConfidenceBound(beta: Double)
    }

    public let gp: GaussianProcess
    public let kind: Kind
    /// Constraint model whose log probability of feasibility is added to the value (nil: none).
    public var feasibility: ProbabilityOfFeasibility?
    static let minimumStd = 1e-10

    public init(gp: GaussianProcess, kind: Kind) {
        self.gp = gp
        self.kind = kind
    }

    /// The same acquisition on the posterior conditioned only on the `count` observations nearest to
    /// `point` (scaled distance r² after the input warp, ties by index), or nil when the GP has no more than `count`
    /// observations (or the local kernel matrix cannot be factored).
    ///
    /// Used for gradient climbs on large histories: with stationary kernels, far observations barely
    /// move the posterior near `point`, and each step then costs O(count²) instead of O(n²). The
    /// incumbent value (`best`) is kept, so values stay comparable with the full acquisition's.
    public func localized(around point: [Double], count: Int) -> AcquisitionFunction? {
        let n = gp.count, d = gp.dimension
        guard n > count, count > 0 else { return nil }
        let invL2 = gp.hyperparameters.inverseSquaredLengthscales
        var r2 = [Double](repeating: 0, count: n)
        let point = gp.warp?.apply(point) ?? point
        gp.kernelInputs.storage.withUnsafeBufferPointer { xp in
            point.withUnsafeBufferPointer { pp in
                invL2.withUnsafeBufferPointer { il in
                    gp.categorical.withUnsafeBufferPointer { cat in
                        for i in 0..<n {
                            r2[i] = scaledSquaredDistance(pp.baseAddress!, xp.baseAddress! + i * d, il.baseAddress!,
                                                          cat.baseAddress!, gp.anyCategorical, d)
                        }
                    }
                }
            }
        }
        let nearest = (0..<n).sorted { r2[$0] < r2[$1] || (r2[$0] == r2[$1] && $0 < $1) }.prefix(count).sorted()
        let x = Matrix(rows: nearest.count, columns: d, storage: nearest.flatMap { gp.inputs.row($0) })
        guard let local = try? GaussianProcess(inputs: x, targets: nearest.map { gp.targets[$0] }, kernel: gp.kernel,
                                               hyperparameters: gp.hyperparameters, categorical: gp.categorical, warp: gp.warp)
        else { return nil }
        var result = AcquisitionFunction(gp: local, kind: kind)
        result.feasibility = feasibility
        return result
    }

    /// Value and partial derivatives with respect to the mean and the std.
    @inline(__always)
    func score(mean: Double, std: Double) -> (value: Double, dMean: Double, dStd: Double) {
        switch kind {
        case let .logExpectedImprovement(best):
            let z = (best - mean) / std
            let (lh, dlh) = NormalDistribution.logHWithDerivative(z)
            return (lh + log(std), -dlh / std, (1 - dlh * z) / std)
        case let .upperConfidenceBound(beta):
            let b = beta.squareRoot()
            return (-(mean - b * std), -1, b)
        }
    }

    /// Values at every row of `points` (batched prediction).
    public func values(_ points: Matrix<Double>) -> [Double] {
        let (mean, variance) = gp.predict(points)
        return values(mean: mean, variance: variance, at: points)
    }

    /// Values from a posterior prediction already made (`gp.predict`) at `points`, e.g. to score the
    /// same points under two acquisitions with one prediction. The log probability of feasibility
    /// (``feasibility``) is added when there is one.
    public func values(mean: [Double], variance: [Double], at points: Matrix<Double>) -> [Double] {
        let log = feasibility?.logValues(points) ?? [Double](repeating: 0, count: mean.count)
        return mean.indices.map { score(mean: mean[$0], std: max(variance[$0].squareRoot(), Self.minimumStd)).value + log[$0] }
    }

    /// Value at `x`, with the gradient with respect to `x` written into `gradient` (zero on
    /// categorical coordinates).
    public func valueAndGradient(_ x: [Double], gradient: inout [Double]) -> Double {
        let d = x.count
        var gm = [Double](repeating: 0, count: d), gv = [Double](repeating: 0, count: d)
        let (mean, variance) = gp.predictWithGradient(at: x, meanGradient: &gm, varianceGradient: &gv)
        let rawStd = variance.squareRoot()
        let std = max(rawStd, Self.minimumStd)
        let s = score(mean: mean, std: std)
        let dStdDVar = rawStd > Self.minimumStd ? 0.5 / rawStd : 0
        for j in 0..<d { gradient[j] = s.dMean * gm[j] + s.dStd * dStdDVar * gv[j] }
        return s.value + (feasibility?.addLogValueAndGradient(x, gradient: &gradient) ?? 0)
    }
}
