import SweepCore
import Testing

/// ``AskPolicy`` on hand-written histories: no storage involved.
@Suite struct AskPolicyTests {
    let space = try! SearchSpace([.float("x", 0, 1)])
    /// ASHA with rungs 1, 3, 9.
    let asha = ASHAScheduler(plan: try! HyperbandPlan(minResource: 1, maxResource: 9, eta: 3))

    func policy(_ limits: AskLimits = AskLimits(), scheduler: (any Scheduler)? = nil, sampler: any Sampler = RandomSampler()) -> AskPolicy {
        AskPolicy(space: space, sampler: sampler, scheduler: scheduler, limits: limits, direction: .minimize, seed: 7)
    }

    /// An ASHA trial at `rung` (resource 1, 3, 9) in lifecycle state `state`, with value `value` at each rung reached.
    func rungTrial(_ number: Int, rung: Int, _ state: TrialLifecycle.State, value: Double) -> Trial {
        let resources = [1, 3, 9]
        var attributes: [String: AttributeValue] = [
            SchedulerAttributes.bracketID: .number(0), SchedulerAttributes.bracket: .number(2),
            SchedulerAttributes.rung: .number(Double(rung)), SchedulerAttributes.resource: .number(Double(resources[rung])),
            SchedulerAttributes.maxResource: .number(9),
        ]
        attributes.merge(state.storedAttributes) { _, new in new }
        var values: [Int: Double] = [:]
        if state != .running { for r in resources[...rung] { values[r] = value } }
        return Trial(number: number, state: state.stored, params: ["x": .float(value)],
                     value: state == .complete ? value : nil, intermediateValues: values, attributes: attributes)
    }

    func plain(_ number: Int, _ state: TrialState, value: Double? = nil) -> Trial {
        Trial(number: number, state: state, params: ["x": .float(0.5)], value: value)
    }

    @Test func aWaitingTrialRunsFirstEvenWithTheBudgetSpent() throws {
        let history = StudyHistory(trials: [plain(0, .complete, value: 1), plain(1, .waiting)])
        let answer = try policy(AskLimits(totalTrials: 2)).decide(history)
        #expect(answer == AskPolicy.Answer(.claim(number: 1, attributes: [:])))
        // Also before a scheduler's promotion.
        let rungs = [rungTrial(0, rung: 0, .paused(step: 1), value: 0.1), rungTrial(1, rung: 0, .paused(step: 1), value: 0.2),
                     rungTrial(2, rung: 0, .paused(step: 1), value: 0.3), plain(3, .waiting)]
        #expect(try policy(scheduler: asha).decide(StudyHistory(trials: rungs)).decision == .claim(number: 3, attributes: [:]))
    }

    @Test func pausedTrialsAreSkippedUntilTheSchedulerPromotesOne() throws {
        // One paused trial: the top third of one is nobody, so nothing is promoted and a new trial starts at rung 0.
        let one = [rungTrial(0, rung: 0, .paused(step: 1), value: 0.1)]
        let first = try policy(scheduler: asha).decide(StudyHistory(trials: one))
        guard case let .create(params, attributes) = first.decision else { Issue.record("\(first)"); return }
        #expect(first.stop == nil && params["x"] != nil)
        #expect(attributes[SchedulerAttributes.rung] == .number(0) && attributes[SchedulerAttributes.resource] == .number(1))
        // Three paused at rung 0: the best (lowest) is promoted to rung 1 (resource 3) before any new sample.
        let three = one + [rungTrial(1, rung: 0, .paused(step: 1), value: 0.05), rungTrial(2, rung: 0, .paused(step: 1), value: 0.3)]
        let promoted = try policy(scheduler: asha).decide(StudyHistory(trials: three))
        guard case let .claim(number, attrs) = promoted.decision else { Issue.record("\(promoted)"); return }
        #expect(number == 1 && promoted.stop == nil)
        #expect(attrs[SchedulerAttributes.rung] == .number(1) && attrs[SchedulerAttributes.resource] == .number(3))
    }

