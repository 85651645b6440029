/// Colours and the stylesheet of the HTML report. State colours are chosen to stay apart for the
/// common colour-vision deficiencies, and every state also has its own marker shape.
enum ReportStyle {
    static let complete = "#2166ac"
    static let pruned = "#e08214"
    static let failed = "#c51b1b"
    static let running = "#1b9e77"
    static let waiting = "#8c8c8c"

    static func colour(_ state: String) -> String {
        switch state {
        case "complete": return complete
        case "pruned": return pruned
        case "failed": return failed
        case "running": return running
        default: return waiting
        }
    }

    /// Viridis stops, worst → best.
    private static let stops: [(Double, Double, Double)] = [
        (253, 231, 37), (94, 201, 98), (33, 145, 140), (59, 82, 139), (68, 1, 84),
    ]

    /// 65 precomputed colours of the value scale.
    private static let table: [String] = (0...64).map { k in
        let t = Double(k) / 64 * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(t))
        let f = t - Double(i)
        let a = stops[i], b = stops[i + 1]
        let rgb = [a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f]
        return "#" + rgb.map { v in
            let h = String(Int(v.rounded()), radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }

    /// Colour for a value's goodness: 0 = worst (light yellow) … 1 = best (dark purple).
    static func valueColour(_ goodness: Double) -> String {
        table[min(64, max(0, Int((goodness * 64).rounded())))]
    }

    /// CSS gradient of the value scale, worst → best, for legends.
    static var valueGradientCSS: String {
        "linear-gradient(to right, " + stride(from: 0, through: 64, by: 16).map { table[$0] }.joined(separator: ", ") + ")"
    }

    static let css = """
        :root { --complete: \(complete); --pruned: \(pruned); --failed: \(failed); --running: \(running); --waiting: \(waiting); }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif;
               color: #1d2329; background: #f4f6f8; }
        main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 48px; }
        header h1 { margin: 0 0 4px; font-size: 24px; }
        header .sub { color: #56606b; }
        section { background: #fff; border: 1px solid #dde2e7; border-radius: 8px; padding: 14px 18px 16px; margin: 16px 0; }
        h2 { font-size: 17px; margin: 0 0 6px; }
        h3 { font-size: 14px; margin: 4px 0; }
        .note { color: #56606b; font-size: 12.5px; margin: 4px 0 8px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0 0; }
        .card { background: #fff; border: 1px solid #dde2e7; border-radius: 8px; padding: 10px 14px; min-width: 170px; }
        .card .k { color: #56606b; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .v { font-size: 19px; font-weight: 600; }
        .card .d { font-size: 12.5px; color: #56606b; }
        .legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12.5px; color: #333; margin: 2px 0 6px; align-items: center; }
        .legend svg { vertical-align: middle; margin-right: 4px; }
        .legend .bar { display: inline-block; width: 90px; height: 10px; border-radius: 2px; vertical-align: middle; margin: 0 4px;
                       background: \(valueGradientCSS); }
        .grid-plots { display: flex; flex-wrap: wrap; gap: 8px 14px; }
        .grid-plots figure { margin: 0; }
        .grid-plots figcaption { font-size: 12px; color: #56606b; text-align: center; }
        svg.plot { display: block; max-width: 100%; height: auto; font-size: 11px; }
        .frame { fill: #fff; stroke: #9aa4ae; stroke-width: 1; }
        .grid { stroke: #e6e9ed; stroke-width: 1; }
        .tick { fill: #56606b; font-size: 10.5px; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        .axis-label { fill: #333; font-size: 12px; }
        .axis-name { fill: #1d2329; font-size: 11.5px; font-weight: 600; }
        .axis-line { stroke: #6b7580; stroke-width: 1.2; }
        .band { fill: #fbf1f1; stroke: none; }
        .band-label { fill: var(--failed); font-size: 10px; }
        .m-complete { fill: var(--complete); fill-opacity: .72; stroke: #fff; stroke-width: .5; }
        .m-pruned { fill: #fff; fill-opacity: .9; stroke: var(--pruned); stroke-width: 1.4; }
        .m-failed { fill: none; stroke: var(--failed); stroke-width: 1.6; }
        .m-running { fill: #fff; stroke: var(--running); stroke-width: 1.4; }
        .m-waiting { fill: var(--waiting); fill-opacity: .6; }
        .m-best { fill: #ffd21f; stroke: #1d2329; stroke-width: 1.2; }
        .best-line { fill: none; stroke: #1d2329; stroke-width: 2; }
        .front-line { fill: none; stroke: #1d2329; stroke-width: 1.8; }
        .front .m-complete { fill-opacity: 1; stroke: #1d2329; stroke-width: 1; }
        .dominated .m-complete { fill-opacity: .25; stroke: none; }
        .m-infeasible { fill: #fff; stroke: var(--failed); stroke-width: 1.4; }
        .ref-point { fill: none; stroke: #6b7580; stroke-width: 1.6; }
        .front-label { fill: #1d2329; font-size: 11px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        .pc { fill: none; stroke-width: 1.1; stroke-opacity: .6; }
        .pc-best { fill: none; stroke-width: 3.2; stroke-opacity: 1; }
        .pc-best-key { fill: none; stroke: #440154; stroke-width: 3.2; }
        .pc-pruned { fill: none; stroke: var(--pruned); stroke-width: 1.2; stroke-opacity: .6; stroke-dasharray: 5 3; }
        .pc-failed { fill: none; stroke: var(--failed); stroke-width: 1.2; stroke-opacity: .6; stroke-dasharray: 2 3; }
        .lc-complete { fill: none; stroke: var(--complete); stroke-width: 1.2; stroke-opacity: .55; }
        .lc-pruned { fill: none; stroke: var(--pruned); stroke-width: 1.2; stroke-opacity: .65; }
        .lc-failed { fill: none; stroke: var(--failed); stroke-width: 1.2; stroke-opacity: .75; }
        .lc-running, .lc-waiting { fill: none; stroke: var(--running); stroke-width: 1.4; stroke-opacity: .8; stroke-dasharray: 5 2; }
        .lc-best { fill: none; stroke: #1d2329; stroke-width: 2.6; }
        .rung-path { fill: none; stroke: #9aa4ae; stroke-width: 1; stroke-opacity: .6; }
        .imp-bar { fill: #4a7fb5; }
        .imp-err { stroke: #1d2329; stroke-width: 1.2; }
        .imp-label { fill: #1d2329; font-size: 12px; }
        .imp-value { fill: #1d2329; font-size: 11.5px; }
        table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
        .table-wrap { overflow-x: auto; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #e6e9ed; text-align: left; white-space: nowrap; }
        th { background: #f4f6f8; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        colgroup.cost { border-left: 2px solid #d5dae0; }
        tr.best td { background: #fff8d6; }
        .state { display: inline-block; padding: 0 6px; border-radius: 9px; color: #fff; font-size: 11.5px; }
        .state.complete { background: var(--complete); } .state.pruned { background: var(--pruned); }
        .state.failed { background: var(--failed); } .state.running { background: var(--running); }
        .state.waiting { background: var(--waiting); }
        table.meta th { width: 210px; background: none; color: #56606b; font-weight: 500; }
        table.meta td { white-space: normal; }
        pre { background: #f4f6f8; border: 1px solid #e6e9ed; border-radius: 6px; padding: 10px 12px; overflow-x: auto; font-size: 12px; }
        td.reason { white-space: pre-wrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11.5px; max-width: 760px; }
        footer { color: #8a939c; font-size: 12px; text-align: center; margin-top: 24px; }
        """
}
