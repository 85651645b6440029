import SweepCore

extension ParetoReportModel {
    /// Rows of the front table drawn at most.
    static let tableRows = 100

    /// The front's trials, best first by the first metric: trial number, every metric, then the
    /// parameters (`parameters` order; others sorted by name); nil when the front is empty.
    func frontTable(parameters: [String]) -> String? {
        guard !front.isEmpty else { return nil }
        var names = parameters
        for t in front { for k in t.params.keys.sorted() where !names.contains(k) { names.append(k) } }
        names = names.filter { n in front.contains { $0.params[n] != nil } }
        var html = "<div class=\"table-wrap\"><table class=\"front\"><thead><tr><th class=\"num\">trial</th>"
        for k in metrics.indices { html += "<th class=\"num\">" + ReportText.escape(label(k)) + "</th>" }
        for n in names { html += "<th class=\"num\">" + ReportText.escape(n) + "</th>" }
        html += "</tr></thead><tbody>"
        for t in front.prefix(Self.tableRows) {
            html += "<tr><td class=\"num\">#\(t.number)</td>"
            for v in t.values! { html += "<td class=\"num\">" + ReportText.value(v) + "</td>" }
            for n in names {
                html += "<td class=\"num\">" + (t.params[n].map { ReportText.escape(ReportText.param($0)) } ?? "<span class=\"note\">n/a</span>") + "</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        if front.count > Self.tableRows {
            html += "<p class=\"note\">\(front.count - Self.tableRows) more front trials not shown (sweep best NAME --json lists all).</p>"
        }
        return html
    }

    /// The Pareto section's body: scatter, hypervolume plot and the front table, with their notes.
    func sectionBody(parameters: [String], cap: Int) -> String {
        var html = ""
        let feasible = trials.count - infeasible.count
        html += "<p class=\"note\">" + ReportText.escape(
            "\(front.count) of \(ReportText.count(trials.count)) complete trial(s) are on the Pareto front of "
            + metrics.joined(separator: " and ") + " (feasible and not dominated"
            + (infeasible.isEmpty ? "" : "; \(ReportText.count(infeasible.count)) infeasible, \(ReportText.count(feasible)) feasible")
            + ").") + "</p>"
        if let s = SVGPlotPareto.render(self, cap: cap) {
            if let n = s.note { html += "<p class=\"note\">" + ReportText.escape(n) + "</p>" }
            html += s.html
        }
        if let h = SVGPlotHypervolume.render(self) {
            html += "<h3>Hypervolume over trials</h3><p class=\"note\">" + ReportText.escape(h.note) + "</p>" + h.html
        }
        if let table = frontTable(parameters: parameters) {
            html += "<h3>Front trials</h3>" + table
        }
        return html
    }
}
