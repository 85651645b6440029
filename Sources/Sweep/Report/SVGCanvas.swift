import Foundation
import SweepCore

/// The shape and style of a plotted point. States are told apart by shape as well as colour:
/// complete ●, pruned ○, failed ×, running □, best ★.
enum PlotMarker {
    case complete, pruned, failed, running, waiting, best

    init(_ state: TrialState) {
        switch state {
        case .complete: self = .complete
        case .pruned: self = .pruned
        case .failed: self = .failed
        case .running: self = .running
        case .waiting: self = .waiting
        }
    }

    var cssClass: String {
        switch self {
        case .complete: return "m-complete"
        case .pruned: return "m-pruned"
        case .failed: return "m-failed"
        case .running: return "m-running"
        case .waiting: return "m-waiting"
        case .best: return "m-best"
        }
    }
}

/// The rectangle of a plot's data area inside its SVG.
struct PlotFrame {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    /// Pixel x of unit position `u` (0 = left edge).
    @inline(__always) func x(_ u: Double) -> Double { left + u * width }
    /// Pixel y of unit position `u` (0 = bottom edge).
    @inline(__always) func y(_ u: Double) -> Double { top + (1 - u) * height }
    var bottom: Double { top + height }
    var right: Double { left + width }
}

/// Builds one inline SVG element as text. Styling comes from the report's CSS classes, which keeps
/// each element short (a 1,000-trial report holds thousands of them).
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
        body.reserveCapacity(4096)
    }

    private static func c(_ x: Double) -> String { ReportText.coordinate(x) }

    private mutating func close(_ tag: String, title: String?) {
        if let title {
            body += "><title>" + ReportText.escape(title) + "</title></" + tag + ">"
        } else {
            body += "/>"
        }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String) {
        body += "<line x1=\"" + Self.c(x1) + "\" y1=\"" + Self.c(y1) + "\" x2=\"" + Self.c(x2) + "\" y2=\"" + Self.c(y2)
            + "\" class=\"" + cls + "\"/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, cls: String, fill: String? = nil, title: String? = nil) {
        body += "<rect x=\"" + Self.c(x) + "\" y=\"" + Self.c(y) + "\" width=\"" + Self.c(max(0, w)) + "\" height=\""
            + Self.c(max(0, h)) + "\" class=\"" + cls + "\""
        if let fill { body += " fill=\"" + fill + "\"" }
        close("rect", title: title)
    }

    /// Text; `anchor` is `start`, `middle` or `end`; `rotate` in degrees about the anchor point.
    mutating func text(_ x: Double, _ y: Double, _ string: String, cls: String = "", anchor: String = "start", rotate: Double? = nil) {
        body += "<text x=\"" + Self.c(x) + "\" y=\"" + Self.c(y) + "\""
        if !cls.isEmpty { body += " class=\"" + cls + "\"" }
        if anchor != "start" { body += " text-anchor=\"" + anchor + "\"" }
        if let rotate { body += " transform=\"rotate(" + Self.c(rotate) + " " + Self.c(x) + " " + Self.c(y) + ")\"" }
        body += ">" + ReportText.escape(string) + "</text>"
    }

    /// A point marker centred at (x, y).
    mutating func marker(_ m: PlotMarker, _ x: Double, _ y: Double, size: Double = 3.2, title: String? = nil) {
        switch m {
        case .complete, .pruned, .waiting:
            body += "<circle cx=\"" + Self.c(x) + "\" cy=\"" + Self.c(y) + "\" r=\"" + Self.c(size) + "\" class=\"" + m.cssClass + "\""
            close("circle", title: title)
        case .failed:
            let s = size * 1.1
            body += "<path d=\"M" + Self.c(x - s) + " " + Self.c(y - s) + "L" + Self.c(x + s) + " " + Self.c(y + s) + "M"
                + Self.c(x - s) + " " + Self.c(y + s) + "L" + Self.c(x + s) + " " + Self.c(y - s) + "\" class=\"m-failed\""
            close("path", title: title)
        case .running:
            let s = size * 0.95
            body += "<rect x=\"" + Self.c(x - s) + "\" y=\"" + Self.c(y - s) + "\" width=\"" + Self.c(2 * s) + "\" height=\""
                + Self.c(2 * s) + "\" class=\"m-running\""
            close("rect", title: title)
        case .best:
            var d = ""
            for k in 0..<10 {
                let r = k % 2 == 0 ? size * 2.4 : size * 1.0
                let a = Double.pi / 5 * Double(k) - Double.pi / 2
                d += (k == 0 ? "M" : "L") + Self.c(x + r * cos(a)) + " " + Self.c(y + r * sin(a))
            }
            body += "<path d=\"" + d + "Z\" class=\"m-best\""
            close("path", title: title)
        }
    }

    /// A polyline through `points`; `stroke` overrides the class colour.
    mutating func polyline(_ points: [(Double, Double)], cls: String, stroke: String? = nil, title: String? = nil) {
        guard !points.isEmpty else { return }
        body += "<polyline points=\""
        for (i, p) in points.enumerated() {
            if i > 0 { body += " " }
            body += Self.c(p.0) + "," + Self.c(p.1)
        }
        body += "\" class=\"" + cls + "\""
        if let stroke { body += " stroke=\"" + stroke + "\"" }
        close("polyline", title: title)
    }

    /// A path with data `d`.
    mutating func path(_ d: String, cls: String, title: String? = nil) {
        body += "<path d=\"" + d + "\" class=\"" + cls + "\""
        close("path", title: title)
    }

    /// Opens a group (`<g class=…>`); close it with ``endGroup()``.
    mutating func group(_ cls: String) { body += "<g class=\"" + cls + "\">" }
    mutating func endGroup() { body += "</g>" }

    /// Frame, grid lines, ticks and axis labels around `frame`; x tick labels go `extraBottom` lower
    /// (below a band drawn under the frame).
    mutating func axes(_ frame: PlotFrame, x: PlotScale?, y: PlotScale?, xLabel: String?, yLabel: String?, extraBottom: Double = 0) {
        rect(frame.left, frame.top, frame.width, frame.height, cls: "frame")
        if let y {
            for (u, label) in y.ticks(target: 6) where u >= -1e-9 && u <= 1 + 1e-9 {
                let py = frame.y(u)
                line(frame.left, py, frame.right, py, cls: "grid")
                text(frame.left - 5, py + 3.5, label, cls: "tick", anchor: "end")
            }
        }
        if let x {
            let ticks = x.ticks(target: max(5, min(10, Int(frame.width / 80))))
            let rotate = ticks.count > 6 && ticks.contains { $0.1.count > 6 }
            for (u, label) in ticks where u >= -1e-9 && u <= 1 + 1e-9 {
                let px = frame.x(u)
                line(px, frame.top, px, frame.bottom, cls: "grid")
                let base = frame.bottom + extraBottom
                if rotate {
                    text(px + 3, base + 10, label, cls: "tick", anchor: "end", rotate: -35)
                } else {
                    text(px, base + 14, label, cls: "tick", anchor: "middle")
                }
            }
        }
        if let xLabel { text(frame.left + frame.width / 2, height - 6, xLabel, cls: "axis-label", anchor: "middle") }
        if let yLabel {
            text(13, frame.top + frame.height / 2, yLabel, cls: "axis-label", anchor: "middle", rotate: -90)
        }
    }

    /// The finished `<svg>` element; `plot` names it (`data-plot`) for tests and the browser check.
    func rendered(plot: String, label: String) -> String {
        "<svg class=\"plot\" data-plot=\"" + plot + "\" viewBox=\"0 0 " + Self.c(width) + " " + Self.c(height)
            + "\" width=\"" + Self.c(width) + "\" height=\"" + Self.c(height) + "\" role=\"img\" aria-label=\""
            + ReportText.escape(label) + "\" xmlns=\"http://www.w3.org/2000/svg\">" + body + "</svg>"
    }
}
