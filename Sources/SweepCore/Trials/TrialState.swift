/// Lifecycle of a trial.
///
/// `waiting` (enqueued, not started) → `running` → one of the finished states `complete`, `pruned`,
/// `failed`. Finished trials never change again.
public enum TrialState: String, Sendable, Hashable, Codable, CaseIterable {
    case waiting
    case running
    case complete
    case pruned
    case failed

    /// True for `complete`, `pruned` and `failed`.
    public var isFinished: Bool {
        switch self {
        case .complete, .pruned, .failed: return true
        case .waiting, .running: return false
        }
    }
}

/// Whether the objective is minimised or maximised.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    case minimize
    case maximize

    /// True when `a` is strictly better than `b` in this direction.
    @inlinable
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .minimize ? a < b : a > b
    }

    /// `value` turned into a quantity to minimise (negated for `maximize`).
    @inlinable
    public func minimizing(_ value: Double) -> Double {
        self == .minimize ? value : -value
    }
}
