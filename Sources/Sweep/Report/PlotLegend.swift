import SweepCore

/// HTML legends for the plots: marker swatches, line swatches and the value colour bar.
enum PlotLegend {
    enum Key {
        case marker(PlotMarker, String)
        case line(cssClass: String, String)
        case valueBar
    }

    static func html(_ keys: [Key]) -> String {
        var out = "<div class=\"legend\">"
        for key in keys {
            switch key {
            case let .marker(m, text):
                var c = SVGCanvas(width: 14, height: 14)
                c.marker(m, 7, 7, size: m == .best ? 2.6 : 3.6)
                out += "<span>" + swatch(c) + ReportText.escape(text) + "</span>"
            case let .line(cls, text):
                var c = SVGCanvas(width: 22, height: 14)
                c.polyline([(1, 7), (21, 7)], cls: cls)
                out += "<span>" + swatch(c) + ReportText.escape(text) + "</span>"
            case .valueBar:
                out += "<span>colour: rank of the value — worst<span class=\"bar\"></span>best</span>"
            }
        }
        return out + "</div>"
    }

    static func swatch(_ c: SVGCanvas) -> String {
        "<svg width=\"\(Int(c.width))\" height=\"\(Int(c.height))\" viewBox=\"0 0 \(Int(c.width)) \(Int(c.height))\" aria-hidden=\"true\">"
            + c.body + "</svg>"
    }

    /// The keys for the trial states with a non-zero count.
    static func states(_ counts: [TrialState: Int], pruned: String = "pruned", failed: String = "failed") -> [Key] {
        var keys: [Key] = []
        if counts[.complete, default: 0] > 0 { keys.append(.marker(.complete, "complete")) }
        if counts[.pruned, default: 0] > 0 { keys.append(.marker(.pruned, pruned)) }
        if counts[.failed, default: 0] > 0 { keys.append(.marker(.failed, failed)) }
        if counts[.running, default: 0] > 0 { keys.append(.marker(.running, "running")) }
        return keys
    }
}
