import SweepCore

/// The cost metrics (``CostMetrics``) as a column group at the right of the report's trial table:
/// one column per metric any shown trial recorded, headed by its bare name; measured ones are marked.
enum ReportCostColumns {
    /// `<colgroup>`s: one spanning the `leading` columns, one (class `cost`) spanning the cost columns;
    /// empty when there are none.
    static func colgroups(leading: Int, cost: [String]) -> String {
        guard !cost.isEmpty else { return "" }
        return "<colgroup span=\"\(leading)\"></colgroup><colgroup class=\"cost\" span=\"\(cost.count)\"></colgroup>"
    }

    /// Header cells; measured metrics carry a tooltip saying they were timed on this machine.
    static func headers(_ cost: [String]) -> String {
        cost.map { name in
            let title = CostMetrics.measuredNames.contains(name)
                ? "cost: measured on the final model (this machine, one thread)" : "cost: exact, from the layout"
            return "<th class=\"num cost\" title=\"" + ReportText.escape(title) + "\">" + ReportText.escape(name) + "</th>"
        }.joined()
    }

    /// `trial`'s cells (`-` where it has no value).
    static func cells(_ cost: [String], of trial: Trial) -> String {
        cost.map { name in
            "<td class=\"num cost\">" + (CostMetrics.value(name, of: trial.attributes).map { CostMetrics.text(name, $0) } ?? "-") + "</td>"
        }.joined()
    }
}
