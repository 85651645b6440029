import Foundation
import SweepCore
import SweepMath

/// Evaluates a built-in test function (``TestFunction``) at the trial's `x0 … x{d-1}`, optionally with
/// Gaussian noise of standard deviation `noise` drawn from the trial's seeded stream.
///
/// With `steps`, an evaluation is a sequence of steps 1…steps (or up to the resource a multi-fidelity
/// scheduler granted): step t reports f at fidelity t/steps and saves a checkpoint, so an interrupted or
/// promoted trial continues where it stopped. The attribute `function.steps_run` counts the steps
/// actually computed, which lets tests check that promotions never redo work.
public struct FunctionObjective: Objective {
    public let function: TestFunction
    public let noise: Double
    public let steps: Int?
    /// Seconds slept per step (simulated training time).
    public let stepTime: Double

    public init(function: TestFunction, noise: Double = 0, steps: Int? = nil, stepTime: Double = 0) {
        self.function = function
        self.noise = noise
        self.steps = steps
        self.stepTime = stepTime
    }

    public func evaluate(_ trial: RunningTrial) throws -> Double {
        guard let x = function.inputs(trial.params) else {
            throw StudyError.invalidParameters("\(function.name) needs parameters x0…x\(function.dimension - 1)")
        }
        guard let steps else {
            var rng = trial.rng(1)
            return function(x) + (noise > 0 ? noise * rng.nextNormal() : 0)
        }
        let target = min(steps, trial.resource ?? steps)
        var step = 0
        if let checkpoint = try trial.loadCheckpoint() { step = checkpoint.step }
        var run = trial.attributes["function.steps_run"]?.int ?? 0
        var value = function(x, fidelity: Double(step) / Double(steps))
        if step >= target, step > 0 {
            // Resumed exactly at the target (killed between checkpoint and report): report again so a
            // rung boundary still pauses the trial.
            value = trial.snapshot.intermediateValues[step] ?? value
            try trial.report(step: step, value: value)
        }
        while step < target {
            if trial.isStopRequested { throw TrialInterrupted() }
            if stepTime > 0 { Thread.sleep(forTimeInterval: stepTime) }
            step += 1
            var stepRNG = Xoshiro256StarStar(seed: trial.study.seed, stream: 0xF1DE, UInt64(trial.number), UInt64(step))
            value = function(x, fidelity: Double(step) / Double(steps)) + (noise > 0 ? noise * stepRNG.nextNormal() : 0)
            run += 1
            try trial.setAttributes(["function.steps_run": .number(Double(run))])
            // One transaction, so a checkpoint never exists without its step's value.
            try trial.saveCheckpoint(step: step, data: Data(String(step).utf8), reporting: value)
        }
        return value
    }
}
