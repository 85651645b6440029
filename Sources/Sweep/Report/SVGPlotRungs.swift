import SweepCore
import SweepMath

/// The rung view of successive halving / Hyperband / ASHA: per bracket, each trial's value at every
/// rung it reached, promoted points filled, the rung where it stopped hollow; plus a table of rungs.
enum SVGPlotRungs {
    static func render(_ summary: RungSummary, _ m: ReportModel, cap: Int) -> String {
        var all: [Double] = []
        for b in summary.brackets { for p in b.paths { for v in p.values { if let v, v.isFinite { all.append(v) } } } }
        let ys = PlotScale.fitting(all)
        var figures: [String] = []
        var tables: [String] = []
        var notes: [String] = []
        for b in summary.brackets {
            let labels = b.rungs.map { r in "rung \(r.index)" + (r.resource.map { " (\($0))" } ?? "") }
            let xs = PlotScale.categories(labels)
            let wide = summary.brackets.count == 1
            let width = wide ? 1100.0 : 540.0
            var c = SVGCanvas(width: width, height: 320)
            let frame = PlotFrame(left: 70, top: 10, width: width - 70 - 14, height: 320 - 10 - 52)
            c.axes(frame, x: xs, y: ys, xLabel: "rung (resource in steps)", yLabel: m.metric + (ys.isLog ? ", log" : ""))
            // The deepest paths always; then evenly spaced.
            let byDepth = b.paths.indices.sorted { b.paths[$0].rung > b.paths[$1].rung || (b.paths[$0].rung == b.paths[$1].rung && $0 < $1) }
            let keep = Array(byDepth.prefix(cap / 3))
            let picked = Decimation.select(count: b.paths.count, cap: cap, keep: keep).map { b.paths[$0] }
            if picked.count < b.paths.count {
                notes.append("Bracket \(b.number): \(ReportText.count(picked.count)) of \(ReportText.count(b.paths.count)) trials drawn (the deepest plus an evenly spaced sample).")
            }
            for p in picked {
                let h = SplitMix64.mix(UInt64(bitPattern: Int64(p.number)) &+ 0x2B6)
                let jitter = (Double(h >> 11) * 0x1.0p-53 - 0.5) * xs.bandWidth * 0.5
                var segment: [(Double, Double)] = []
                var marks: [(PlotMarker, Double, Double, String)] = []
                for (k, v) in p.values.enumerated() {
                    guard let v, v.isFinite else {
                        if segment.count > 1 { c.polyline(segment, cls: "rung-path") }
                        segment = []
                        continue
                    }
                    let pt = (frame.x(xs.unit(band: k) + jitter), frame.y(ys.unit(v)))
                    segment.append(pt)
                    let isFinal = k == p.rung
                    let marker: PlotMarker
                    let what: String
                    if !isFinal {
                        marker = .complete; what = "promoted"
                    } else {
                        switch p.outcome {
                        case .completedTopRung: marker = .complete; what = "completed the top rung"
                        case .stopped: marker = .pruned; what = "stopped here"
                        case .failed: marker = .failed; what = "failed here"
                        case .running: marker = .running; what = "running"
                        case .paused: marker = .waiting; what = "paused, waiting for promotion"
                        }
                    }
                    marks.append((marker, pt.0, pt.1, "#\(p.number) rung \(k): \(m.metric) \(ReportText.value(v)) — \(what)"))
                }
                if segment.count > 1 { c.polyline(segment, cls: "rung-path") }
                for (marker, x, y, title) in marks { c.marker(marker, x, y, size: 3, title: title) }
            }
            figures.append("<figure>" + c.rendered(plot: "rungs", label: "Rung view of bracket \(b.number)")
                           + "<figcaption>bracket \(b.number): \(b.paths.count) trial(s)</figcaption></figure>")
            var rows = ""
            for r in b.rungs {
                rows += "<tr><td class=\"num\">\(b.number)</td><td class=\"num\">\(r.index)</td><td class=\"num\">"
                    + (r.resource.map(String.init) ?? "-") + "</td><td class=\"num\">\(r.entered)</td><td class=\"num\">\(r.promoted)</td><td class=\"num\">"
                    + ReportText.value(r.best) + "</td></tr>"
            }
            tables.append(rows)
        }
        let outcomes = Set(summary.brackets.flatMap { $0.paths.map(\.outcome) })
        var keys: [PlotLegend.Key] = [.marker(.complete, "promoted / completed top rung")]
        if outcomes.contains(.stopped) { keys.append(.marker(.pruned, "stopped (not promoted)")) }
        if outcomes.contains(.failed) { keys.append(.marker(.failed, "failed")) }
        if outcomes.contains(.running) { keys.append(.marker(.running, "running")) }
        if outcomes.contains(.paused) { keys.append(.marker(.waiting, "paused, waiting for promotion")) }
        var html = PlotLegend.html(keys) + "<div class=\"grid-plots\">" + figures.joined() + "</div>"
        html += "<div class=\"table-wrap\"><table><thead><tr><th class=\"num\">bracket</th><th class=\"num\">rung</th><th class=\"num\">resource (steps)</th><th class=\"num\">trials</th><th class=\"num\">promoted</th><th class=\"num\">best at rung</th></tr></thead><tbody>"
            + tables.joined() + "</tbody></table></div>"
        if !notes.isEmpty { html += "<p class=\"note\">" + ReportText.escape(notes.joined(separator: " ")) + "</p>" }
        return html
    }
}
