import SweepCore

/// Intermediate values by step, one line per trial, coloured by the trial's final state; the best
/// trial's curve is drawn thick on top.
enum SVGPlotLearningCurves {
    static func render(_ m: ReportModel, options: SweepReport.Options) -> (html: String, note: String?)? {
        let withCurves = m.trials.filter { !$0.intermediateValues.isEmpty }
        guard !withCurves.isEmpty else { return nil }
        // The best complete trials always; then an evenly spaced sample by trial number.
        let top = Set(m.ranked.prefix(10).map(\.number))
        let keep = withCurves.indices.filter { top.contains(withCurves[$0].number) }
        let shown = Decimation.select(count: withCurves.count, cap: options.curves, keep: keep).map { withCurves[$0] }

        var steps: [Double] = []
        var values: [Double] = []
        var curves: [(Trial, [(step: Int, value: Double)])] = []
        var thinnedCurves = 0
        for t in shown {
            let all = t.sortedIntermediateValues.filter { $0.value.isFinite }
            guard !all.isEmpty else { continue }
            let idx = Decimation.evenlySpaced(all.count, count: options.curvePoints)
            if idx.count < all.count { thinnedCurves += 1 }
            let pts = idx.map { all[$0] }
            for p in pts {
                steps.append(Double(p.step))
                values.append(p.value)
            }
            curves.append((t, pts))
        }
        guard !curves.isEmpty else { return nil }
        let xs = PlotScale.fitting(steps, integer: true, allowLog: false)
        let ys = PlotScale.fitting(values)
        var c = SVGCanvas(width: 1100, height: 400)
        let frame = PlotFrame(left: 74, top: 12, width: 1100 - 74 - 16, height: 400 - 12 - 48)
        c.axes(frame, x: xs, y: ys, xLabel: "step", yLabel: "intermediate \(m.metric)" + (ys.isLog ? ", log scale" : ""))
        let order: [TrialState] = [.complete, .running, .waiting, .pruned, .failed]
        let bestNumber = m.best?.number
        for state in order {
            for (t, pts) in curves where t.state == state && t.number != bestNumber {
                draw(&c, t, pts, cls: "lc-" + state.rawValue, frame: frame, xs: xs, ys: ys, m: m)
            }
        }
        if let b = curves.first(where: { $0.0.number == bestNumber }) {
            draw(&c, b.0, b.1, cls: "lc-best", frame: frame, xs: xs, ys: ys, m: m)
        }
        var keys: [PlotLegend.Key] = []
        let states = Set(curves.map(\.0.state))
        for s in order where states.contains(s) && s != .waiting {
            keys.append(.line(cssClass: "lc-" + s.rawValue, s.rawValue))
        }
        if states.contains(.waiting) { keys.append(.line(cssClass: "lc-waiting", "waiting / paused")) }
        if bestNumber != nil && curves.contains(where: { $0.0.number == bestNumber }) { keys.append(.line(cssClass: "lc-best", "best trial")) }
        let html = PlotLegend.html(keys) + c.rendered(plot: "learning-curves", label: "Learning curves (intermediate values by step)")
        var notes: [String] = []
        if let n = ReportModel.shownNote(shown.count, of: withCurves.count, noun: "curves",
                                         rule: "the 10 best complete trials plus an evenly spaced sample by trial number") {
            notes.append(n)
        }
        if thinnedCurves > 0 {
            notes.append("\(thinnedCurves) curve(s) longer than \(options.curvePoints) points are thinned evenly (first and last step kept).")
        }
        return (html, notes.isEmpty ? nil : notes.joined(separator: " "))
    }

    static func draw(_ c: inout SVGCanvas, _ t: Trial, _ pts: [(step: Int, value: Double)], cls: String,
                     frame: PlotFrame, xs: PlotScale, ys: PlotScale, m: ReportModel) {
        let xy = pts.map { (frame.x(xs.unit(Double($0.step))), frame.y(ys.unit($0.value))) }
        let title = m.tooltip(t) + "\n\(pts.count) step(s), last: step \(pts.last!.step) = " + ReportText.value(pts.last!.value)
        if xy.count == 1 {
            c.marker(PlotMarker(t.state), xy[0].0, xy[0].1, size: 2.6, title: title)
        } else {
            c.polyline(xy, cls: cls, title: title)
        }
    }
}
