import SweepCore

/// Horizontal bars of ``ParameterImportance`` main effects with their spread over the trees.
enum SVGPlotImportance {
    static func render(_ importance: ParameterImportance) -> (html: String, note: String) {
        let rows = importance.entries
        let rowHeight = 24.0
        let labelWidth = min(240, 40 + 7 * Double(rows.map(\.name.count).max() ?? 8))
        var c = SVGCanvas(width: 1100, height: 30 + rowHeight * Double(rows.count))
        let frame = PlotFrame(left: labelWidth, top: 6, width: 1100 - labelWidth - 130, height: rowHeight * Double(rows.count))
        let scale = PlotScale.linear(lower: 0, upper: 1, integer: false)
        for (u, label) in [(0.0, "0%"), (0.25, "25%"), (0.5, "50%"), (0.75, "75%"), (1.0, "100%")] {
            let x = frame.x(scale.unit(u))
            c.line(x, frame.top, x, frame.bottom, cls: "grid")
            c.text(x, frame.bottom + 14, label, cls: "tick", anchor: "middle")
        }
        for (i, e) in rows.enumerated() {
            let y = frame.top + Double(i) * rowHeight
            var name = e.name
            if e.activeFraction < 1 { name += " *" }
            c.text(frame.left - 8, y + rowHeight / 2 + 4, name, cls: "imp-label", anchor: "end")
            let w = frame.width * e.importance
            c.rect(frame.left, y + 4, w, rowHeight - 8, cls: "imp-bar",
                   title: "\(e.name): \(ReportText.percent(e.importance)) ± \(ReportText.percent(e.spread)) (spread over trees)")
            if e.spread > 0 {
                let a = frame.x(max(0, e.importance - e.spread)), b = frame.x(min(1, e.importance + e.spread))
                c.line(a, y + rowHeight / 2, b, y + rowHeight / 2, cls: "imp-err")
                c.line(a, y + rowHeight / 2 - 4, a, y + rowHeight / 2 + 4, cls: "imp-err")
                c.line(b, y + rowHeight / 2 - 4, b, y + rowHeight / 2 + 4, cls: "imp-err")
            }
            c.text(frame.x(min(1, e.importance + e.spread)) + 8, y + rowHeight / 2 + 4,
                   ReportText.percent(e.importance) + " ± " + ReportText.percent(e.spread), cls: "imp-value")
        }
        let interactions = max(0, 1 - importance.mainEffectTotal)
        var note = "Method: \(ParameterImportance.methodName). A forest of \(importance.trees) regression trees is fitted to "
        note += importance.trialsUsed < importance.trialsAvailable
            ? "a seeded sample of \(ReportText.count(importance.trialsUsed)) of the \(ReportText.count(importance.trialsAvailable)) complete trials"
            : "the \(ReportText.count(importance.trialsUsed)) complete trials"
        note += " (parameters in unit-cube encoding: log parameters in log space, categories as bins). "
        note += "Each bar is the share of the surrogate's variance explained by that parameter alone, averaged over the trees; "
        note += "the whisker is the spread (±1 s.d.) over the trees. Interactions between parameters account for the remaining \(ReportText.percent(interactions))."
        if rows.contains(where: { $0.activeFraction < 1 }) {
            note += " * conditional parameter: being inactive counts as one more value, weighted by how often it was inactive."
        }
        return (c.rendered(plot: "importance", label: "Parameter importance"), note)
    }
}
