import SweepCore

/// Champion (the registered version as it is) against challenger (the same configuration retrained
/// on new data), scored on the same held-out rows with the same ``HoldoutMetric``.
public struct ChampionChallenger: Sendable, Equatable {
    public var metric: HoldoutMetric
    /// Held-out score of the registered version.
    public var champion: Double
    /// Held-out score of the retrained model.
    public var challenger: Double
    /// How much better the challenger must be to be promoted, in the metric's units (≥ 0).
    public var margin: Double

    public init(metric: HoldoutMetric, champion: Double, challenger: Double, margin: Double) {
        self.metric = metric
        self.champion = champion
        self.challenger = challenger
        self.margin = margin
    }

    /// How much better the challenger is, in the metric's units: `challenger − champion` for a
    /// maximised metric, `champion − challenger` for a minimised one (negative when it is worse).
    public var improvement: Double {
        metric.goal == .maximize ? challenger - champion : champion - challenger
    }

    /// True when the challenger beats the champion by at least ``margin`` (`improvement ≥ margin`)
    /// and is strictly better (a tie never replaces the champion, even with margin 0).
    public var challengerWins: Bool { improvement >= margin && improvement > 0 }

    /// One sentence on the outcome, e.g. "challenger better by 0.0111 (margin 0.005)".
    public var verdict: String {
        let by = Self.short(abs(improvement))
        if challengerWins { return "challenger better by \(by) \(metric.name) (margin \(Self.short(margin)))" }
        if improvement > 0 { return "challenger better by only \(by) \(metric.name), less than the margin \(Self.short(margin))" }
        if improvement == 0 { return "challenger scores the same as the champion (margin \(Self.short(margin)))" }
        return "challenger worse by \(by) \(metric.name)"
    }

    static func short(_ x: Double) -> String {
        let rounded = (x * 1e6).rounded() / 1e6
        return "\(rounded)"
    }
}
