import SweepCore

extension ParetoReportModel {
    /// The Pareto data of `report`: its config's objectives and every trial's value vector and
    /// constraint values; nil without a config or with fewer than 2 objectives.
    init?(report: SweepReport) {
        guard let config = report.config else { return nil }
        self.init(metrics: config.objectives.map(\.name), directions: config.directions,
                  trials: report.trials.map(MultiObjectiveTrial.init))
    }
}
