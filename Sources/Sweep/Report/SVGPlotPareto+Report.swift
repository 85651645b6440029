import SweepCore

extension ParetoReportModel {
    /// The Pareto data of `report`: nil unless the study has two or more metrics.
    init?(report: SweepReport) {
        // Wired to the config's `metrics:` list and `Trial.values` once they exist.
        return nil
    }
}
