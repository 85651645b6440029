import SweepCore

/// The per-metric columns of trial listings (`sweep trials`, CSV exports) for a sweep with several
/// metrics: one column per metric (``Trial/values``), and `feasible` when any trial recorded
/// constraint values (the `constraints` attribute, `≤ 0` = satisfied).
public struct ObjectiveColumns: Sendable {
    /// Metric names, one column each (empty for single-objective sweeps: `value` says it all).
    public let metrics: [String]
    /// Whether a `feasible` column is shown.
    public let feasibility: Bool

    /// The columns for `trials` of a sweep whose metrics are `metrics` (in order).
    public init(_ trials: [Trial], metrics: [String]) {
        self.metrics = metrics.count > 1 ? metrics : []
        feasibility = trials.contains { $0.attributes[ProbabilityOfFeasibility.constraintsKey] != nil }
    }

    /// Header cells: each metric with `prefix`, then `feasible`.
    public func header(prefix: String) -> [String] {
        metrics.map { prefix + $0 } + (feasibility ? ["feasible"] : [])
    }

    /// `t`'s cells, `missing` where it has no value.
    public func cells(_ t: Trial, missing: String, format: (Double) -> String) -> [String] {
        var out = metrics.indices.map { i in t.values.flatMap { i < $0.count ? format($0[i]) : nil } ?? missing }
        if feasibility {
            out.append(ObjectiveColumns.isFeasible(t).map { $0 ? "true" : "false" } ?? missing)
        }
        return out
    }

    /// Whether a complete trial satisfies its recorded constraints (nil when it recorded none).
    public static func isFeasible(_ t: Trial) -> Bool? {
        guard t.state == .complete, let c = t.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles else { return nil }
        return ConstraintDomination.isFeasible(c)
    }
}

extension Collection where Element == Trial {
    /// The Pareto front of a sweep's trials: complete, feasible trials (constraints all `≤ 0`, or none
    /// recorded) whose objective vector no other such trial dominates, in number order
    /// (``ParetoFront/bestTrials(_:directions:)``). With one direction: the feasible trials with the best
    /// value.
    public func paretoFront(_ directions: [Direction]) -> [Trial] {
        let views = map(MultiObjectiveTrial.init)
        let numbers = Set(ParetoFront.bestTrials(views, directions: directions).map(\.number))
        return filter { numbers.contains($0.number) }
    }
}
