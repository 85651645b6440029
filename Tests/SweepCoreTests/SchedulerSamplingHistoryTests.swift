import SweepCore
import Testing

/// What a model-based sampler sees under a scheduler (`Scheduler.samplingHistory`, the BOHB rule).
@Suite struct SchedulerSamplingHistoryTests {
    let asha = ASHAScheduler(plan: try! HyperbandPlan(minResource: 1, maxResource: 9, eta: 3))

    /// A trial of ASHA's bracket at `rung` (resources 1, 3, 9) in `state`; waiting means paused at the rung.
    func trial(_ n: Int, _ state: TrialState, rung: Int, values: [Int: Double]) -> Trial {
        var attrs: [String: AttributeValue] = [
            SchedulerAttributes.bracketID: 0, SchedulerAttributes.bracket: 2, SchedulerAttributes.rung: .number(Double(rung)),
            SchedulerAttributes.resource: .number(Double([1, 3, 9][rung])), SchedulerAttributes.maxResource: 9,
        ]
        if state == .waiting { attrs[SchedulerAttributes.paused] = .bool(true) }
        return Trial(number: n, state: state, params: ["x": .float(Double(n) / 20)], intermediateValues: values,
                     attributes: attrs)
    }

    /// Six trials that reached rung 1 (step 3), so the view is at step 3, plus the trials under test.
    func history(_ extra: [Trial]) -> [Trial] {
        (0..<6).map { trial($0, .waiting, rung: 1, values: [1: 0.5, 3: 0.6 + Double($0) / 100]) } + extra
    }

    @Test func trialsWithAValueAtTheModelRungAppearCompleteWithIt() {
        let view = asha.samplingHistory(history([trial(6, .complete, rung: 2, values: [1: 0.7, 3: 0.8, 9: 0.9])]), minimumPoints: 6)
        #expect(view.allSatisfy { $0.state == .complete })
        #expect(view[0].value == 0.6 && view[6].value == 0.8)
    }

    /// A configuration paused at a lower rung may still be promoted: it is pending at the model's rung,
    /// not a pruned trial whose early value stands in for its value there.
    @Test func pausedAndRunningTrialsBelowTheModelRungArePending() {
        let trials = history([trial(6, .waiting, rung: 0, values: [1: 0.95]), trial(7, .running, rung: 0, values: [:]),
                              trial(8, .running, rung: 1, values: [1: 0.9])])
        let view = asha.samplingHistory(trials, minimumPoints: 6)
        #expect(view[6].state == .running && view[7].state == .running && view[8].state == .running)
        #expect(view[6].value == nil)
        let context = SamplingContext(space: try! SearchSpace([.float("x", 0, 1)]), trialNumber: 9, seed: 0,
                                      direction: .maximize, trials: view)
        #expect(context.pending.map(\.number) == [6, 7, 8])
        #expect(context.completed.map(\.number) == [0, 1, 2, 3, 4, 5])
    }

    /// A diverged run fails; the sampler must see it failed (worst value), not as a pruned trial whose
    /// last value before it broke is a censored estimate.
    @Test func failedTrialsStayFailedAndPrunedOnesPruned() {
        let view = asha.samplingHistory(history([trial(6, .failed, rung: 0, values: [1: 0.9]),
                                                 trial(7, .pruned, rung: 0, values: [1: 0.2])]), minimumPoints: 6)
        #expect(view[6].state == .failed)
        #expect(view[7].state == .pruned)
    }

    @Test func tooFewObservationsLeaveTheHistoryUnchanged() {
        let trials = history([trial(6, .waiting, rung: 0, values: [1: 0.95])])
        #expect(asha.samplingHistory(trials, minimumPoints: 8) == trials)
        // Seven values at step 1 (but only six at step 3): with minimumPoints 7 the view is at step 1.
        let low = asha.samplingHistory(trials, minimumPoints: 7)
        #expect(low.allSatisfy { $0.state == .complete } && low[6].value == 0.95 && low[0].value == 0.5)
    }

    /// BOHB fits the model on the highest budget with enough points *for the model*: the GP needs its
    /// initial design (10 here) at a rung, so with 12 values at step 1 and 6 at step 3 it models step 1
    /// instead of going back to Sobol points at step 3.
    @Test func theModelRungHasEnoughValuesForTheSampler() throws {
        let space = try SearchSpace([.float("x", 0, 1)])
        var trials = (0..<12).map { n in
            // 0–5 finished step 3 and train on to 9 (nothing to promote); 6–11 paused after step 1.
            n < 6 ? trial(n, .running, rung: 2, values: [1: 0.5 + Double(n) / 40, 3: 0.6])
                : trial(n, .waiting, rung: 0, values: [1: 0.2 + Double(n) / 40])
        }
        trials.append(trial(12, .running, rung: 0, values: [:]))
        let gp = GPSampler()
        #expect(gp.modelMinimumTrials(in: space) == 10)
        #expect(TPESampler().modelMinimumTrials(in: space) == TPESampler.Options().startupTrials)
        #expect(RandomSampler().modelMinimumTrials(in: space) == nil)
        let policy = AskPolicy(space: space, sampler: gp, scheduler: asha, limits: AskLimits(totalTrials: 50),
                               direction: .maximize, seed: 3)
        let answer = try policy.decide(StudyHistory(trials: trials))
        guard case let .create(_, attributes) = answer.decision else { Issue.record("expected a new trial, got \(answer)"); return }
        #expect(attributes["gp.phase"] == .string("model"))
    }
}
