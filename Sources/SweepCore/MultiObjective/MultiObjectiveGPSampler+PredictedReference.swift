import Foundation
import SweepMath

extension MultiObjectiveGPSampler {
    /// Sobol points at which ``Options/ReferenceRule/predictedFront`` evaluates the posterior means.
    static let predictedFrontPoints = 1024

    /// The posterior means (warped, minimised scale) of the `objectives` at ``predictedFrontPoints``
    /// scrambled Sobol points of the unit cube, keeping the points whose predicted constraint values
    /// (means of `constraints`, warped scale) are all at or below their `thresholds`.
    static func predictedValues(objectives: [GaussianProcess], constraints: [GaussianProcess], thresholds: [Double],
                                layout: UnitCubeLayout, rng: Xoshiro256StarStar) throws -> [[Double]] {
        var rng = rng
        var points = try SobolSequence(dimension: layout.dimension, scrambleSeed: rng.next()).points(0..<predictedFrontPoints)
        for i in points.indices { layout.canonicalize(&points[i]) }
        let matrix = Matrix(rows: points.count, columns: layout.dimension, storage: points.flatMap { $0 })
        let means = objectives.map { $0.predictMean(matrix) }
        let constraintMeans = constraints.map { $0.predictMean(matrix) }
        return points.indices.compactMap { a in
            for (c, t) in zip(constraintMeans, thresholds) where !(c[a] <= t) { return nil }
            let y = means.map { $0[a] }
            return y.allSatisfy(\.isFinite) ? y : nil
        }
    }

    /// ``Options/ReferenceRule/predictedFront``: per objective the larger of the
    /// ``Options/ReferenceRule/frontNadirWidened`` point of the observed `front` among the `observed`
    /// values and `nadir + max(0.1·range, 0.1)` of the Pareto front of the observations together with
    /// the model's `predicted` values (all minimised, warped scale). The model's front spans what it
    /// expects to be reachable, so a front that has collapsed into a corner of the observations (ZDT1
    /// after a lucky early point) still gets a reference at the far end of the predicted front, while a
    /// front the observations already span (DTLZ2) keeps the near reference.
    static func referencePoint(front: [[Double]], observed: [[Double]], predicted: [[Double]]) throws -> [Double] {
        let widened = referencePoint(front: front, observed: observed, rule: .frontNadirWidened)
        let all = observed + predicted
        guard let m = front.first?.count, !predicted.isEmpty else { return widened }
        let combined = try Pareto.nondominatedIndices(all, directions: Array(repeating: .minimize, count: m)).map { all[$0] }
        let model = referencePoint(front: combined, observed: combined, rule: .frontNadir)
        return zip(widened, model).map { max($0, $1) }
    }
}
