import Foundation
import SweepCore

/// Flat exports of trials: CSV, a JSON array, or JSON Lines. Numbers are exact (shortest round-trip
/// text), so a value read back from any format is bit-identical to the stored one.
public enum TrialTable {
    /// The export formats.
    public enum Format: String, Sendable, CaseIterable {
        /// A header and one row per trial (see ``csv(_:parameters:)``).
        case csv
        /// One JSON array of trial objects (``SweepCore/Trial/jsonValue``).
        case json
        /// One trial object per line (JSON Lines).
        case jsonl
    }

    /// All trials in `format`, ending with a newline.
    public static func export(_ trials: [Trial], format: Format, parameters: [String], metrics: [String] = []) -> String {
        switch format {
        case .csv: return csv(trials, parameters: parameters, metrics: metrics) + "\n"
        case .json: return AttributeValue.array(trials.map(\.jsonValue)).jsonText + "\n"
        case .jsonl:
            var out = ""
            for t in trials { out += t.jsonValue.jsonText + "\n" }
            return out
        }
    }

    /// CSV (RFC 4180 quoting) with a header: `number, state, value`, one `param_<name>` column per
    /// parameter, `started_at, finished_at` (ISO 8601, UTC), `duration_s`, `steps` (number of
    /// intermediate values), `failure_reason`, then one column per cost metric any trial recorded
    /// (``CostMetrics``, by bare name: `parameter_count`, …, `throughput_rows_s`). Empty cells for
    /// missing values (inactive parameters, no value yet). No trailing newline.
    ///
    /// With several `metrics` (a multi-objective sweep's names, in order), one `value_<name>` column per
    /// metric follows `value` (``Trial/values``); when any trial has constraint values, a `feasible`
    /// column (`true`/`false`) follows them.
    public static func csv(_ trials: [Trial], parameters: [String], metrics: [String] = []) -> String {
        func cell(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let cost = CostMetrics.names(in: trials)
        let objectives = ObjectiveColumns(trials, metrics: metrics)
        let header = ["number", "state", "value"] + objectives.header(prefix: "value_") + parameters.map { "param_" + $0 }
            + ["started_at", "finished_at", "duration_s", "steps", "failure_reason"] + cost
        var lines = [header.map(cell).joined(separator: ",")]
        lines.reserveCapacity(trials.count + 1)
        for t in trials {
            var row = [String(t.number), t.state.rawValue, t.value.map { $0.description } ?? ""]
            row += objectives.cells(t, missing: "") { $0.description }
            row += parameters.map { t.params[$0]?.description ?? "" }
            row += [t.startedAt.map(Trial.timestamp) ?? "", t.finishedAt.map(Trial.timestamp) ?? "",
                    t.duration.map { $0.description } ?? "", String(t.intermediateValues.count), t.failureReason ?? ""]
            row += cost.map { CostMetrics.value($0, of: t.attributes).map(CostMetrics.exactText) ?? "" }
            lines.append(row.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// Parameter names of `trials`: the space's in declaration order, then any others (define-by-run)
    /// sorted by name.
    public static func parameterNames(_ trials: [Trial], space: SearchSpace?) -> [String] {
        var names = space?.parameters.map(\.name) ?? []
        var seen = Set(names)
        var extra: Set<String> = []
        for t in trials { for k in t.params.keys where !seen.contains(k) { extra.insert(k) } }
        for k in extra.sorted() {
            names.append(k)
            seen.insert(k)
        }
        return names
    }
}
