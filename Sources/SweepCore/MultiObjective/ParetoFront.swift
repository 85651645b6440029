/// The trade-offs a multi-objective study found: its best trials (Optuna's `study.best_trials`) and
/// the hypervolume reached trial by trial, for listings and reports.
public enum ParetoFront {
    /// Complete, feasible trials (constraints all `≤ 0`, or no constraints recorded) whose value vectors
    /// no other such trial dominates, in trial-number order. Trials with a value vector of the wrong
    /// length or with non-finite values are skipped.
    ///
    /// A trial has "no constraints recorded" when ``MultiObjectiveTrial/constraints`` is nil; when some
    /// trials of `trials` carry constraints, the ones without are treated as infeasible (as
    /// ``ConstraintDomination`` does).
    public static func bestTrials(_ trials: [MultiObjectiveTrial], directions: [Direction]) -> [MultiObjectiveTrial] {
        let constrained = trials.contains { $0.constraints != nil }
        let candidates = usable(trials, directions: directions)
            .filter { !constrained || ConstraintDomination.isFeasible($0.constraints) }
        let m = Pareto.minimizing(candidates.map { $0.values! }, directions: directions)
        return candidates.indices
            .filter { i in !m.indices.contains { Pareto.dominatesMinimizing(m[$0], m[i]) } }
            .map { candidates[$0] }
    }

    /// Hypervolume of the feasible complete trials among the first k, for every k at which a usable
    /// trial completes: `(trial number, hypervolume)` pairs in trial-number order, non-decreasing.
    /// - Throws: ``MultiObjectiveError`` for a bad reference point or more than 4 objectives.
    public static func hypervolumeHistory(_ trials: [MultiObjectiveTrial], reference: [Double],
                                          directions: [Direction]) throws -> [(trial: Int, hypervolume: Double)] {
        _ = try Hypervolume.prepare([], reference: reference, directions: directions, operation: "hypervolume history")
        let constrained = trials.contains { $0.constraints != nil }
        var front: [[Double]] = []
        var out: [(trial: Int, hypervolume: Double)] = []
        var current = 0.0
        let r = zip(reference, directions).map { $1.minimizing($0) }
        for t in usable(trials, directions: directions).sorted(by: { $0.number < $1.number }) {
            if !constrained || ConstraintDomination.isFeasible(t.constraints) {
                let p = zip(t.values!, directions).map { $1.minimizing($0) }
                if !front.contains(where: { q in zip(q, p).allSatisfy { $0 <= $1 } }) {
                    front.removeAll { q in zip(p, q).allSatisfy { $0 <= $1 } }
                    front.append(p)
                    current = Hypervolume.volume(front, reference: r)
                }
            }
            out.append((t.number, current))
        }
        return out
    }

    /// Complete trials with one finite value per objective.
    private static func usable(_ trials: [MultiObjectiveTrial], directions: [Direction]) -> [MultiObjectiveTrial] {
        trials.filter { $0.hasValues(for: directions) }
    }
}
