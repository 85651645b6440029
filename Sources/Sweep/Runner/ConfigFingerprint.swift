import SweepCore

/// The parts of a sweep config that may not change once trials exist (the search space, the objective,
/// the metric and the seed), as canonical text, its hash, and a readable diff.
///
/// Budgets, workers, time limits, the method and the pruner may change between runs: raising a budget
/// is how a finished sweep is extended.
public enum ConfigFingerprint {
    /// Canonical text of the unchangeable parts.
    public static func canonical(_ config: SweepConfig) -> String {
        var lines = ["seed: \(config.seed)", "metric: \(config.metric.name) \(config.metric.goal.rawValue)"]
        // Only sweeps with several metrics or constraints add lines, so earlier sweeps keep their hash.
        if config.isMultiObjective { lines.append("metrics: " + describe(config.objectives)) }
        if !config.constraints.isEmpty { lines.append("constraints: " + config.constraints.map(\.description).joined(separator: ", ")) }
        lines.append("objective: " + describe(config.objective))
        for p in config.space.parameters {
            var line = "param \(p.name): \(p.domain)"
            if let c = p.condition { line += " when \(c)" }
            if let g = p.gridValues { line += " grid [" + g.map(\.description).joined(separator: ", ") + "]" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Hash stored with the study.
    public static func hash(_ config: SweepConfig) -> String { Study.hash(canonical(config)) }

    /// One-line description of an objective (the form compared across runs).
    public static func describe(_ objective: ObjectiveSpec) -> String {
        objective.spec.fingerprint
    }

    /// `a (minimize), b (maximize)`.
    static func describe(_ metrics: [MetricSpec]) -> String {
        metrics.map { "\($0.name) (\($0.goal.rawValue))" }.joined(separator: ", ")
    }

    /// What changed from `old` to `new` in the unchangeable parts (empty when nothing did).
    public static func differences(old: SweepConfig, new: SweepConfig) -> [String] {
        var diffs = new.space.differences(from: old.space)
        if old.seed != new.seed { diffs.append("~ seed: \(old.seed) → \(new.seed)") }
        if old.metric != new.metric {
            diffs.append("~ metric: \(old.metric.name) (\(old.metric.goal.rawValue)) → \(new.metric.name) (\(new.metric.goal.rawValue))")
        }
        if old.objectives.count > 1 || new.objectives.count > 1, old.objectives != new.objectives {
            diffs.append("~ metrics: \(describe(old.objectives)) → \(describe(new.objectives))")
        }
        if old.constraints != new.constraints {
            let text = { (c: [ConstraintSpec]) in c.isEmpty ? "none" : c.map(\.description).joined(separator: ", ") }
            diffs.append("~ constraints: \(text(old.constraints)) → \(text(new.constraints))")
        }
        let o = describe(old.objective), n = describe(new.objective)
        if o != n { diffs.append("~ objective: \(o) → \(n)") }
        return diffs
    }
}
