import Foundation
import Sweep
import SweepCore
import Testing

/// A minimal RFC 4180 reader, to check the export reads back.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var it = Array(text).makeIterator()
    var pending: Character? = nil
    while let ch = pending ?? it.next() {
        pending = nil
        if quoted {
            if ch == "\"" {
                if let next = it.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(ch) }
        } else if ch == "\"" { quoted = true }
        else if ch == "," { row.append(field); field = "" }
        else if ch == "\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(ch) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite struct ExportTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000.25)
    static let awkward: [Double] = [0.1 + 0.2, 1e-300, -123456789.123456789, 5e15, 2.5, .pi]

    static func trials() -> [Trial] {
        var out = awkward.enumerated().map { n, v in
            Trial(number: n, state: .complete, params: ["lr": .float(v / 7), "act": "tanh", "layers": .int(n)], value: v,
                  intermediateValues: [1: v * 2, 2: v], startedAt: start, finishedAt: start.addingTimeInterval(1.5 + Double(n)))
        }
        out.append(Trial(number: out.count, state: .failed, params: ["lr": 0.5, "act": "a,\"b\"", "layers": 2],
                         startedAt: start, finishedAt: start.addingTimeInterval(3), failureReason: "exit 1, stderr:\n\"boom\"\r\nend"))
        out.append(Trial(number: out.count, state: .pruned, params: ["lr": 0.25, "act": "relu"], value: 0.75, intermediateValues: [1: 0.75]))
        out.append(Trial(number: out.count, state: .running, params: ["lr": 0.125, "act": "relu", "layers": 1]))
        return out
    }

    @Test func csvHeaderQuotingAndExactNumbers() throws {
        let trials = Self.trials()
        let text = TrialTable.export(trials, format: .csv, parameters: ["lr", "act", "layers"])
        #expect(text.hasSuffix("\n"))
        let rows = parseCSV(text)
        #expect(rows[0] == ["number", "state", "value", "param_lr", "param_act", "param_layers",
                            "started_at", "finished_at", "duration_s", "steps", "failure_reason"])
        #expect(rows.count == trials.count + 1)
        for (t, row) in zip(trials, rows.dropFirst()) {
            #expect(row.count == 11)
            #expect(Int(row[0]) == t.number && row[1] == t.state.rawValue)
            #expect(row[2] == "" ? t.value == nil : Double(row[2]) == t.value)  // bit-exact
            #expect(row[3] == "" ? t.params["lr"] == nil : Double(row[3]) == t.params["lr"]?.doubleValue)
            #expect(row[9] == String(t.intermediateValues.count))
        }
        let failed = rows[Self.awkward.count + 1]
        #expect(failed[4] == "a,\"b\"")
        #expect(failed[10] == "exit 1, stderr:\n\"boom\"\r\nend")
        #expect(failed[6] == "2027-01-15T08:00:00Z" && failed[8] == "3.0")
        #expect(rows[Self.awkward.count + 2][5] == "")  // inactive parameter: empty cell
        #expect(rows.last![6] == "" && rows.last![2] == "")  // running: no times, no value
    }

    @Test func jsonAndJSONLinesHoldEveryTrialExactly() throws {
        let trials = Self.trials()
        let lines = TrialTable.export(trials, format: .jsonl, parameters: []).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == trials.count + 1 && lines.last == "")
        let array = try AttributeValue.parseJSON(TrialTable.export(trials, format: .json, parameters: []))
        guard case let .array(items) = array else { Issue.record("not an array"); return }
        #expect(items.count == trials.count)
        for (i, t) in trials.enumerated() {
            let line = try AttributeValue.parseJSON(String(lines[i]))
            #expect(line == items[i])
            guard case let .object(o) = line else { Issue.record("not an object"); continue }
            #expect(o["number"] == .number(Double(t.number)) && o["state"] == .string(t.state.rawValue))
            #expect(o["value"] == (t.value.map { .number($0) } ?? .null))
            if let lr = t.params["lr"]?.doubleValue, case let .object(p)? = o["params"] { #expect(p["lr"] == .number(lr)) }
            if let d = t.duration { #expect(o["duration_s"] == .number(d)) }
            if !t.intermediateValues.isEmpty, case let .object(iv)? = o["intermediate_values"] {
                #expect(iv["1"] == .number(t.intermediateValues[1]!))
            }
        }
        #expect(lines[Self.awkward.count].contains("\"failure_reason\":\"exit 1, stderr:\\n\\\"boom\\\"\\r\\nend\""))
        #expect(lines[0].contains("\"started_at\":\"2027-01-15T08:00:00Z\""))
    }

    @Test func timestampsMatchTheFoundationFormatter() {
        for t in [0.0, 1_800_000_000.999, 951_782_400, 4_102_444_799] {
            let d = Date(timeIntervalSince1970: t)
            let trial = Trial(number: 0, state: .complete, startedAt: d)
            guard case let .object(o) = trial.jsonValue else { Issue.record("not an object"); return }
            #expect(o["started_at"] == .string(ISO8601DateFormatter().string(from: d)))
        }
    }

    @Test func parameterNamesFollowTheSpaceThenTheRest() throws {
        let space = try SearchSpace([.float("b", 0, 1), .float("a", 0, 1)])
        let trials = [Trial(number: 0, params: ["z": 1, "a": 0.5, "c": 2])]
        #expect(TrialTable.parameterNames(trials, space: space) == ["b", "a", "c", "z"])
        #expect(TrialTable.parameterNames(trials, space: nil) == ["a", "c", "z"])
    }
}
