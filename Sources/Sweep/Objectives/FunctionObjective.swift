import SweepCore
import SweepMath

/// Evaluates a built-in test function (``TestFunction``) at the trial's `x0 … x{d-1}`, optionally with
/// Gaussian noise of standard deviation `noise` drawn from the trial's seeded stream.
public struct FunctionObjective: Objective {
    public let function: TestFunction
    public let noise: Double

    public init(function: TestFunction, noise: Double = 0) {
        self.function = function
        self.noise = noise
    }

    public func evaluate(_ trial: RunningTrial) throws -> Double {
        guard let x = function.inputs(trial.params) else {
            throw StudyError.invalidParameters("\(function.name) needs parameters x0…x\(function.dimension - 1)")
        }
        var value = function(x)
        if noise > 0 {
            var rng = trial.rng(1)
            value += noise * rng.nextNormal()
        }
        return value
    }
}
