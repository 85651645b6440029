import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// ASHA (rungs 1, 3, 9) on multi-fidelity Branin with a function objective, so `sweep run` is quick.
private let ashaYAML = """
    name: ashacli
    seed: 5
    method: {name: asha, options: {min_resource: 1, eta: 3}}
    objective: {kind: function, function: branin, steps: 9}
    budget: {trials: 12, workers: 1}
    """

/// Each trial's parameters, highest rung, last reported step and state, from `sweep trials --format json`.
private func rungs(_ dir: URL) throws -> [String] {
    let trials = try json(CLI.run(["trials", "ashacli", "--format", "json"], in: dir).stdout).items
    return trials.map { t in
        let steps = (t["intermediate_values"].flatMap { v -> [Int]? in
            if case let .object(o) = v { return o.keys.compactMap { Int($0) } }
            return nil
        } ?? []).max()
        return "\(t["params"]?.jsonText ?? "-") rung \(t["attributes"]?["sweep.rung"]?.jsonText ?? "-") "
            + "step \(steps.map(String.init) ?? "-") \(t["state"]?.jsonText ?? "-")"
    }
}

@Suite struct AskTellASHACLITests {
    /// `sweep ask` / `sweep tell --step` as separate processes: a `pause` answer hands the trial back and a
    /// later `sweep ask` promotes it, so the sweep ends with the rungs `sweep run`'s worker pool reaches.
    @Test func askAndTellProcessesReachTheRungsOfSweepRun() throws {
        let pool = try makeTemporaryDirectory()
        try write(ashaYAML, to: pool.appendingPathComponent("a.yaml"))
        let run = try CLI.run(["run", "a.yaml", "--quiet"], in: pool)
        #expect(run.status == 0, "\(run)")

        let dir = try makeTemporaryDirectory()
        try write(ashaYAML, to: dir.appendingPathComponent("a.yaml"))
        var paused = 0, promoted = 0, asks = 0
        while asks < 100 {
            asks += 1
            let asked = try CLI.run(["ask", "a.yaml", "--json"], in: dir)
            #expect(asked.status == 0, "\(asked)")
            let reply = try json(asked.stdout)
            if reply["done"] == .bool(true) {
                #expect(reply["reason"] == .string("trial budget reached"), "\(reply)")
                break
            }
            guard case let .number(n)? = reply["trial"], case let .number(x0)? = reply["params"]?["x0"],
                  case let .number(x1)? = reply["params"]?["x1"], case let .number(resource)? = reply["resource"] else {
                Issue.record("unexpected ask reply \(asked.stdout)")
                return
            }
            let trial = String(Int(n))
            var step = 0
            if case let .object(done)? = reply["intermediate_values"] {
                step = done.keys.compactMap { Int($0) }.max() ?? 0
                promoted += 1
            }
            var value = Double.nan, answer = "continue"
            while answer == "continue", step < Int(resource) {
                step += 1
                value = TestFunction.branin([x0, x1], fidelity: Double(step) / 9)
                let told = try CLI.run(["tell", "ashacli", trial, "--step", String(step), String(value)], in: dir)
                #expect(told.status == 0, "\(told)")
                answer = told.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            switch answer {
            case "pause": paused += 1   // handed back: do not tell it
            case "prune": #expect(try CLI.run(["tell", "ashacli", trial, "--pruned"], in: dir).status == 0)
            default: #expect(try CLI.run(["tell", "ashacli", trial, String(value)], in: dir).status == 0)
            }
        }
        #expect(paused > 0 && promoted > 0, "paused \(paused), promoted \(promoted)")
        let expected = try rungs(pool)
        #expect(expected.count == 12 && expected.contains { $0.contains("rung 2 step 9 \"complete\"") }, "\(expected)")
        #expect(try rungs(dir) == expected)
    }
}
