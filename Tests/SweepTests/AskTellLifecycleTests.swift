import Foundation
import Sweep
import SweepCore
import SweepStore
import Testing

/// ASHA at rungs 1, 3, 9 on multi-fidelity Branin (step t of 9 = fidelity t/9), minimised.
private func ashaStudy(_ name: String, seed: UInt64 = 11) throws -> Study {
    try Study.open(name: name, storage: InMemoryStorage(), space: try SearchSpace([.float("x0", -5, 10), .float("x1", 0, 15)]),
                   direction: .minimize, scheduler: ASHAScheduler(plan: try HyperbandPlan(minResource: 1, maxResource: 9, eta: 3)),
                   seed: seed)
}

private func branin(_ trial: RunningTrial, step: Int) throws -> Double {
    TestFunction.branin([try trial.float("x0"), try trial.float("x1")], fidelity: Double(step) / 9)
}

/// Where each trial ended: its parameters, highest rung, last step and final state.
private struct Reached: Equatable, CustomStringConvertible {
    var params: [String: ParameterValue]
    var rung: Int?
    var lastStep: Int?
    var state: TrialState
    var description: String { "\(params) rung \(rung.map(String.init) ?? "-") step \(lastStep.map(String.init) ?? "-") \(state)" }
}

private func reached(_ study: Study) throws -> [Reached] {
    try study.trials().map {
        Reached(params: $0.params, rung: $0.attributes[SchedulerAttributes.rung]?.int, lastStep: $0.intermediateValues.keys.max(),
                state: $0.state)
    }
}

@Suite struct AskTellLifecycleTests {
    @Test func ashaThroughAskTellReachesTheSameRungsAsTheWorkerPool() throws {
        let budget = 30
        let pool = try ashaStudy("pool")
        try pool.optimize(trials: budget, workers: 1) { trial in
            var step = trial.snapshot.intermediateValues.keys.max() ?? 0
            var value = Double.nan
            while step < (trial.resource ?? 9) {
                step += 1
                value = try branin(trial, step: step)
                try trial.report(step: step, value: value)   // throws TrialPaused at a rung below the top
            }
            return value
        }

        let loop = try ashaStudy("loop")
        var paused = 0, promoted = 0
        while case let (trial?, _) = try loop.askWithReason(limits: AskLimits(totalTrials: budget)) {
            var step = trial.snapshot.intermediateValues.keys.max() ?? 0
            if step > 0 {
                promoted += 1
                #expect(try loop.lifecycleState(number: trial.number) == .running)
            }
            var value = Double.nan
            var outcome: TrialOutcome?
            while outcome == nil, step < (trial.resource ?? 9) {
                step += 1
                value = try branin(trial, step: step)
                switch try trial.reportDecision(step: step, value: value) {
                case .continue: break
                case .pause: outcome = .paused(step: step)
                case .prune: outcome = .pruned
                }
            }
            let told = try loop.tell(trial, outcome ?? .value(value))
            if case let .paused(at)? = outcome {
                paused += 1
                #expect(told.state == .waiting && TrialLifecycle.State(trial: told) == .paused(step: at))
            }
        }
        #expect(try loop.askWithReason(limits: AskLimits(totalTrials: budget)).stop == .budgetReached)
        #expect(paused > 0 && promoted > 0)
        let expected = try reached(pool)
        let got = try reached(loop)
        #expect(got == expected)
        #expect(expected.count == budget && expected.contains { $0.rung == 2 && $0.state == .complete })
        #expect(got.allSatisfy { $0.state == .complete || $0.state == .pruned })
    }

    @Test func anInterruptedTrialIsResumedFirstAndAPausedOneWaitsForPromotion() throws {
        let study = try Study.open(name: "s", storage: InMemoryStorage(), space: try SearchSpace([.float("x", 0, 1)]),
                                   direction: .minimize, seed: 3)
        let first = try #require(try study.ask())
        _ = try first.reportDecision(step: 1, value: 0.5)
        let told = try study.tell(first, .interrupted)
        #expect(told.state == .waiting && told.intermediateValues == [1: 0.5])
        #expect(try study.lifecycleState(number: first.number) == .waiting)
        let again = try #require(try study.ask())
        #expect(again.number == first.number && again.params == first.params)
        // Paused without a scheduler: nothing ever promotes it, so asks pass it by.
        #expect(try study.tell(again, .paused(step: 1)).state == .waiting)
        #expect(try study.lifecycleState(number: first.number) == .paused(step: 1))
        let next = try #require(try study.ask())
        #expect(next.number == first.number + 1)
        // A finished outcome on a handed-back trial is refused, and a negative pause step never reaches the store.
        #expect(throws: StorageError.self) { try study.tell(number: first.number, .value(1)) }
        #expect(throws: TrialLifecycleError.negativeStep(-2, event: .pause(step: -2))) { try study.tell(next, .paused(step: -2)) }
        #expect(try study.lifecycleState(number: next.number) == .running)
    }

    @Test func thrownStopsMapToOutcomes() {
        #expect(TrialOutcome(thrown: TrialPaused(step: 4)) == .paused(step: 4))
        #expect(TrialOutcome(thrown: TrialInterrupted()) == .interrupted)
        #expect(TrialOutcome(thrown: TrialPruned(step: 2)) == .pruned)
        #expect(TrialOutcome(thrown: CocoaError(.fileNoSuchFile)) == nil)
        #expect(TrialOutcome.value(.nan).event == .fail && TrialOutcome.value(1).event == .complete)
    }
}