    @Test func aNewSampleIsTheSamplersProposalForTheNextNumber() throws {
        let history = StudyHistory(trials: [plain(0, .complete, value: 1), plain(1, .running)])
        let answer = try policy().decide(history)
        let expected = try RandomSampler().suggest(in: SamplingContext(space: space, trialNumber: 2, seed: 7, direction: .minimize,
                                                                       trials: history.trials))
        #expect(answer == AskPolicy.Answer(.create(params: expected.params, attributes: expected.attributes)))
    }

    @Test func theBudgetStopsNewTrials() throws {
        let history = StudyHistory(trials: [plain(0, .complete, value: 1), plain(1, .running)])
        #expect(try policy(AskLimits(totalTrials: 2)).decide(history) == AskPolicy.Answer(.none(retry: false), stop: .budgetReached))
        #expect(try policy(AskLimits(totalTrials: 3)).decide(history).stop == nil)
    }

    @Test func theTargetStopsEverythingAndWaitingTrialsStayWaiting() throws {
        let history = StudyHistory(trials: [plain(0, .complete, value: 0.2), plain(1, .waiting)])
        #expect(try policy(AskLimits(target: 0.2)).decide(history) == AskPolicy.Answer(.none(retry: false), stop: .targetReached))
        #expect(try policy(AskLimits(target: 0.1)).decide(history).decision == .claim(number: 1, attributes: [:]))
    }

    @Test func tooManyFailuresStopNewTrialsButNotWaitingOnes() throws {
        let failed = [plain(0, .failed), plain(1, .failed)]
        #expect(try policy(AskLimits(maxFailed: 2)).decide(StudyHistory(trials: failed))
                == AskPolicy.Answer(.none(retry: false), stop: .tooManyFailures))
        #expect(try policy(AskLimits(maxFailed: 3)).decide(StudyHistory(trials: failed)).stop == nil)
        #expect(try policy(AskLimits(maxFailed: 2)).decide(StudyHistory(trials: failed + [plain(2, .waiting)])).decision
                == .claim(number: 2, attributes: [:]))
    }

    @Test func aSchedulerWaitsForRunningTrialsThenPrunesTheUnpromoted() throws {
        // Budget of one trial, spent: while it runs ASHA waits (ask again later) ...
        let running = StudyHistory(trials: [rungTrial(0, rung: 0, .running, value: 0.1)])
        #expect(try policy(AskLimits(totalTrials: 1), scheduler: asha).decide(running)
                == AskPolicy.Answer(.none(retry: true), stop: .waitForResults))
        // ... and once it paused with nothing left to promote it, the schedule ends and prunes it.
        let paused = StudyHistory(trials: [rungTrial(0, rung: 0, .paused(step: 1), value: 0.1)])
        #expect(try policy(AskLimits(totalTrials: 1), scheduler: asha).decide(paused)
                == AskPolicy.Answer(.pruneWaiting([0], then: .none(retry: false)), stop: .budgetReached))
    }

    @Test func anExhaustedGridSaysSo() throws {
        let grid = try SearchSpace([.categorical("c", [.string("a"), .string("b")])])
        let policy = AskPolicy(space: grid, sampler: GridSampler(), scheduler: nil, limits: AskLimits(), direction: .minimize, seed: 0)
        var trials: [Trial] = []
        for n in 0..<2 {
            guard case let .create(params, attributes) = try policy.decide(StudyHistory(trials: trials)).decision else {
                Issue.record("trial \(n) not created"); return
            }
            trials.append(Trial(number: n, state: .complete, params: params, value: 0, attributes: attributes))
        }
        #expect(Set(trials.compactMap { $0.params["c"] }) == [.string("a"), .string("b")])
        #expect(try policy.decide(StudyHistory(trials: trials)) == AskPolicy.Answer(.none(retry: false), stop: .searchSpaceExhausted))
    }
}
