import Foundation
import SweepCore

/// Text for reports and terminal output: HTML escaping and numbers at sensible precision.
public enum ReportText {
    /// `text` safe inside HTML/SVG element content and double-quoted attributes.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" || $0 == "\"" || $0 == "'" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A value with up to 6 significant digits (`0.397887`, `1234.57`, `1.2346e-05`); `-` for nil,
    /// `nan`, `inf`, `-inf`. Full precision is in exports.
    public static func value(_ x: Double?) -> String {
        guard let x else { return "-" }
        return significant(x, digits: 6, plain: 1e-4..<1e7)
    }

    /// A value with up to 4 significant digits, for tooltips and axis labels.
    public static func short(_ x: Double) -> String {
        significant(x, digits: 4, plain: 1e-3..<1e6)
    }

    /// `%g`-style text with `digits` significant digits when `|x|` is in `plain`, else scientific
    /// with `digits − 2` decimals.
    private static func significant(_ x: Double, digits: Int, plain: Range<Double>) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        if plain.contains(abs(x)) { return String(format: "%.\(digits)g", x) }
        return String(format: "%.\(digits - 2)e", x)
    }

    /// A parameter value: floats at 4 significant digits, other kinds as they are.
    public static func param(_ v: ParameterValue?) -> String {
        guard let v else { return "" }
        if case let .float(x) = v { return short(x) }
        return v.description
    }

    /// A duration: `350ms`, `12.5s`, `4m05s`, `2h03m`; `-` for nil.
    public static func duration(_ seconds: Double?) -> String {
        guard let s = seconds, s.isFinite else { return "-" }
        if s < 1 { return String(format: "%.0fms", s * 1000) }
        if s < 120 { return String(format: "%.1fs", s) }
        let m = Int(s) / 60, r = Int(s) % 60
        if m < 120 { return "\(m)m\(String(format: "%02d", r))s" }
        return "\(m / 60)h\(String(format: "%02d", m % 60))m"
    }

    /// A percentage with one decimal (`42.0%`).
    public static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// An integer with thousands separators (`10,000`).
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A UTC timestamp `2026-11-27 00:19:45 UTC`.
    public static func timestamp(_ date: Date) -> String {
        Trial.timestamp(date).replacingOccurrences(of: "T", with: " ").dropLast() + " UTC"
    }

    /// A plot coordinate with one decimal (`123.4`), written without Foundation formatting because
    /// plots hold thousands of them.
    @inline(__always)
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((x * 10).rounded())
        let whole = tenths / 10, frac = abs(tenths % 10)
        if frac == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-0" : String(whole)) + "." + String(frac)
    }
}
