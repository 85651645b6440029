/// When an ask stops creating (or resuming) trials. Checked inside the ask transaction by ``AskPolicy``.
public struct AskLimits: Sendable, Equatable {
    /// Stop creating trials once the study holds this many (nil: no limit; with a scheduler, the
    /// scheduler's trial budget).
    public var totalTrials: Int?
    /// Stop creating trials once this many have failed (nil: no limit). Waiting trials still run.
    public var maxFailed: Int?
    /// Stop creating (and resuming) trials once a complete trial's value is at least this good
    /// (≥ when maximizing, ≤ when minimizing, compared exactly); nil: no target.
    public var target: Double?

    public init(totalTrials: Int? = nil, maxFailed: Int? = nil, target: Double? = nil) {
        self.totalTrials = totalTrials
        self.maxFailed = maxFailed
        self.target = target
    }

    /// Whether `value` is at least as good as `target` for `direction` (NaN never is).
    public static func meets(_ value: Double, target: Double, direction: Direction) -> Bool {
        guard !value.isNaN else { return false }
        return value == target || direction.isBetter(value, than: target)
    }
}
