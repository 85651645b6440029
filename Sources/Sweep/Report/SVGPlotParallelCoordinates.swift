import SweepCore

/// One vertical axis per parameter plus the objective value; one line per trial, coloured by the rank
/// of its value (dark = best), the best trial on top. Pruned and failed trials are dashed lines across
/// the parameter axes only. Inactive conditional parameters sit on an "n/a" mark under their axis.
enum SVGPlotParallelCoordinates {
    static func render(_ m: ReportModel, options: SweepReport.Options, importanceOrder: [String]?) -> (html: String, note: String?)? {
        guard !m.parameters.isEmpty, !m.ranked.isEmpty || m.count(.pruned) + m.count(.failed) > 0 else { return nil }
        var params = m.parameters
        var notes: [String] = []
        if params.count > options.parallelAxes {
            let order = importanceOrder ?? params.map(\.name)
            let chosen = Set(order.prefix(options.parallelAxes))
            params = params.filter { chosen.contains($0.name) }
            notes.append("Showing \(params.count) of \(m.parameters.count) parameters (the most important).")
        }
        let axisCount = params.count + 1
        let width = 1100.0
        var c = SVGCanvas(width: width, height: 430)
        let frame = PlotFrame(left: 60, top: 44, width: width - 60 - 70, height: 430 - 44 - 44)
        let spacing = frame.width / Double(axisCount - 1 == 0 ? 1 : axisCount - 1)
        func axisX(_ k: Int) -> Double { axisCount == 1 ? frame.left + frame.width / 2 : frame.left + Double(k) * spacing }
        let naY = frame.bottom + 18
        let maxChars = max(4, Int(spacing / 7))

        // Axes.
        for (k, p) in params.enumerated() {
            drawAxis(&c, x: axisX(k), frame: frame, scale: p.scale,
                     name: p.name + (p.scale.isLog ? " (log)" : ""), maxChars: maxChars, naY: p.conditional ? naY : nil)
        }
        drawAxis(&c, x: axisX(params.count), frame: frame, scale: m.valueScale, name: m.metric, maxChars: maxChars + 4, naY: nil)

        func points(_ t: Trial, includeValue: Bool) -> [(Double, Double)] {
            var pts: [(Double, Double)] = []
            pts.reserveCapacity(axisCount)
            for (k, p) in params.enumerated() {
                let y = p.position(t).map { frame.y($0) } ?? naY
                pts.append((axisX(k), y))
            }
            if includeValue, let v = t.value { pts.append((axisX(params.count), frame.y(m.valueScale.unit(v)))) }
            return pts
        }

        // Pruned and failed trials first (underneath), dashed.
        for state in [TrialState.pruned, .failed] {
            let group = m.trials.filter { $0.state == state }
            let picked = Decimation.evenlySpaced(group.count, count: options.parallelOtherLines)
            for i in picked {
                c.polyline(points(group[i], includeValue: false), cls: state == .pruned ? "pc-pruned" : "pc-failed")
            }
            if picked.count < group.count {
                notes.append("\(ReportText.count(picked.count)) of \(ReportText.count(group.count)) \(state.rawValue) trials drawn (evenly spaced).")
            }
        }
        // Complete trials, worst first so the best lie on top.
        let keep = Array(0..<min(50, m.ranked.count))
        let picked = Decimation.select(count: m.ranked.count, cap: options.parallelLines, keep: keep)
        for i in picked.reversed() where i != 0 {
            let t = m.ranked[i]
            c.polyline(points(t, includeValue: true), cls: "pc", stroke: ReportStyle.valueColour(m.goodness(rankIndex: i)), title: m.tooltip(t))
        }
        if let best = m.ranked.first {
            c.polyline(points(best, includeValue: true), cls: "pc-best", stroke: ReportStyle.valueColour(1), title: "best: " + m.tooltip(best))
        }
        if let n = ReportModel.shownNote(picked.count, of: m.ranked.count, noun: "complete trials",
                                         rule: "the 50 best plus an evenly spaced sample over the ranking") {
            notes.insert(n, at: 0)
        }
        var keys: [PlotLegend.Key] = m.ranked.isEmpty ? [] : [.valueBar, .line(cssClass: "pc-best-key", "best trial (thick)")]
        if m.count(.pruned) > 0 { keys.append(.line(cssClass: "pc-pruned", "pruned")) }
        if m.count(.failed) > 0 { keys.append(.line(cssClass: "pc-failed", "failed")) }
        if params.contains(where: \.conditional) { keys.append(.marker(.waiting, "n/a: parameter inactive")) }
        let html = PlotLegend.html(keys) + c.rendered(plot: "parallel-coordinates", label: "Parallel coordinates of parameters and value")
        return (html, notes.isEmpty ? nil : notes.joined(separator: " "))
    }

    static func drawAxis(_ c: inout SVGCanvas, x: Double, frame: PlotFrame, scale: PlotScale, name: String, maxChars: Int, naY: Double?) {
        c.line(x, frame.top, x, frame.bottom, cls: "axis-line")
        let label = name.count > maxChars ? String(name.prefix(max(1, maxChars - 1))) + "…" : name
        c.text(x, frame.top - 14, label, cls: "axis-name", anchor: "middle")
        let ticks = scale.ticks(target: 6)
        for (u, text) in ticks where u >= -1e-9 && u <= 1 + 1e-9 {
            let y = frame.y(u)
            c.line(x - 3, y, x, y, cls: "axis-line")
            c.text(x - 5, y + 3.5, text, cls: "tick", anchor: "end")
        }
        if let naY {
            c.marker(.waiting, x, naY, size: 2.5)
            c.text(x - 5, naY + 3.5, "n/a", cls: "tick", anchor: "end")
        }
    }
}
