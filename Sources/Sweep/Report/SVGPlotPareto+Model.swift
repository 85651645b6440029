import SweepCore

/// What the report's Pareto section shows for a study with two or more metrics: the complete trials
/// with a full value vector, which of them are infeasible, the front, the hypervolume reference point
/// and the hypervolume after every trial.
struct ParetoReportModel {
    /// Metric names in config order (the objective vector's order).
    let metrics: [String]
    let directions: [Direction]
    /// Complete trials with one finite value per metric, by trial number.
    let trials: [MultiObjectiveTrial]
    /// Numbers of the trials among ``trials`` that violate a constraint.
    let infeasible: Set<Int>
    /// Feasible, non-dominated trials, best first by the first metric (``ParetoPick/front(_:directions:)``).
    let front: [MultiObjectiveTrial]
    /// The hypervolume reference point (see ``referencePoint(_:directions:)``); nil for more than 4
    /// metrics (no hypervolume is shown then).
    let reference: [Double]?
    /// Hypervolume of the feasible trials so far, at every usable trial (empty without a reference).
    let hypervolume: [(trial: Int, hypervolume: Double)]

    /// Nil when there are fewer than 2 metrics (the report then has no Pareto section).
    init?(metrics: [String], directions: [Direction], trials: [MultiObjectiveTrial]) {
        guard metrics.count >= 2, metrics.count == directions.count else { return nil }
        self.metrics = metrics
        self.directions = directions
        let usable = trials.filter { $0.hasValues(for: directions) }.sorted { $0.number < $1.number }
        self.trials = usable
        let constrained = usable.contains { $0.constraints != nil }
        infeasible = Set(usable.filter { constrained && !ConstraintDomination.isFeasible($0.constraints) }.map(\.number))
        front = ParetoPick.front(usable, directions: directions)
        let reference = Hypervolume.supportedObjectives.contains(directions.count)
            ? ParetoReportModel.referencePoint(usable.map { $0.values! }, directions: directions) : nil
        self.reference = reference
        hypervolume = reference.flatMap { try? ParetoFront.hypervolumeHistory(usable, reference: $0, directions: directions) } ?? []
    }

    /// The reference point: per metric, the worst value observed among `points` moved further in the
    /// worse direction by 10 % of the observed range (by 10 % of |worst|, or by 1 when that is 0, when
    /// every point has the same value). Every observed point is then strictly better than the
    /// reference in every metric, so each contributes to the hypervolume.
    static func referencePoint(_ points: [[Double]], directions: [Direction]) -> [Double]? {
        guard !points.isEmpty else { return nil }
        return directions.indices.map { k in
            let column = points.map { $0[k] }
            let lo = column.min()!, hi = column.max()!
            let range = hi - lo
            let margin = range > 0 ? 0.1 * range : (lo == 0 ? 1 : 0.1 * abs(lo))
            return directions[k] == .minimize ? hi + margin : lo - margin
        }
    }

    /// "val_accuracy (maximize ↑)".
    func label(_ k: Int) -> String {
        "\(metrics[k]) (\(directions[k].rawValue) \(directions[k] == .minimize ? "↓" : "↑"))"
    }

    /// "#12 · val_accuracy 0.97 · latency_us 14.2" and up to 6 parameters.
    func tooltip(_ t: MultiObjectiveTrial) -> String {
        var s = "#\(t.number)" + (infeasible.contains(t.number) ? " infeasible" : "")
        for (k, name) in metrics.enumerated() { s += " · \(name) " + ReportText.value(t.values?[k]) }
        let params = t.params.sorted { $0.key < $1.key }
        if !params.isEmpty {
            s += "\n" + params.prefix(6).map { "\($0.key)=" + ReportText.param($0.value) }.joined(separator: ", ")
                + (params.count > 6 ? ", …" : "")
        }
        return s
    }
}
