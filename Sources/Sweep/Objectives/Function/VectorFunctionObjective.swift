import Foundation
import SweepCore
import SweepMath

/// Evaluates a multi-objective test function (``MultiObjectiveTestFunction``: `branin_currin`, `zdt1`,
/// `dtlz2`, …) at the trial's `x0 … x{d-1}`: one value per objective, in the function's order (the
/// sweep's `metrics:` name them), each optionally with Gaussian noise of standard deviation `noise`
/// from the trial's seeded stream.
public struct VectorFunctionObjective: VectorObjective {
    public let function: MultiObjectiveTestFunction
    public let noise: Double

    public init(function: MultiObjectiveTestFunction, noise: Double = 0) {
        self.function = function
        self.noise = noise
    }

    public func evaluateValues(_ trial: RunningTrial) throws -> (values: [Double], metrics: [String: Double]) {
        let f = function
        let scalar = TestFunction(name: f.name, bounds: f.bounds, minimum: .nan, minimizer: []) { f($0)[0] }
        guard let x = scalar.inputs(trial.params) else {
            throw StudyError.invalidParameters("\(f.name) needs parameters x0…x\(f.dimension - 1)")
        }
        var rng = trial.rng(1)
        return (function(x).map { $0 + (noise > 0 ? noise * rng.nextNormal() : 0) }, [:])
    }
}
