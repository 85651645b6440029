import SweepCore
import Testing

/// Within a synchronous rung (successive halving, Hyperband) the winners continue best first, by their
/// value at the rung they finished: the same configurations get the same resource in any order (the
/// paper's Algorithm 1 is order-free), but the best-so-far improves as early as it can, which is what a
/// user watching the sweep sees. Ray Tune's HyperBandScheduler resumes winners in the order they were
/// added instead.
@Suite struct SynchronousRungOrderTests {
    /// A member of bracket 0 (s = 2 of R = 9, η = 3: rungs 9/1 3/3 1/9) at `rung`, paused there unless `running`.
    private func member(_ n: Int, rung: Int, values: [Int: Double], running: Bool = false) -> Trial {
        var attributes: [String: AttributeValue] = [
            SchedulerAttributes.bracketID: 0, SchedulerAttributes.bracket: 2,
            SchedulerAttributes.rung: .number(Double(rung)), SchedulerAttributes.resource: .number(Double([1, 3, 9][rung])),
            SchedulerAttributes.maxResource: 9,
        ]
        if !running { attributes[SchedulerAttributes.paused] = .bool(true) }
        return Trial(number: n, state: running ? .running : .waiting, params: [:], intermediateValues: values,
                     attributes: attributes)
    }

    /// Runs the bracket's rungs 0 → 1 → 2 one decision at a time (one worker) and returns the trials in
    /// the order they were promoted, rung by rung.
    private func promotionOrder(valuesAtStep1: [Double], valuesAtStep3: [Int: Double], direction: Direction) throws -> [[Int]] {
        let sha = SuccessiveHalvingScheduler.successiveHalving(plan: try HyperbandPlan(minResource: 1, maxResource: 9, eta: 3))
        var trials = valuesAtStep1.enumerated().map { member($0.offset, rung: 0, values: [1: $0.element]) }
        var order: [[Int]] = [[], []]
        for _ in 0..<4 {
            let d = sha.decide(history: StudyHistory(trials: trials), direction: direction, trialBudget: nil)
            guard case let .promote(n, attributes) = d.action, let rung = attributes[SchedulerAttributes.rung]?.int else {
                Issue.record("expected a promotion, got \(d)")
                return order
            }
            order[rung - 1].append(n)
            // The promoted trial runs (no other decision comes in between with one worker), then pauses at its
            // new rung with its value there, or completes at the last rung.
            var values = trials[n].intermediateValues
            values[[1, 3, 9][rung]] = rung == 1 ? valuesAtStep3[n] ?? 0 : 0
            trials[n] = member(n, rung: rung, values: values, running: rung == 2)
            if rung == 2 { trials[n].state = .complete; trials[n].value = 0 }
        }
        return order
    }

    @Test func winnersOfARungContinueBestFirst() throws {
        // Best at step 1 (minimising): 7 (0.1), 2 (0.2), 5 (0.3); the three go on in that order, not by number.
        let step1 = [0.9, 0.8, 0.2, 0.7, 0.6, 0.3, 0.5, 0.1, 0.4]
        // At step 3, 5 overtakes: rung 2 takes 5.
        let order = try promotionOrder(valuesAtStep1: step1, valuesAtStep3: [7: 0.05, 2: 0.04, 5: 0.01], direction: .minimize)
        #expect(order == [[7, 2, 5], [5]])
    }

    @Test func maximisingReversesTheOrder() throws {
        let step1 = [0.9, 0.8, 0.2, 0.7, 0.6, 0.3, 0.5, 0.1, 0.4]
        let order = try promotionOrder(valuesAtStep1: step1, valuesAtStep3: [0: 0.91, 1: 0.95, 3: 0.92], direction: .maximize)
        #expect(order == [[0, 1, 3], [1]])
    }
}
