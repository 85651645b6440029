import SweepCore

extension ReportModel {
    /// Hover text of a trial: number, state, value and (up to 8) parameters.
    func tooltip(_ t: Trial, value: Double? = nil) -> String {
        var s = "#\(t.number) \(t.state.rawValue)"
        if let v = value ?? t.value { s += " · \(metric) " + ReportText.value(v) }
        var n = 0
        for p in parameters {
            guard let v = t.params[p.name] else { continue }
            s += (n == 0 ? "\n" : ", ") + p.name + "=" + ReportText.param(v)
            n += 1
            if n == 8 { s += ", …"; break }
        }
        return s
    }

    /// "showing 2,000 of 10,000 trials: <rule>", or nil when everything is shown.
    static func shownNote(_ shown: Int, of total: Int, noun: String, rule: String) -> String? {
        shown < total ? "Showing \(ReportText.count(shown)) of \(ReportText.count(total)) \(noun): \(rule)." : nil
    }
}

/// Objective value of every finished trial by trial number, with the best-so-far line.
enum SVGPlotHistory {
    /// Failed, then pruned, then other trials (each in trial order), so complete trials are drawn on top.
    static func drawingOrder(_ trials: [Trial]) -> [Trial] {
        func layer(_ s: TrialState) -> Int { s == .failed ? 0 : s == .pruned ? 1 : 2 }
        return trials.enumerated().sorted { a, b in
            (layer(a.element.state), a.offset) < (layer(b.element.state), b.offset)
        }.map(\.element)
    }

    static func render(_ m: ReportModel, cap: Int) -> (html: String, note: String?)? {
        let finished = m.trials.filter { $0.state == .complete || $0.state == .pruned || $0.state == .failed }
        guard !finished.isEmpty else { return nil }
        let improving = Set(m.improvements.map(\.number))
        let keep = finished.indices.filter { improving.contains(finished[$0].number) || finished[$0].number == m.best?.number }
        let shown = Decimation.select(count: finished.count, cap: cap, keep: keep).map { finished[$0] }

        let hasFailed = shown.contains { $0.state == .failed || ($0.state == .pruned && !($0.value?.isFinite ?? false)) }
        let band = hasFailed ? 18.0 : 0
        var c = SVGCanvas(width: 1100, height: 380)
        let frame = PlotFrame(left: 74, top: 12, width: 1100 - 74 - 16, height: 380 - 12 - 48 - band)
        let lo = Double(finished.first!.number), hi = Double(finished.last!.number)
        let pad = max(0.5, (hi - lo) * 0.02)
        let xs = PlotScale.linear(lower: lo - pad, upper: hi + pad, integer: true)
        c.axes(frame, x: xs, y: m.valueScale, xLabel: "trial", yLabel: m.valueLabel, extraBottom: band)
        if hasFailed {
            c.rect(frame.left, frame.bottom + 1, frame.width, band - 2, cls: "band")
            c.text(frame.left - 5, frame.bottom + band / 2 + 3, "failed", cls: "band-label", anchor: "end")
        }
        // Best so far: a step line through every improvement, continued to the last trial.
        if let first = m.improvements.first {
            var d = "M" + ReportText.coordinate(frame.x(xs.unit(Double(first.number)))) + " " + ReportText.coordinate(frame.y(m.valueScale.unit(first.value)))
            for imp in m.improvements.dropFirst() {
                d += "H" + ReportText.coordinate(frame.x(xs.unit(Double(imp.number))))
                d += "V" + ReportText.coordinate(frame.y(m.valueScale.unit(imp.value)))
            }
            d += "H" + ReportText.coordinate(frame.x(xs.unit(hi)))
            c.path(d, cls: "best-line", title: "best so far")
        }
        for t in drawingOrder(shown) where t.number != m.best?.number {
            let x = frame.x(xs.unit(Double(t.number)))
            if let v = t.value, v.isFinite, t.state != .failed {
                c.marker(PlotMarker(t.state), x, frame.y(m.valueScale.unit(v)), title: m.tooltip(t))
            } else {
                c.marker(.failed, x, frame.bottom + band / 2, size: 2.8, title: m.tooltip(t) + (t.failureReason.map { "\n" + String($0.prefix(200)) } ?? ""))
            }
        }
        if let b = m.best, let v = b.value {
            c.marker(.best, frame.x(xs.unit(Double(b.number))), frame.y(m.valueScale.unit(v)), title: "best: " + m.tooltip(b))
        }
        var keys = PlotLegend.states(m.counts, pruned: "pruned (last reported value)", failed: "failed (no value)")
        keys.removeAll { if case .marker(.running, _) = $0 { return true } else { return false } }
        if !m.improvements.isEmpty { keys.append(.line(cssClass: "best-line", "best so far")) }
        if m.best != nil { keys.append(.marker(.best, "best trial")) }
        let html = PlotLegend.html(keys) + c.rendered(plot: "history", label: "Objective value by trial with the best value so far")
        var notes: [String] = []
        if let n = ReportModel.shownNote(shown.count, of: finished.count, noun: "finished trials",
                                         rule: "every best-so-far improvement plus an evenly spaced sample by trial number") {
            notes.append(n)
        }
        let unfinished = m.count(.running) + m.count(.waiting)
        if unfinished > 0 { notes.append("\(ReportText.count(unfinished)) running or waiting trial(s) are not drawn.") }
        return (html, notes.isEmpty ? nil : notes.joined(separator: " "))
    }
}
