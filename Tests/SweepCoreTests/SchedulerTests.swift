import SweepCore
import Testing

/// A trial of ASHA's single bracket at `rung`, paused (finished the rung) unless `running`.
private func ashaTrial(_ n: Int, rung: Int, values: [Int: Double], running: Bool = false, rungs: [Int] = [1, 3, 9]) -> Trial {
    var attrs: [String: AttributeValue] = [
        SchedulerAttributes.bracketID: 0, SchedulerAttributes.bracket: .number(Double(rungs.count - 1)),
        SchedulerAttributes.rung: .number(Double(rung)), SchedulerAttributes.resource: .number(Double(rungs[rung])),
        SchedulerAttributes.maxResource: .number(Double(rungs.last!)),
    ]
    if !running { attrs[SchedulerAttributes.paused] = .bool(true) }
    return Trial(number: n, state: running ? .running : .waiting, params: [:], intermediateValues: values, attributes: attrs)
}

@Suite struct SchedulerTests {
    let plan = try! HyperbandPlan(minResource: 1, maxResource: 9, eta: 3)

    @Test func ashaRungsFollowTheResourceLadder() {
        #expect(ASHAScheduler(plan: plan).rungs == [1, 3, 9])
        #expect(ASHAScheduler(plan: plan, earlyStoppingRate: 1).rungs == [3, 9])
        #expect(ASHAScheduler(plan: try! HyperbandPlan(minResource: 1, maxResource: 50, eta: 3)).rungs == [1, 3, 9, 27, 50])
    }

