// Modes `prune` and `time-tpe` of bo-bench (see main.swift).
import BenchSupport
import Foundation
import SweepCore
import SweepMath

/// A sequential sweep of `trials` trials on the multi-fidelity form of `name` (`steps` steps, step t
/// at fidelity t/steps), stopped by the median pruner (5 warm-up trials) unless `pruning` is false.
/// Emits the best complete value's regret, the steps spent, the pruned count and the trials landing
/// within `GPSampler.stoppedTrialRadius` of an earlier pruned one. `pruner`: see ``parsePruner(_:)``.
func runPruned(function name: String, trials count: Int, seed: UInt64, steps: Int, pruning: Bool,
               pruner: MedianPruner = MedianPruner(warmupTrials: 5), sampler: any Sampler) throws {
    guard let f = TestFunction.named(name) else { throw SamplerError.unsupportedSpace("unknown function \(name)") }
    let space = f.searchSpace
    var trials: [Trial] = []
    var stepsUsed = 0
    var near = 0
    for n in 0..<count {
        let s = try sampler.suggest(in: SamplingContext(space: space, trialNumber: n, seed: seed, direction: .minimize, trials: trials))
        let x = f.inputs(s.params)!
        let u = try space.encode(s.params)
        if trials.contains(where: { t in
            t.state == .pruned && zip((try? space.encode(t.params)) ?? [], u).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() < GPSampler.stoppedTrialRadius
        }) { near += 1 }
        var trial = Trial(number: n, state: .running, params: s.params, attributes: s.attributes)
        for step in 1...steps {
            let v = f(x, fidelity: Double(step) / Double(steps))
            trial.intermediateValues[step] = v
            stepsUsed += 1
            if step == steps {
                trial.state = .complete
                trial.value = v
            } else if pruning && pruner.shouldPrune(trial, step: step, among: trials, direction: .minimize) {
                trial.state = .pruned
                trial.value = v
                // BO_ORACLE=1: the pruned trial reports its exact final value (at the last step), so
                // the model's loss from pruning can be told apart from the loss from estimating.
                if ProcessInfo.processInfo.environment["BO_ORACLE"] != nil { trial.intermediateValues = [steps: f(x)] }
                break
            }
        }
        trials.append(trial)
        if ProcessInfo.processInfo.environment["BO_TRACE"] != nil {
            let xs = x.map { String(format: "%.3f", $0) }.joined(separator: " ")
            let final = String(format: "%.3f", f(x))
            FileHandle.standardError.write("\(n) \(s.attributes["gp.phase"]?.string ?? "-") \(trial.state) steps=\(trial.intermediateValues.count) final=\(final) x=[\(xs)]\n".data(using: .utf8)!)
        }
    }
    let best = trials.filter { $0.state == .complete }.compactMap(\.value).min() ?? .infinity
    emit(["function": name, "seed": seed, "regret": best - f.minimum, "steps": stepsUsed,
          "pruned": trials.filter { $0.state == .pruned }.count, "near_duplicates": near])
}

/// The median pruner of `pruner_warmup_trials=` (default 5), `pruner_warmup_steps=` (0) and
/// `pruner_interval=` (1) among `args`.
func parsePruner(_ args: ArraySlice<String>) throws -> MedianPruner {
    var o = ["pruner_warmup_trials": 5, "pruner_warmup_steps": 0, "pruner_interval": 1]
    for a in args {
        let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, o[parts[0]] != nil else { continue }
        guard let v = Int(parts[1]), v >= (parts[0] == "pruner_interval" ? 1 : 0) else {
            throw SamplerError.unsupportedSpace("\(parts[0]) takes an integer ≥ \(parts[0] == "pruner_interval" ? 1 : 0), got \(parts[1])")
        }
        o[parts[0]] = v
    }
    return MedianPruner(warmupTrials: o["pruner_warmup_trials"]!, warmupSteps: o["pruner_warmup_steps"]!, interval: o["pruner_interval"]!)
}

/// Process CPU time of one TPE suggestion on hartmann6 after `n` random complete trials.
func timeTPESuggestion(n: Int, repeats: Int) throws {
    let f = TestFunction.hartmann6
    let space = f.searchSpace
    var times: [Double] = []
    for r in 0..<repeats {
        var rng = Xoshiro256StarStar(seed: UInt64(1000 + r))
        var trials: [Trial] = []
        for i in 0..<n {
            let params = try space.decode((0..<6).map { _ in rng.nextUnit() })
            trials.append(Trial(number: i, state: .complete, params: params, value: f(f.inputs(params)!)))
        }
        let context = SamplingContext(space: space, trialNumber: n, seed: UInt64(r), direction: .minimize, trials: trials)
        // BO_PROFILE=k repeats the suggestion k times untimed first (for perf record).
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["BO_PROFILE"] ?? "") ?? 0) { _ = try TPESampler().suggest(in: context) }
        let t0 = now()
        _ = try TPESampler().suggest(in: context)
        times.append(now() - t0)
    }
    emit(["n": n, "seconds": times])
}
