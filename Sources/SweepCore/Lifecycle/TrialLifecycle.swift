/// The life of a trial as a pure state machine: which events may happen to a trial in each state and
/// where they lead. `Study` (module Sweep) is its only executor: it asks this table what an outcome or a
/// scheduler decision means and writes the result to storage; nothing else changes a trial's state.
///
/// ```
///            start                    complete / prune / fail
/// waiting ─────────▶ running ──────────────────────────────▶ complete | pruned | failed
///    ▲                │  │ ▲ report(step) (stays running)
///    │ interrupt,     │  │ │
///    │ expireLease    │  │ promote
///    └────────────────┘  ▼ │
///                    paused(step) ──prune──▶ pruned   (lost its rung when the schedule ended)
///                     pause(step)
/// ```
///
/// Contracts:
/// - Finished states (`complete`, `pruned`, `failed`) are terminal: every event on them is illegal. (Stores
///   accept telling the same outcome twice as a no-op; that is idempotence of the write, not a transition.)
/// - A paused trial runs again only when a scheduler promotes it (``Event/promote``), never by ``Event/start``;
///   an interrupted trial is plain `waiting` again and is started before new samples.
/// - ``transition(from:on:)`` is total and pure: it returns the new state or throws
///   ``TrialLifecycleError/illegalTransition(from:event:)``; it never traps.
public enum TrialLifecycle {
    /// Where a trial is in its life. Unlike ``TrialState`` (what is stored), it tells a `waiting` trial
    /// that never ran (or was interrupted) from one `paused` at a scheduler rung.
    public enum State: Sendable, Hashable, CustomStringConvertible {
        /// Enqueued, new, or handed back after an interruption / an expired lease: the next ask starts it.
        case waiting
        /// Owned by one worker, which may report, checkpoint and end it.
        case running
        /// Handed back at a multi-fidelity rung after reporting `step` (its rung's resource, ≥ 0); it keeps
        /// its values and checkpoint and runs again only when the scheduler promotes it.
        case paused(step: Int)
        /// Finished with a value.
        case complete
        /// Stopped early by a pruner, or by a scheduler that did not promote it.
        case pruned
        /// Ended without a value.
        case failed

        /// True for `complete`, `pruned` and `failed` (terminal).
        public var isFinished: Bool { stored.isFinished }

        public var description: String {
            switch self {
            case .waiting: return "waiting"
            case .running: return "running"
            case let .paused(step): return "paused at step \(step)"
            case .complete: return "complete"
            case .pruned: return "pruned"
            case .failed: return "failed"
            }
        }
    }

    /// Something that happens to a trial.
    public enum Event: Sendable, Hashable, CustomStringConvertible {
        /// An ask claims a waiting trial (or creates a new one) for a worker.
        case start
        /// An ask claims a paused trial because the scheduler promoted it to a higher rung.
        case promote
        /// The worker records an intermediate value at `step`.
        case report(step: Int)
        /// The worker reached its rung's resource at `step` and hands the trial back for promotion.
        case pause(step: Int)
        /// The worker stops before the end (Ctrl-C, time limit, client gone); the trial resumes first.
        case interrupt
        /// The owner's lease ran out (no heartbeat, or its process died); the store requeues the trial.
        case expireLease
        /// The objective returned a finite value.
        case complete
        /// A pruner stopped it, or a scheduler ended it at a rung it was not promoted from.
        case prune
        /// The objective failed (or returned NaN/±inf, or the lease expired too often).
        case fail

        public var description: String {
            switch self {
            case .start: return "start"
            case .promote: return "promote"
            case let .report(step): return "report step \(step)"
            case let .pause(step): return "pause at step \(step)"
            case .interrupt: return "interrupt"
            case .expireLease: return "expire the lease of"
            case .complete: return "complete"
            case .prune: return "prune"
            case .fail: return "fail"
            }
        }
    }

    /// The state a trial in `state` reaches on `event`.
    ///
    /// - Throws: ``TrialLifecycleError/illegalTransition(from:event:)`` when `event` cannot happen in
    ///   `state` (e.g. completing a waiting trial, starting a paused one, anything on a finished one), and
    ///   ``TrialLifecycleError/negativeStep(_:event:)`` for a report or pause at a step below 0.
    public static func transition(from state: State, on event: Event) throws(TrialLifecycleError) -> State {
        switch event {
        case let .report(step), let .pause(step):
            guard step >= 0 else { throw .negativeStep(step, event: event) }
        default: break
        }
        switch (state, event) {
        case (.waiting, .start): return .running
        case (.paused, .promote): return .running
        case (.running, .report): return .running
        case let (.running, .pause(step)): return .paused(step: step)
        case (.running, .interrupt), (.running, .expireLease): return .waiting
        case (.running, .complete): return .complete
        case (.running, .prune), (.paused, .prune): return .pruned
        case (.running, .fail): return .failed
        default: throw .illegalTransition(from: state, event: event)
        }
    }
}