    @Test func ashaPromotesTheBestOfTheTopThirdFromTheHighestRungFirst() {
        let asha = ASHAScheduler(plan: plan)
        // Rung 0: six finished trials (values at step 1); quota ⌊6/3⌋ = 2 → trials 4 (0.1) and 2 (0.2).
        var trials = [
            ashaTrial(0, rung: 0, values: [1: 0.9]), ashaTrial(1, rung: 0, values: [1: 0.5]),
            ashaTrial(2, rung: 0, values: [1: 0.2]), ashaTrial(3, rung: 0, values: [1: 0.7]),
            ashaTrial(4, rung: 0, values: [1: 0.1]), ashaTrial(5, rung: 0, values: [1: 0.3]),
        ]
        var d = asha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: 20)
        guard case let .promote(first, attrs) = d.action else { Issue.record("expected a promotion, got \(d)"); return }
        #expect(first == 4)
        #expect(attrs[SchedulerAttributes.rung] == 1 && attrs[SchedulerAttributes.resource] == 3)
        // After 4 is promoted (now running at rung 1), the next promotion is 2.
        trials[4] = ashaTrial(4, rung: 1, values: [1: 0.1], running: true)
        d = asha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: 20)
        guard case .promote(2, _) = d.action else { Issue.record("expected trial 2, got \(d)"); return }
        // With both promoted, nothing else qualifies at rung 0: a new configuration starts.
        trials[2] = ashaTrial(2, rung: 1, values: [1: 0.2], running: true)
        d = asha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: 20)
        guard case let .start(startAttrs) = d.action else { Issue.record("expected a start, got \(d)"); return }
        #expect(startAttrs[SchedulerAttributes.rung] == 0 && startAttrs[SchedulerAttributes.resource] == 1)
        // Maximize reverses the order: trial 0 (0.9) is best.
        let up = asha.decide(history: StudyHistory(trials: trials.map { t in
            t.number == 4 || t.number == 2 ? t : t }), direction: .maximize, trialBudget: 20)
        guard case .promote(0, _) = up.action else { Issue.record("expected trial 0 when maximizing, got \(up)"); return }
    }

    @Test func ashaPrefersHigherRungs() {
        let asha = ASHAScheduler(plan: plan)
        var trials = (0..<9).map { ashaTrial($0, rung: 0, values: [1: Double($0)]) }
        // Three finished rung 1 (trials 0, 1, 2): quota 1 → trial 1 (best at step 3) goes to rung 2 first.
        for (n, v) in [(0, 0.5), (1, 0.1), (2, 0.9)] { trials[n] = ashaTrial(n, rung: 1, values: [1: Double(n), 3: v]) }
        let d = asha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: 9)
        guard case let .promote(n, attrs) = d.action else { Issue.record("\(d)"); return }
        #expect(n == 1 && attrs[SchedulerAttributes.resource] == 9)
    }

    /// Hyperband opens its most aggressive bracket first, as the paper's Algorithm 1 loops s = s_max…0
    /// (Ray Tune's HyperBandScheduler opens s = 0, plain random search, first).
    @Test func hyperbandOpensTheMostAggressiveBracketFirst() throws {
        let hb = SuccessiveHalvingScheduler.hyperband(plan: try HyperbandPlan(minResource: 1, maxResource: 50, eta: 3))
        #expect(hb.brackets == [3, 2, 1, 0])
        let d = hb.decide(history: StudyHistory(trials: []), direction: .maximize, trialBudget: nil)
        guard case let .start(attrs) = d.action else { Issue.record("expected a start, got \(d)"); return }
        #expect(attrs[SchedulerAttributes.bracket] == 3 && attrs[SchedulerAttributes.resource] == 1)
    }

    @Test func ashaFinishesByPruningWhatIsLeft() {
        let asha = ASHAScheduler(plan: plan)
        let trials = [ashaTrial(0, rung: 0, values: [1: 1]), ashaTrial(1, rung: 0, values: [1: 2])]
        let d = asha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: 2)
        #expect(d.action == .finished && d.prune == [0, 1])
    }

    @Test func successiveHalvingWaitsForAFullRungThenPromotesAndPrunes() throws {
        let sha = SuccessiveHalvingScheduler.successiveHalving(plan: try HyperbandPlan(minResource: 1, maxResource: 9, eta: 3))
        let bracket = sha.plan.bracket(2)  // 9/1 3/3 1/9
        #expect(bracket.rungs.map(\.description) == ["9/1", "3/3", "1/9"])
        func trial(_ n: Int, value: Double, running: Bool = false) -> Trial {
            var t = ashaTrial(n, rung: 0, values: running ? [:] : [1: value], running: running)
            t.attributes[SchedulerAttributes.bracket] = 2
            return t
        }
        var trials = (0..<8).map { trial($0, value: Double(9 - $0)) }
        // Rung 0 not full: start the ninth configuration.
        var d = sha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: nil)
        guard case .start = d.action else { Issue.record("\(d)"); return }
        trials.append(trial(8, value: 0, running: true))
        // Full but one still running: wait (nothing else to do with the default one-bracket budget).
        d = sha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: nil)
        #expect(d.action == .wait)
        trials[8] = trial(8, value: 0.5)
        // Complete: promote the best (8: 0.5), prune all but the top three (8, 7, 6).
        d = sha.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: nil)
        guard case let .promote(n, _) = d.action else { Issue.record("\(d)"); return }
        #expect(n == 8)
        #expect(Set(d.prune) == Set(0...5))
    }

    /// A sweep started when rung resources were rounded to the nearest step (R = 50: bracket 3 at 2/6/17/50)
    /// resumes under 1/5/16/50: its paused first rung is ranked by the values at step 1, which every member
    /// reported, and the winner continues from its step-2 checkpoint to 5.
    @Test func trialsPausedAtThePreviousRoundingStillPromote() throws {
        let hb = SuccessiveHalvingScheduler.hyperband(plan: try HyperbandPlan(minResource: 1, maxResource: 50, eta: 3))
        let trials = (0..<27).map { n in
            var t = ashaTrial(n, rung: 0, values: [1: Double((n * 7) % 27), 2: Double(27 - n)], rungs: [2, 6, 17, 50])
            t.attributes[SchedulerAttributes.bracket] = 3
            return t
        }
        let d = hb.decide(history: StudyHistory(trials: trials), direction: .minimize, trialBudget: nil)
        guard case let .promote(n, attrs) = d.action else { Issue.record("expected a promotion, got \(d)"); return }
        #expect(n == 0 && attrs[SchedulerAttributes.resource] == 5)
        // The nine best at step 1, (n·7) mod 27 < 9: n ∈ {0, 1, 4, 5, 8, 12, 16, 20, 24} (at step 2 it would be 18…26).
        let winners = Set((0..<27).filter { (($0 * 7) % 27) < 9 })
        #expect(Set(d.prune) == Set(0..<27).subtracting(winners))
    }
}
