import Foundation
import Sweep
import SweepCore

/// Text formatting for tables and values.
enum Format {
    /// A number with up to 6 significant digits (full precision is in --json).
    static func value(_ x: Double?) -> String { ReportText.value(x) }

    static func param(_ v: ParameterValue?) -> String {
        guard let v else { return "" }
        if case let .float(x) = v { return value(x) }
        return v.description
    }

    static func duration(_ seconds: Double?) -> String { ReportText.duration(seconds) }

    /// A plain text table with a header rule.
    static func table(_ header: [String], _ rows: [[String]], rightAlign: Set<Int> = []) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return rightAlign.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    /// The trials table: number, state, value, each parameter, duration.
    static func trialsTable(_ trials: [Trial], parameters: [String], metrics: [String] = []) -> String {
        let cost = CostMetrics.names(in: trials)
        let objectives = ObjectiveColumns(trials, metrics: metrics)
        let header = ["#", "state", "value"] + objectives.header(prefix: "") + parameters + ["time"] + cost
        let rows = trials.map { t in
            [String(t.number), t.state.rawValue, value(t.value)] + objectives.cells(t, missing: "-", format: { value($0) })
                + parameters.map { param(t.params[$0]) } + [duration(t.duration)]
                + cost.map { name in CostMetrics.value(name, of: t.attributes).map { CostMetrics.text(name, $0) } ?? "-" }
        }
        return table(header, rows, rightAlign: Set([0, 2] + cost.indices.map { header.count - cost.count + $0 }))
    }

    /// Parameter names used by `trials`, in the space's order when known.
    static func parameterNames(_ trials: [Trial], space: SearchSpace?) -> [String] {
        TrialTable.parameterNames(trials, space: space)
    }

    static func printJSON(_ value: AttributeValue) {
        print(value.jsonText)
    }
}
