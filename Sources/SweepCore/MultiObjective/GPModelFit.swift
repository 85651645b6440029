import Foundation
import SweepMath

/// Hyperparameter fits of the extra GPs that ``MultiObjectiveGPSampler`` (one per objective and per
/// constraint) and ``GPSampler``'s constraint models need, with ``GPSampler``'s fit settings.
enum GPModelFit {
    /// MAP hyperparameters of one GP: the warm start alone when given, else the prior mode plus
    /// `fitRestarts` random starts on a subset of up to 32 points, refined on all (at most
    /// ``GPSampler``'s 100 fit points, chosen by ``GPSampler/fitSubset(_:limit:)``).
    static func hyperparameters(_ x: Matrix<Double>, _ y: [Double], layout: UnitCubeLayout, kernel: GPKernel, fitRestarts: Int,
                                warm: [Double]?, rng: inout Xoshiro256StarStar) throws -> GPHyperparameters {
        let d = x.columns
        let subset = GPSampler.fitSubset(y, limit: 100)
        let fitX = subset.count == y.count ? x : Matrix(rows: subset.count, columns: d, storage: subset.flatMap { x.row($0) })
        let fitY = subset.count == y.count ? y : subset.map { y[$0] }
        var fitter = GPFitter(kernel: kernel, prior: .standard, bounds: .standardised, optimizer: GPSampler.fitOptions)
        var starts: [[Double]]
        if let warm {
            starts = [warm]
        } else {
            starts = [GPPrior.standard.mode(dimension: d)]
            for _ in 0..<fitRestarts {
                var theta = starts[0]
                for j in 0..<d { theta[j] += rng.nextNormal() }
                theta[d] = rng.nextUniform(-1, 1)
                theta[d + 1] = rng.nextUniform(-12, -2)
                starts.append(theta)
            }
            if fitY.count > 32 {
                let coarse = GPSampler.fitSubset(fitY, limit: 32)
                let cx = Matrix(rows: coarse.count, columns: d, storage: coarse.flatMap { fitX.row($0) })
                let c = try fitter.fit(inputs: cx, targets: coarse.map { fitY[$0] }, categorical: layout.categorical, starts: starts)
                starts = [c.hyperparameters.packed]
                fitter.optimizer = GPSampler.refineOptions
            }
        }
        return try fitter.fit(inputs: fitX, targets: fitY, categorical: layout.categorical, starts: starts).hyperparameters
    }
}
