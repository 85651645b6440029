import SweepCore

/// One small scatter plot per parameter: the parameter's value (log axis for log parameters, bands
/// for categories) against the objective value. Failed trials sit in a band under the frame.
enum SVGPlotSlices {
    static func render(_ m: ReportModel, cap: Int) -> (html: String, note: String?)? {
        guard !m.parameters.isEmpty, m.trials.contains(where: { $0.state.isFinished }) else { return nil }
        let improving = Set(m.improvements.map(\.number))
        var figures: [String] = []
        var thinned = false
        for p in m.parameters {
            let relevant = m.trials.filter { t in
                t.params[p.name] != nil && (t.state == .failed || ((t.state == .complete || t.state == .pruned) && (t.value?.isFinite ?? false)))
            }
            let keep = relevant.indices.filter { improving.contains(relevant[$0].number) }
            let shown = Decimation.select(count: relevant.count, cap: cap, keep: keep).map { relevant[$0] }
            thinned = thinned || shown.count < relevant.count
            let hasFailed = shown.contains { $0.state == .failed }
            let band = hasFailed ? 14.0 : 0
            var c = SVGCanvas(width: 352, height: 262)
            let frame = PlotFrame(left: 62, top: 8, width: 352 - 62 - 10, height: 262 - 8 - 52 - band)
            c.axes(frame, x: p.scale, y: m.valueScale, xLabel: p.name + (p.scale.isLog ? " (log)" : ""), yLabel: m.metric, extraBottom: band)
            if hasFailed {
                c.rect(frame.left, frame.bottom + 1, frame.width, band - 2, cls: "band")
            }
            // Failed and pruned first, so complete trials stay visible on top.
            for t in SVGPlotHistory.drawingOrder(shown) where t.number != m.best?.number {
                guard let u = p.position(t) else { continue }
                let x = frame.x(u)
                // Short hover text: these plots hold the most marks.
                let title = "#\(t.number) \(t.state.rawValue) · \(p.name)=" + ReportText.param(t.params[p.name])
                if t.state == .failed {
                    c.marker(.failed, x, frame.bottom + band / 2, size: 2.4, title: title)
                } else if let v = t.value {
                    c.marker(PlotMarker(t.state), x, frame.y(m.valueScale.unit(v)), size: 2.8, title: title + " · " + ReportText.value(v))
                }
            }
            if let b = m.best, let v = b.value, let u = p.position(b) {
                c.marker(.best, frame.x(u), frame.y(m.valueScale.unit(v)), size: 2.6, title: "best: " + m.tooltip(b))
            }
            var caption = ""
            if p.conditional { caption = "active in \(ReportText.count(p.activeCount)) of \(ReportText.count(m.trials.count)) trials" }
            if p.inferred { caption += (caption.isEmpty ? "" : "; ") + "range inferred from the trials" }
            figures.append("<figure>" + c.rendered(plot: "slice", label: "Objective value against \(p.name)")
                           + (caption.isEmpty ? "" : "<figcaption>" + ReportText.escape(caption) + "</figcaption>") + "</figure>")
        }
        var keys = PlotLegend.states(m.counts, pruned: "pruned (last reported value)", failed: "failed (band below)")
        keys.removeAll { if case .marker(.running, _) = $0 { return true } else { return false } }
        if m.best != nil { keys.append(.marker(.best, "best trial")) }
        let html = PlotLegend.html(keys) + "<div class=\"grid-plots\">" + figures.joined() + "</div>"
        let note = thinned ? "Plots with more than \(ReportText.count(cap)) points show every best-so-far improvement plus an evenly spaced sample by trial number." : nil
        return (html, note)
    }
}
