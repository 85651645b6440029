import Foundation
@testable import SweepCore
import SweepMath
import Testing

private let quick = GPSampler(options: GPSampler.Options(candidates: 256, restarts: 2))

/// `count` complete trials of `sampler` on branin.
private func history(_ sampler: GPSampler, count: Int, seed: UInt64) throws -> [Trial] {
    let f = TestFunction.branin
    var trials: [Trial] = []
    for n in 0..<count {
        let s = try sampler.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: seed, direction: .minimize, trials: trials))
        trials.append(Trial(number: n, state: .complete, params: s.params, value: f(f.inputs(s.params)!), attributes: s.attributes))
    }
    return trials
}

private func distance(_ space: SearchSpace, _ a: [String: ParameterValue], _ b: [String: ParameterValue]) throws -> Double {
    zip(try space.encode(a), try space.encode(b)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
}

@Suite struct GPStoppedTrialsTests {
    /// The defect of issue 15: the model ignored pruned and failed trials, so a proposal that was
    /// stopped left the data unchanged and came back as the next proposal.
    @Test(arguments: [TrialState.pruned, .failed])
    func aStoppedProposalIsNotProposedAgain(state: TrialState) throws {
        let space = TestFunction.branin.searchSpace
        for seed in 0..<3 as Range<UInt64> {
            var trials = try history(quick, count: 14, seed: seed)
            let first = try quick.suggest(in: SamplingContext(space: space, trialNumber: 14, seed: seed, direction: .minimize, trials: trials))
            #expect(first.attributes["gp.phase"] == .string("model"))
            trials.append(Trial(number: 14, state: state, params: first.params, intermediateValues: state == .pruned ? [1: 50] : [:],
                                failureReason: state == .failed ? "diverged" : nil, attributes: first.attributes))
            let next = try quick.suggest(in: SamplingContext(space: space, trialNumber: 15, seed: seed, direction: .minimize, trials: trials))
            #expect(try distance(space, first.params, next.params) >= GPSampler.stoppedTrialRadius, "seed \(seed)")
        }
    }

    /// Stopped trials without a usable value have no final estimate; a value with no step reference is
    /// its own estimate.
    @Test func stoppedFinalsWithoutAStepReference() {
        let raw = [3.0, 1.0, 2.0]
        let stopped = [nil, 1.5, 0, 10].map { GPSampler.StoppedTrial(point: [0.5], value: $0) }
        #expect(GPSampler.stoppedFinals(stopped, raw: raw) == [nil, 1.5, 0, 10])
        #expect(GPSampler.stoppedFinals(stopped, raw: []) == [nil, nil, nil, nil])
    }

    /// A pruned trial's last value is compared with the complete trials' values *at its step* (when
    /// at least three reported it) and placed at the same position among their final values: early
    /// values biased upwards (a low-fidelity proxy) would otherwise land far beyond every final value.
    @Test func prunedValuesAreMappedThroughTheCompleteTrialsAtTheSameStep() {
        // Complete trials: step-1 values 10, 20, 30 (biased by +9 against their final 1, 2, 3).
        let raw = [3.0, 1.0, 2.0]
        let intermediates: [[Int: Double]] = [[1: 30, 2: 3], [1: 10, 2: 1], [1: 20, 2: 2]]
        let stopped = [
            GPSampler.StoppedTrial(point: [0.5], value: 15, step: 1),  // halfway between 10 and 20 at step 1
            GPSampler.StoppedTrial(point: [0.5], value: 40, step: 1),  // worse than all at step 1: clamped
            GPSampler.StoppedTrial(point: [0.5], value: 2.5, step: 2),  // between 2 and 3 at step 2
            GPSampler.StoppedTrial(point: [0.5], value: 1.5, step: 5),  // nobody reported step 5: the value
            GPSampler.StoppedTrial(point: [0.5], value: nil, step: nil),  // failed: none
        ]
        #expect(GPSampler.stoppedFinals(stopped, raw: raw, intermediates: intermediates) == [1.5, 3, 2.5, 1.5, nil])
    }

    /// The defect measured with `scripts/bench/pruned` (issue 15): the output warp was fitted on the
    /// complete trials alone — the pruner's survivors — and the pruned estimates were clamped into
    /// their range, so a pruned sweep's model lost a decade of precision on hartmann6 even with exact
    /// estimates. The warp is now fitted on both; failed trials sit at the worst warped value.
    @Test func oneOutputWarpCoversCompleteAndPrunedTrials() {
        let raw = [-3.0, -2.5, -2.9, -0.5]
        let stopped = [
            GPSampler.StoppedTrial(point: [0.1], value: 4.0),  // far worse than every complete trial
            GPSampler.StoppedTrial(point: [0.2], value: nil),  // failed
            GPSampler.StoppedTrial(point: [0.3], value: 0.5),
        ]
        let (ys, targets) = GPSampler.warpedTargets(stopped, raw: raw)
        let all = OutputTransform.powerStandardise(raw + [4.0, 0.5])
        #expect(ys == Array(all.prefix(4)))
        #expect(targets == [all[4], all[4], all[5]])
        #expect(ys != OutputTransform.powerStandardise(raw))
        // The pruned trial stays beyond the worst complete one instead of being clamped onto it.
        #expect(targets[0] > ys.max()! + 0.5)
        // Nothing stopped: the complete trials' warp alone.
        #expect(GPSampler.warpedTargets([], raw: raw) == (OutputTransform.powerStandardise(raw), []))
    }

    /// Pruned design points count towards the initial design (from 3 complete ones on), so a study
    /// whose design points are mostly pruned still gets the model (scripts/bench/pruned, hartmann6).
    @Test func prunedTrialsCountTowardsTheInitialDesign() throws {
        let f = TestFunction.branin
        var trials: [Trial] = []
        for n in 0..<10 {
            let s = try SobolSampler().suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: 1, direction: .minimize, trials: []))
            let v = f(f.inputs(s.params)!)
            trials.append(n < 3 ? Trial(number: n, state: .complete, params: s.params, value: v, intermediateValues: [1: v])
                                : Trial(number: n, state: .pruned, params: s.params, intermediateValues: [1: v + 100]))
        }
        let s = try quick.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: 10, seed: 1, direction: .minimize, trials: trials))
        #expect(s.attributes["gp.phase"] == .string("model"))
        // Two complete trials are too few to fit: still the design.
        trials[2].state = .pruned
        let early = try quick.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: 10, seed: 1, direction: .minimize, trials: trials))
        #expect(early.attributes["gp.phase"] == .string("sobol"))
    }

    /// Issue 15's test sweep: 40 trials of bayes (defaults) with the median pruner on multi-fidelity
    /// hartmann6 (9 steps), one trial in ten failing: no proposal lands within
    /// ``GPSampler/stoppedTrialRadius`` of an earlier pruned or failed trial.
    @Test func aPrunedSweepNeverRepeatsAStoppedTrial() throws {
        let f = TestFunction.hartmann6, space = f.searchSpace
        let pruner = MedianPruner(warmupTrials: 5)
        var trials: [Trial] = []
        for n in 0..<40 {
            let s = try GPSampler().suggest(in: SamplingContext(space: space, trialNumber: n, seed: 3, direction: .minimize, trials: trials))
            let u = try space.encode(s.params)
            for t in trials where t.state == .pruned || t.state == .failed {
                let r = zip(try space.encode(t.params), u).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                #expect(r >= GPSampler.stoppedTrialRadius, "trial \(n) repeats trial \(t.number) (\(t.state))")
            }
            var trial = Trial(number: n, state: .running, params: s.params, attributes: s.attributes)
            if n % 10 == 7 {
                trial.state = .failed
                trial.failureReason = "diverged"
            } else {
                for step in 1...9 {
                    let v = f(f.inputs(s.params)!, fidelity: Double(step) / 9)
                    trial.intermediateValues[step] = v
                    if step == 9 {
                        trial.state = .complete
                        trial.value = v
                    } else if pruner.shouldPrune(trial, step: step, among: trials, direction: .minimize) {
                        trial.state = .pruned
                        break
                    }
                }
            }
            trials.append(trial)
        }
        #expect(trials.filter { $0.state == .pruned }.count >= 5)
    }

    @Test func prunedTrialsOptionParses() throws {
        #expect(try GPSampler.Options(["pruned_trials": .string("worst")]).prunedTrials == .worst)
        #expect(GPSampler.Options().prunedTrials == .censored)
        #expect(throws: GPSamplerError.self) { try GPSampler.Options(["pruned_trials": .string("median")]) }
    }
}
