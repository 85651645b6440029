import Foundation
import Sweep
import SweepCore

/// Text formatting for tables and values.
enum Format {
    /// A number with up to 6 significant digits (full precision is in --json).
    static func value(_ x: Double?) -> String {
        guard let x else { return "-" }
        if x.isNaN { return "nan" }
        if x == 0 { return "0" }
        let a = abs(x)
        if a >= 1e-4 && a < 1e7 { return String(format: "%.6g", x) }
        return String(format: "%.4e", x)
    }

    static func param(_ v: ParameterValue?) -> String {
        guard let v else { return "" }
        if case let .float(x) = v { return value(x) }
        return v.description
    }

    static func duration(_ seconds: Double?) -> String {
        guard let s = seconds else { return "-" }
        if s < 1 { return String(format: "%.0fms", s * 1000) }
        if s < 120 { return String(format: "%.1fs", s) }
        let m = Int(s) / 60, r = Int(s) % 60
        if m < 120 { return "\(m)m\(String(format: "%02d", r))s" }
        return "\(m / 60)h\(String(format: "%02d", m % 60))m"
    }

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
    static func trialsTable(_ trials: [Trial], parameters: [String]) -> String {
        let header = ["#", "state", "value"] + parameters + ["time"]
        let rows = trials.map { t in
            [String(t.number), t.state.rawValue, value(t.value)] + parameters.map { param(t.params[$0]) } + [duration(t.duration)]
        }
        return table(header, rows, rightAlign: [0, 2])
    }

    /// Parameter names used by `trials`, in the space's order when known.
    static func parameterNames(_ trials: [Trial], space: SearchSpace?) -> [String] {
        var names = space?.parameters.map(\.name) ?? []
        for t in trials { for k in t.params.keys.sorted() where !names.contains(k) { names.append(k) } }
        return names
    }

    static func printJSON(_ value: AttributeValue) {
        print(value.jsonText)
    }
}
