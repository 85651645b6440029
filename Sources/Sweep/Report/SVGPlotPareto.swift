import SweepCore

/// The trade-off plot of a multi-objective study: every complete trial at (first metric, second
/// metric), the Pareto front drawn as the staircase bounding the region it dominates (clipped at the
/// hypervolume reference point, which is marked), dominated trials faded, infeasible trials as hollow
/// diamonds, and the front's trials labelled with their number (readable without hovering).
///
/// Element order inside the SVG (tests rely on it): axes, the `front-line` path, the reference point,
/// the dominated group, the infeasible group, the front group (its markers in front order), then the
/// labels in front order.
enum SVGPlotPareto {
    /// Most front labels drawn (the first `labelCap` of the front, best first by the first metric).
    static let labelCap = 60

    static func render(_ p: ParetoReportModel, cap: Int) -> (html: String, note: String?)? {
        guard !p.trials.isEmpty else { return nil }
        let frontNumbers = Set(p.front.map(\.number))
        let keep = p.trials.indices.filter { frontNumbers.contains(p.trials[$0].number) }
        let shown = Decimation.select(count: p.trials.count, cap: max(cap, keep.count), keep: keep).map { p.trials[$0] }

        var xs = shown.map { $0.values![0] }, ys = shown.map { $0.values![1] }
        if let r = p.reference, p.metrics.count == 2 { xs.append(r[0]); ys.append(r[1]) }
        let xScale = PlotScale.fitting(xs), yScale = PlotScale.fitting(ys)
        var c = SVGCanvas(width: 1100, height: 460)
        let frame = PlotFrame(left: 74, top: 12, width: 1100 - 74 - 24, height: 460 - 12 - 48)
        func point(_ v: [Double]) -> (Double, Double) { (frame.x(xScale.unit(v[0])), frame.y(yScale.unit(v[1]))) }
        c.axes(frame, x: xScale, y: yScale, xLabel: p.label(0) + (xScale.isLog ? ", log scale" : ""),
               yLabel: p.label(1) + (yScale.isLog ? ", log scale" : ""))

        // The staircase: with two metrics it starts and ends on the reference point's lines.
        if let first = p.front.first {
            let pts = p.front.map { point($0.values!) }
            let twoD = p.metrics.count == 2 ? p.reference.map(point) : nil
            var d = "M" + ReportText.coordinate(pts[0].0) + " " + ReportText.coordinate(twoD?.1 ?? pts[0].1)
            if twoD != nil { d += "V" + ReportText.coordinate(pts[0].1) }
            for q in pts.dropFirst() { d += "H" + ReportText.coordinate(q.0) + "V" + ReportText.coordinate(q.1) }
            if let r = twoD { d += "H" + ReportText.coordinate(r.0) }
            c.path(d, cls: "front-line", title: "Pareto front: \(p.front.count) trial(s), from #\(first.number)")
        }
        if let r = p.reference, p.metrics.count == 2 {
            let (x, y) = point(r)
            c.path("M" + ReportText.coordinate(x - 5) + " " + ReportText.coordinate(y) + "H" + ReportText.coordinate(x + 5)
                   + "M" + ReportText.coordinate(x) + " " + ReportText.coordinate(y - 5) + "V" + ReportText.coordinate(y + 5),
                   cls: "ref-point", title: "hypervolume reference point: " + r.map { ReportText.value($0) }.joined(separator: ", "))
        }
        c.group("dominated")
        for t in shown where !frontNumbers.contains(t.number) && !p.infeasible.contains(t.number) {
            let (x, y) = point(t.values!)
            c.marker(.complete, x, y, title: p.tooltip(t))
        }
        c.endGroup()
        c.group("infeasible")
        for t in shown where p.infeasible.contains(t.number) {
            let (x, y) = point(t.values!)
            c.path(diamond(x, y, 4.2), cls: "m-infeasible", title: p.tooltip(t))
        }
        c.endGroup()
        c.group("front")
        for t in p.front {
            let (x, y) = point(t.values!)
            c.marker(.complete, x, y, size: 4.2, title: "front: " + p.tooltip(t))
        }
        c.endGroup()
        for t in p.front.prefix(labelCap) {
            let (x, y) = point(t.values!)
            c.text(x + 6, y - 6, "#\(t.number)", cls: "front-label")
        }

        var front = SVGCanvas(width: 14, height: 14), dominated = SVGCanvas(width: 14, height: 14)
        var infeasible = SVGCanvas(width: 14, height: 14), ref = SVGCanvas(width: 14, height: 14)
        front.marker(.complete, 7, 7, size: 3.6)
        dominated.group("dominated")
        dominated.marker(.complete, 7, 7, size: 3.6)
        dominated.endGroup()
        infeasible.path(diamond(7, 7, 4.2), cls: "m-infeasible")
        ref.path("M2 7H12M7 2V12", cls: "ref-point")
        var legend = "<div class=\"legend\"><span>" + PlotLegend.swatch(front) + "front trial (labelled #number)</span>"
        legend += "<span>" + PlotLegend.swatch(dominated) + "dominated</span>"
        if !p.infeasible.isEmpty { legend += "<span>" + PlotLegend.swatch(infeasible) + "infeasible (violates a constraint)</span>" }
        if p.reference != nil, p.metrics.count == 2 { legend += "<span>" + PlotLegend.swatch(ref) + "hypervolume reference point</span>" }
        legend += "</div>"
        let html = legend
            + c.rendered(plot: "pareto", label: "\(p.metrics[1]) against \(p.metrics[0]) with the Pareto front")
        var notes: [String] = []
        if p.metrics.count > 2 {
            notes.append("The front is computed over all \(p.metrics.count) metrics; the plot shows the first two.")
        }
        if let n = ReportModel.shownNote(shown.count, of: p.trials.count, noun: "complete trials",
                                         rule: "every front trial plus an evenly spaced sample") {
            notes.append(n)
        }
        if p.front.count > labelCap { notes.append("The first \(labelCap) front trials are labelled.") }
        return (html, notes.isEmpty ? nil : notes.joined(separator: " "))
    }

    /// A diamond path centred at (x, y) with half-diagonal `s`.
    static func diamond(_ x: Double, _ y: Double, _ s: Double) -> String {
        let c = ReportText.coordinate
        return "M" + c(x) + " " + c(y - s) + "L" + c(x + s) + " " + c(y) + "L" + c(x) + " " + c(y + s) + "L" + c(x - s) + " " + c(y) + "Z"
    }
}
