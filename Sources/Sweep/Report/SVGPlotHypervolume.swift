import SweepCore

/// Hypervolume of the feasible trials so far against trial number, as a step line (it only grows),
/// with a marker where it grew.
enum SVGPlotHypervolume {
    static func render(_ p: ParetoReportModel) -> (html: String, note: String)? {
        guard let reference = p.reference, let last = p.hypervolume.last else { return nil }
        let values = p.hypervolume.map(\.hypervolume)
        let lo = Double(p.hypervolume.first!.trial), hi = Double(last.trial)
        let pad = max(0.5, (hi - lo) * 0.02)
        let xs = PlotScale.linear(lower: lo - pad, upper: hi + pad, integer: true)
        let ys = PlotScale.fitting(values, allowLog: false)
        var c = SVGCanvas(width: 1100, height: 300)
        let frame = PlotFrame(left: 74, top: 12, width: 1100 - 74 - 16, height: 300 - 12 - 48)
        c.axes(frame, x: xs, y: ys, xLabel: "trial", yLabel: "hypervolume")
        var d = ""
        var previous: Double?
        var grew: [(trial: Int, hypervolume: Double)] = []
        for (trial, hv) in p.hypervolume {
            let x = ReportText.coordinate(frame.x(xs.unit(Double(trial)))), y = ReportText.coordinate(frame.y(ys.unit(hv)))
            if previous == nil { d = "M" + x + " " + y } else { d += "H" + x + "V" + y }
            if hv > (previous ?? 0) { grew.append((trial, hv)) }
            previous = hv
        }
        c.path(d, cls: "best-line", title: "hypervolume so far")
        for g in grew {
            c.marker(.complete, frame.x(xs.unit(Double(g.trial))), frame.y(ys.unit(g.hypervolume)),
                     title: "#\(g.trial): hypervolume " + ReportText.value(g.hypervolume))
        }
        let html = PlotLegend.html([.line(cssClass: "best-line", "hypervolume of the feasible trials so far"),
                                    .marker(.complete, "trial that enlarged it")])
            + c.rendered(plot: "hypervolume", label: "Hypervolume of the feasible trials by trial number")
        let point = zip(p.metrics, reference).map { "\($0) " + ReportText.value($1) }.joined(separator: ", ")
        let note = "Reference point (\(point)): per metric, the worst value observed among the complete trials "
            + "moved 10 % of the observed range further in the worse direction, so every trial can contribute. "
            + "Final hypervolume " + ReportText.value(last.hypervolume) + ", in the product of the metrics' units."
        return (html, note)
    }
}
