import SweepCore
import Testing

@Suite struct TrialLifecycleTests {
    typealias State = TrialLifecycle.State
    typealias Event = TrialLifecycle.Event

    static let states: [State] = [.waiting, .running, .paused(step: 3), .complete, .pruned, .failed]
    static let events: [Event] = [.start, .promote, .report(step: 2), .pause(step: 3), .interrupt, .expireLease, .complete, .prune, .fail]

    /// The legal transitions, written out by hand: every pair not listed must be refused.
    static let legal: [(State, Event, State)] = [
        (.waiting, .start, .running),
        (.paused(step: 3), .promote, .running),
        (.paused(step: 3), .prune, .pruned),
        (.running, .report(step: 2), .running),
        (.running, .pause(step: 3), .paused(step: 3)),
        (.running, .interrupt, .waiting),
        (.running, .expireLease, .waiting),
        (.running, .complete, .complete),
        (.running, .prune, .pruned),
        (.running, .fail, .failed),
    ]

    @Test func everyLegalTransitionReachesItsState() throws {
        for (from, event, to) in Self.legal {
            #expect(try TrialLifecycle.transition(from: from, on: event) == to, "\(from) on \(event)")
        }
    }

    @Test func everyOtherTransitionIsRefusedByName() {
        var refused = 0
        for from in Self.states {
            for event in Self.events where !Self.legal.contains(where: { $0.0 == from && $0.1 == event }) {
                refused += 1
                #expect(throws: TrialLifecycleError.illegalTransition(from: from, event: event), "\(from) on \(event)") {
                    try TrialLifecycle.transition(from: from, on: event)
                }
                let message = TrialLifecycleError.illegalTransition(from: from, event: event).description
                #expect(message.contains(from.description) && message.contains(event.description), "\(message)")
            }
        }
        #expect(refused == Self.states.count * Self.events.count - Self.legal.count)
    }

    @Test func finishedStatesAreTerminalAndPausedOnlyRunsWhenPromoted() {
        for state in Self.states where state.isFinished {
            for event in Self.events { #expect(throws: TrialLifecycleError.self) { try TrialLifecycle.transition(from: state, on: event) } }
        }
        #expect(throws: TrialLifecycleError.self) { try TrialLifecycle.transition(from: .paused(step: 1), on: .start) }
        #expect(TrialLifecycleError.illegalTransition(from: .paused(step: 1), event: .start).description.contains("promotes"))
    }

    @Test func aPauseOrReportAtANegativeStepIsRefused() {
        #expect(throws: TrialLifecycleError.negativeStep(-1, event: .pause(step: -1))) {
            try TrialLifecycle.transition(from: .running, on: .pause(step: -1))
        }
        #expect(throws: TrialLifecycleError.negativeStep(-4, event: .report(step: -4))) {
            try TrialLifecycle.transition(from: .running, on: .report(step: -4))
        }
        #expect(throws: TrialLifecycleError.negativeStep(Int.min, event: .pause(step: Int.min))) {
            try TrialLifecycle.transition(from: .running, on: .pause(step: Int.min))
        }
    }

    @Test func storedRowsMapBackToTheirState() {
        for state in Self.states {
            let row = Trial(number: 0, state: state.stored, intermediateValues: [3: 0.5], attributes: state.storedAttributes)
            #expect(State(trial: row) == state, "\(state)")
        }
        // Paused is a waiting row with the paused mark; without the mark it is plain waiting (enqueued, interrupted).
        #expect(State.paused(step: 9).stored == .waiting)
        #expect(State.paused(step: 9).storedAttributes[TrialLifecycle.pausedAtAttribute] == .number(9))
        #expect(State(trial: Trial(number: 1, state: .waiting, attributes: ["sweep.enqueued": .bool(true)])) == .waiting)
        // A paused row written before `sweep.paused_at` existed takes its last reported step.
        let legacy = Trial(number: 2, state: .waiting, intermediateValues: [1: 0.3, 3: 0.2],
                           attributes: [TrialLifecycle.pausedAttribute: .bool(true)])
        #expect(State(trial: legacy) == .paused(step: 3))
    }
}
