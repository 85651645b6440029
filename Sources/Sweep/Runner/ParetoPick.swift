import SweepCore

/// Choosing among the trade-offs of a study (`sweep best --pick "latency_us <= 20"`): the front as a
/// list, and one trial by thresholds on the metrics.
///
/// Candidates are the complete trials with one finite value per objective that satisfy the study's
/// own `constraints:` (all violations `≤ 0`; trials of a study without constraints are all
/// feasible). Pick expressions use the constraint syntax (``ConstraintSpec``: `metric <= number`,
/// `<`, `>=`, `>`) on the study's objective metrics; a strict comparison is treated as its non-strict
/// form, as constraints are (a trial exactly on the bound satisfies it).
public enum ParetoPick {
    /// The feasible, non-dominated trials, best first by the first objective (ties: by the next
    /// objectives in order, then by trial number).
    public static func front(_ trials: [MultiObjectiveTrial], directions: [Direction]) -> [MultiObjectiveTrial] {
        let best = ParetoFront.bestTrials(trials, directions: directions)
        return best.sorted { better($0, than: $1, directions: directions) }
    }

    /// Parses pick expressions, checking that each names one of `metrics`.
    /// - Throws: ``ParetoPickError/malformed(expression:reason:)`` or ``ParetoPickError/unknownMetric(expression:metric:known:)``.
    public static func parse(_ expressions: [String], metrics: [String]) throws -> [ConstraintSpec] {
        try expressions.map { text in
            let spec: ConstraintSpec
            do {
                spec = try ConstraintSpec(parsing: text)
            } catch {
                throw ParetoPickError.malformed(expression: text, reason: "\(error)")
            }
            guard metrics.contains(spec.metric) else {
                throw ParetoPickError.unknownMetric(expression: text, metric: spec.metric, known: metrics)
            }
            return spec
        }
    }

    /// The best trial by the first objective among the feasible candidates that satisfy every pick
    /// (ties as in ``front(_:directions:)``).
    /// - Throws: ``ParetoPickError/noCandidate`` when no trial is complete and feasible,
    ///   ``ParetoPickError/nothingSatisfies(picks:closest:values:)`` naming the candidate with the
    ///   smallest total violation `Σ max(0, c)` of the picks.
    public static func select(_ trials: [MultiObjectiveTrial], metrics: [String], directions: [Direction],
                              picks: [ConstraintSpec]) throws -> MultiObjectiveTrial {
        let constrained = trials.contains { $0.constraints != nil }
        let candidates = trials.filter {
            $0.hasValues(for: directions) && (!constrained || ConstraintDomination.isFeasible($0.constraints))
        }
        guard !candidates.isEmpty else { throw ParetoPickError.noCandidate }
        func violation(_ t: MultiObjectiveTrial) -> Double {
            picks.reduce(0) { sum, p in
                guard let k = metrics.firstIndex(of: p.metric) else { return .infinity }
                return sum + max(0, p.violation(value: t.values![k]))
            }
        }
        let satisfying = candidates.filter { violation($0) <= 0 }
        if let best = satisfying.min(by: { better($0, than: $1, directions: directions) }) { return best }
        let closest = candidates.min { a, b in (violation(a), a.number) < (violation(b), b.number) }!
        throw ParetoPickError.nothingSatisfies(picks: picks.map(\.description), closest: closest.number,
                                               values: Array(zip(metrics, closest.values!)).map { ($0, $1) })
    }

    /// Whether `a` ranks before `b`: better first objective, then the next objectives, then the smaller
    /// trial number.
    static func better(_ a: MultiObjectiveTrial, than b: MultiObjectiveTrial, directions: [Direction]) -> Bool {
        for (k, d) in directions.enumerated() {
            let x = d.minimizing(a.values![k]), y = d.minimizing(b.values![k])
            if x != y { return x < y }
        }
        return a.number < b.number
    }
}

/// Why `sweep best --pick` cannot choose a trial. Every message names the expression or the trial and
/// says what to do.
public enum ParetoPickError: Error, CustomStringConvertible, Sendable {
    /// The expression does not parse as `metric <= number`.
    case malformed(expression: String, reason: String)
    /// The expression names a metric the study does not have.
    case unknownMetric(expression: String, metric: String, known: [String])
    /// No complete, feasible trial with a full value vector yet.
    case noCandidate
    /// No candidate satisfies every pick; `closest` violates them least.
    case nothingSatisfies(picks: [String], closest: Int, values: [(String, Double)])

    public var description: String {
        switch self {
        case let .malformed(expression, reason):
            return "--pick '\(expression)': \(reason)"
        case let .unknownMetric(expression, metric, known):
            return "--pick '\(expression)': the sweep has no metric '\(metric)'; pick on one of: \(known.joined(separator: ", "))"
        case .noCandidate:
            return "the sweep has no complete feasible trial yet; run more trials before picking"
        case let .nothingSatisfies(picks, closest, values):
            let shown = values.map { "\($0.0) \(ReportText.value($0.1))" }.joined(separator: ", ")
            return "no complete feasible trial satisfies \(picks.joined(separator: " and ")); the closest is #\(closest) "
                + "(\(shown)): relax the pick or run more trials"
        }
    }
}
