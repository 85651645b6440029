import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// Issue 18 items 2, 3, 6 and 8 through the real binary: bad input exits 2 with file:line and key,
/// never a trap (exit 132/133) and never a stray file.
@Suite struct HardeningCLITests {
    @Test func overflowingIntRangeExitsTwoInsteadOfCrashing() throws {
        let dir = try makeTemporaryDirectory("cli-overflow")
        for (i, range) in ["min: 0, max: 9223372036854775807", "min: -4611686018427387904, max: 4611686018427387904"].enumerated() {
            try write("""
                name: o\(i)
                method: random
                objective: {kind: command, command: [sh, -c, "echo loss={x}"]}
                parameters:
                  x: {type: int, \(range)}
                budget: {trials: 2}
                """, to: dir.appendingPathComponent("o\(i).yaml"))
            for args in [["validate", "o\(i).yaml"], ["run", "o\(i).yaml"], ["ask", "o\(i).yaml", "--json"]] {
                let r = try CLI.run(args, in: dir)
                #expect(r.status == 2, "\(args): \(r)")
                #expect(r.stderr.contains("o\(i).yaml:5") && r.stderr.contains("parameters.x"), "\(args): \(r)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweeps").path))
    }

    @Test func trillionPointGridValidatesAndAsksWithoutMaterialising() throws {
        let dir = try makeTemporaryDirectory("cli-grid")
        try write("""
            name: g
            method: grid
            objective: {kind: command, command: [sh, -c, "echo loss=1"]}
            parameters:
              a: {type: int, min: 0, max: 999}
              b: {type: int, min: 0, max: 999}
              c: {type: int, min: 0, max: 999}
              d: {type: int, min: 0, max: 999}
            """, to: dir.appendingPathComponent("g.yaml"))
        let v = try CLI.run(["validate", "g.yaml", "--json"], in: dir)
        #expect(v.status == 0, "\(v)")
        #expect(try json(v.stdout)["grid_size"] == .number(1e12))
        #expect(try json(v.stdout)["trials"] == .number(1e12))
        for n in 0..<2 {
            let a = try CLI.run(["ask", "g.yaml", "--json"], in: dir)
            #expect(a.status == 0, "\(a)")
            let params = try json(a.stdout)["params"]
            #expect(params?["a"] == .number(0) && params?["c"] == .number(0) && params?["d"] == .number(Double(n)), "\(a)")
        }
    }

    @Test func unknownURLSchemesExitTwoAndCreateNoFile() throws {
        let dir = try makeTemporaryDirectory("cli-schemes")
        try write("""
            name: s
            objective: {kind: function, function: branin}
            budget: {trials: 2}
            """, to: dir.appendingPathComponent("s.yaml"))
        for url in ["mysql://u:pw@h/db", "MYSQL://u@h/db", "redis://localhost"] {
            let r = try CLI.run(["run", "s.yaml", "--storage", url], in: dir)
            #expect(r.status == 2 && r.stderr.contains("unsupported scheme"), "\(r)")
            #expect(!r.stderr.contains(":pw@"), "\(r)")
        }
        try write("""
            name: s
            objective: {kind: function, function: branin}
            storage: mysql://u@h/db
            """, to: dir.appendingPathComponent("bad.yaml"))
        let v = try CLI.run(["validate", "bad.yaml"], in: dir)
        #expect(v.status == 2 && v.stderr.contains("bad.yaml:3") && v.stderr.contains("storage"), "\(v)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasSuffix(".yaml") && !$0.hasPrefix(".cli-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // --workers like budget.workers: a million threads used to hang the run.
        let workers = try CLI.run(["run", "s.yaml", "--storage", "w.sqlite", "--workers", "1000000"], in: dir)
        #expect(workers.status == 2 && workers.stderr.contains("--workers"), "\(workers)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("w.sqlite").path))
        // sqlite:///absolute and plain paths still work.
        let abs = dir.appendingPathComponent("abs.sqlite").path
        #expect(try CLI.run(["run", "s.yaml", "--storage", "sqlite://" + abs, "--quiet", "--no-report"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: abs))
        #expect(try CLI.run(["run", "s.yaml", "--storage", "plain.sqlite", "--quiet", "--no-report"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plain.sqlite").path))
    }

    @Test func smallerInputProblemsExitTwoWithLocation() throws {
        let dir = try makeTemporaryDirectory("cli-small")
        // Unknown dataset: validate refuses what run refuses.
        try write("""
            name: m
            objective: {kind: mlp, dataset: mnist}
            parameters:
              lr: {type: float, min: 0.001, max: 0.1}
            """, to: dir.appendingPathComponent("m.yaml"))
        let m = try CLI.run(["validate", "m.yaml"], in: dir)
        #expect(m.status == 2 && m.stderr.contains("m.yaml:2") && m.stderr.contains("objective.dataset"), "\(m)")
        // Unclosed brace in a command template.
        try write("""
            name: c
            objective: {kind: command, command: "python3 train.py --lr {lr"}
            parameters:
              lr: {type: float, min: 0.001, max: 0.1}
            """, to: dir.appendingPathComponent("c.yaml"))
        for cmd in ["validate", "run"] {
            let c = try CLI.run([cmd, "c.yaml"], in: dir)
            #expect(c.status == 2 && c.stderr.contains("c.yaml:2") && c.stderr.contains("objective.command") && c.stderr.contains("unclosed"), "\(c)")
        }
        // A directory as the config.
        let d = try CLI.run(["validate", "."], in: dir)
        #expect(d.status == 2 && d.stderr.contains("is a directory") && !d.stderr.contains("NSCocoaErrorDomain"), "\(d)")
        // A name that cannot be addressed.
        try write("""
            name: "-rf"
            objective: {kind: function, function: branin}
            """, to: dir.appendingPathComponent("n.yaml"))
        let n = try CLI.run(["validate", "n.yaml"], in: dir)
        #expect(n.status == 2 && n.stderr.contains("n.yaml:1") && n.stderr.contains("letter, digit or"), "\(n)")
        // sweep train --epochs 0.
        let t = try CLI.run(["train", "--dataset", "iris", "--epochs", "0"], in: dir)
        #expect(t.status == 2 && t.stderr.contains("--epochs"), "\(t)")
        // --threads beyond Int32 trapped (exit 132).
        let threads = try CLI.run(["train", "--dataset", "iris", "--epochs", "1", "--threads", "99999999999"], in: dir)
        #expect(threads.status == 2 && threads.stderr.contains("--threads"), "\(threads)")
    }

    @Test func sweepInWhichEveryTrialFailedExitsOneWithGroupedReasons() throws {
        let dir = try makeTemporaryDirectory("cli-allfail")
        try write("""
            name: f
            method: grid
            objective: {kind: command, command: [sh, -c, "if [ {x} -lt 3 ]; then exit 3; else exit 4; fi"]}
            parameters:
              x: {type: int, min: 0, max: 4}
            """, to: dir.appendingPathComponent("f.yaml"))
        let r = try CLI.run(["run", "f.yaml", "--no-report"], in: dir)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("every trial of sweep 'f' failed (5)"), "\(r)")
        let lines = r.stderr.split(separator: "\n").filter { $0.contains(" × ") }
        #expect(lines.count == 2, "\(r)")
        #expect(lines.first?.hasPrefix("  3 × ") == true && lines.last?.hasPrefix("  2 × ") == true, "\(r)")
        // One success is enough for exit 0.
        try write("""
            name: h
            method: grid
            objective: {kind: command, command: [sh, -c, "if [ {x} -lt 3 ]; then exit 3; else echo loss={x}; fi"]}
            parameters:
              x: {type: int, min: 0, max: 4}
            """, to: dir.appendingPathComponent("h.yaml"))
        #expect(try CLI.run(["run", "h.yaml", "--no-report"], in: dir).status == 0)
    }
}
