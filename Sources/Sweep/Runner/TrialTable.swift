import Foundation
import SweepCore

/// Flat exports of trials.
public enum TrialTable {
    /// CSV with a header: number, state, value, one column per parameter, duration, failure reason.
    /// Numbers are exact (shortest round-trip text).
    public static func csv(_ trials: [Trial], parameters: [String]) -> String {
        func cell(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [(["number", "state", "value"] + parameters.map { "param_" + $0 } + ["duration_s", "failure_reason"]).map(cell).joined(separator: ",")]
        for t in trials {
            var row = [String(t.number), t.state.rawValue, t.value.map { $0.description } ?? ""]
            row += parameters.map { t.params[$0]?.description ?? "" }
            row += [t.duration.map { $0.description } ?? "", t.failureReason ?? ""]
            lines.append(row.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}
