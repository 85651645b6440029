import Foundation
import Sweep

/// Runs one trial of `session` and plays Ctrl-C as soon as it has reported `step`: the trial goes back
/// to waiting with its checkpoint (the caller checks the summary's reason).
func runUntilInterrupted(_ session: SweepSession, afterStep step: Int) throws -> OptimizeSummary {
    let stop = StopFlag()
    let objective = try session.objective
    return try session.study.optimize(OptimizeOptions(trials: 1), stop: stop, objective: ClosureObjective { trial in
        // A watcher raises the stop flag once `step` has been reported.
        Thread {
            while !trial.isStopRequested {
                if trial.snapshot.intermediateValues[step] != nil { stop.set() }
                Thread.sleep(forTimeInterval: 0.0005)
            }
        }.start()
        return try objective.evaluate(trial)
    })
}
