import Foundation
import SweepCore
import SweepTestSupport
import Testing

func json(_ text: String) throws -> AttributeValue { try AttributeValue.parseJSON(text.trimmingCharacters(in: .whitespacesAndNewlines)) }

extension AttributeValue {
    subscript(_ key: String) -> AttributeValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }
    var items: [AttributeValue] {
        if case let .array(a) = self { return a }
        return []
    }
}

func write(_ text: String, to url: URL) throws { try text.write(to: url, atomically: true, encoding: .utf8) }

@Suite struct CLIBasicsTests {
    @Test func runPrintsResultsAndResumesAsANoOp() throws {
        let dir = try makeTemporaryDirectory()
        try write("""
            name: b
            method: random
            objective: {kind: function, function: branin}
            budget: {trials: 12}
            """, to: dir.appendingPathComponent("b.yaml"))
        let first = try CLI.run(["run", "b.yaml", "--json"], in: dir)
        #expect(first.status == 0, "\(first)")
        let result = try json(first.stdout)
        #expect(result["trials"]?.items.count == 12)
        #expect(result["stop_reason"] == .string("trial budget reached"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweeps/b.sqlite").path))

        let again = try CLI.run(["run", "b.yaml"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("Resuming sweep 'b'") && again.stdout.contains("12 trial(s) already finished"))
        #expect(try json(CLI.run(["trials", "b", "--format", "json"], in: dir).stdout).items.count == 12)

        // Raising the budget continues the same sweep.
        try write("""
            name: b
            method: random
            objective: {kind: function, function: branin}
            budget: {trials: 15}
            """, to: dir.appendingPathComponent("b.yaml"))
        let more = try CLI.run(["run", "b.yaml"], in: dir)
        #expect(more.status == 0 && more.stdout.contains("budget changed"), "\(more)")
        #expect(try json(CLI.run(["status", "b", "--json"], in: dir).stdout)["trials"] == .number(15))

        // Changing the search space is refused with a diff, and nothing is lost.
        try write("""
            name: b
            method: random
            objective: {kind: function, function: branin}
            parameters:
              x0: {type: float, min: 0, max: 10}
              x1: {type: float, min: 0, max: 15}
            budget: {trials: 20}
            """, to: dir.appendingPathComponent("b.yaml"))
        let changed = try CLI.run(["run", "b.yaml"], in: dir)
        #expect(changed.status == 2, "\(changed)")
        #expect(changed.stderr.contains("'x0': float[-5.0, 10.0] → float[0.0, 10.0]"), "\(changed)")
        #expect(try json(CLI.run(["status", "b", "--json"], in: dir).stdout)["trials"] == .number(15))
    }

    @Test func badInputExitsWith2AndNamesTheProblem() throws {
        let dir = try makeTemporaryDirectory()
        try write("objective: {kind: function, function: branin}\nbudget: {trials: -1}\n", to: dir.appendingPathComponent("bad.yaml"))
        let bad = try CLI.run(["run", "bad.yaml"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yaml:2: budget.trials"), "\(bad)")
        let validate = try CLI.run(["validate", "bad.yaml"], in: dir)
        #expect(validate.status == 2)
        let missing = try CLI.run(["run", "nope.yaml"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("nope.yaml"))
        let usage = try CLI.run(["run"], in: dir)
        #expect(usage.status != 0 && usage.stderr.contains("Missing expected argument"))
        let help = try CLI.run(["run", "--help"], in: dir)
        #expect(help.status == 0 && help.stdout.contains("USAGE"))
    }

    @Test func storedDataProblemsAreClearAndHarmless() throws {
        let dir = try makeTemporaryDirectory()
        // A junk file where a sweep database is expected.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sweeps"), withIntermediateDirectories: true)
        let junk = Data("not a database".utf8)
        try junk.write(to: dir.appendingPathComponent("sweeps/j.sqlite"))
        let status = try CLI.run(["status", "j"], in: dir)
        #expect(status.status == 2 && status.stderr.contains("is not a Sweep database"), "\(status)")
        try write("name: j\nobjective: {kind: function, function: branin}\nbudget: {trials: 3}\n", to: dir.appendingPathComponent("j.yaml"))
        let run = try CLI.run(["run", "j.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(try Data(contentsOf: dir.appendingPathComponent("sweeps/j.sqlite")) == junk)

        // Names with path characters.
        let traversal = try CLI.run(["status", "../etc"], in: dir)
        #expect(traversal.status == 2 && traversal.stderr.contains("contains '/'"), "\(traversal)")

        // Tell for unknown and finished trials.
        try write("name: t\nobjective: {kind: function, function: branin}\nbudget: {trials: 2}\n", to: dir.appendingPathComponent("t.yaml"))
        #expect(try CLI.run(["run", "t.yaml", "--quiet"], in: dir).status == 0)
        let before = try CLI.run(["trials", "t", "--format", "json"], in: dir).stdout
        let unknown = try CLI.run(["tell", "t", "7", "1.5"], in: dir)
        #expect(unknown.status == 2 && unknown.stderr.contains("has no trial 7"), "\(unknown)")
        let finished = try CLI.run(["tell", "t", "0", "1.5"], in: dir)
        #expect(finished.status == 2 && finished.stderr.contains("already complete"), "\(finished)")
        #expect(try CLI.run(["trials", "t", "--format", "json"], in: dir).stdout == before)
        // A missing sweep.
        let none = try CLI.run(["best", "nothere"], in: dir)
        #expect(none.status == 2 && none.stderr.contains("nothere"))
    }

    @Test func aPythonLoopDrivesAskAndTell() throws {
        let dir = try makeTemporaryDirectory()
        try write("""
            name: py
            metric: {name: loss, goal: minimize}
            method: sobol
            objective: {kind: command, command: [unused]}
            parameters:
              x: {type: float, min: -2, max: 2}
              kind: {values: [a, b]}
            budget: {trials: 20}
            """, to: dir.appendingPathComponent("py.yaml"))
        try write("""
            import json, subprocess, sys
            sweep = sys.argv[1]
            told = 0
            while True:
                out = subprocess.run([sweep, "ask", "py.yaml", "--json"], check=True, capture_output=True, text=True).stdout
                trial = json.loads(out)
                if trial.get("done"):
                    break
                x = trial["params"]["x"]
                loss = (x - 0.5) ** 2 + (0.1 if trial["params"]["kind"] == "b" else 0.0)
                # one intermediate value, then the final one
                step = subprocess.run([sweep, "tell", "py", str(trial["trial"]), "--step", "1", repr(loss * 2)], check=True, capture_output=True, text=True).stdout.strip()
                assert step in ("continue", "prune"), step
                subprocess.run([sweep, "tell", "py", str(trial["trial"]), repr(loss)], check=True, capture_output=True)
                told += 1
            print("told", told)
            """, to: dir.appendingPathComponent("driver.py"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "driver.py", CLI.executable.path]
        p.currentDirectoryURL = dir
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(output.contains("told 20"))
        let status = try json(CLI.run(["status", "py", "--json"], in: dir).stdout)
        #expect(status["counts"]?["complete"] == .number(20))
        let best = try json(CLI.run(["best", "py", "--json"], in: dir).stdout)
        let all = try json(CLI.run(["trials", "py", "--format", "json"], in: dir).stdout).items
        #expect(best["value"]?.number == all.compactMap { $0["value"]?.number }.min())
        #expect(best["intermediate_values"]?["1"]?.number == best["value"]!.number! * 2)
    }

    @Test func enqueueRunsGivenParametersFirst() throws {
        let dir = try makeTemporaryDirectory()
        try write("name: e\nobjective: {kind: function, function: branin}\nbudget: {trials: 3}\n", to: dir.appendingPathComponent("e.yaml"))
        let q = try CLI.run(["enqueue", "e.yaml", "--param", "x0=3.14159", "--param", "x1=2.275"], in: dir)
        #expect(q.status == 0, "\(q)")
        let bad = try CLI.run(["enqueue", "e", "--param", "x0=99", "--param", "x1=2"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("x0"), "\(bad)")
        #expect(try CLI.run(["run", "e.yaml", "--quiet"], in: dir).status == 0)
        let trials = try json(CLI.run(["trials", "e", "--format", "json"], in: dir).stdout).items
        #expect(trials.first?["params"]?["x0"] == .number(3.14159))
        #expect(trials.count == 3)
    }
}
