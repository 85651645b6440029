import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// A sweep file for ask/tell only: no `objective:`.
private let askTellYAML = """
    name: at
    parameters:
      x: {type: float, min: -2, max: 2}
    budget: {trials: 10}
    """

@Suite struct AskTellCLITests {
    @Test func negativeAndExponentValuesAreNumbersWhereverTheyStand() throws {
        let dir = try makeTemporaryDirectory()
        try write(askTellYAML, to: dir.appendingPathComponent("at.yaml"))
        for _ in 0..<3 { #expect(try CLI.run(["ask", "at.yaml", "--json"], in: dir).status == 0) }
        let step = try CLI.run(["tell", "at", "0", "--step", "1", "-0.5"], in: dir)
        #expect(step.status == 0 && step.stdout == "continue\n", "\(step)")
        let stepBefore = try CLI.run(["tell", "at", "0", "-0.25", "--step", "2"], in: dir)
        #expect(stepBefore.status == 0, "\(stepBefore)")
        let told = try CLI.run(["tell", "at", "0", "-1.25"], in: dir)
        #expect(told.status == 0 && told.stdout.contains("value=-1.25"), "\(told)")
        #expect(try CLI.run(["tell", "at", "1", "-3e-4", "--json"], in: dir).status == 0)
        #expect(try CLI.run(["tell", "at", "2", "--", "-7"], in: dir).status == 0)
        let trials = try json(CLI.run(["trials", "at", "--format", "json"], in: dir).stdout).items
        #expect(trials.map { $0["value"] } == [.number(-1.25), .number(-3e-4), .number(-7)])
        #expect(trials[0]["intermediate_values"] == .object(["1": .number(-0.5), "2": .number(-0.25)]))
    }

    @Test func tellInterruptedHandsTheTrialBackAndTheNextAskResumesIt() throws {
        let dir = try makeTemporaryDirectory()
        try write(askTellYAML, to: dir.appendingPathComponent("at.yaml"))
        let first = try json(CLI.run(["ask", "at.yaml", "--json"], in: dir).stdout)
        #expect(try CLI.run(["tell", "at", "0", "--step", "1", "0.5"], in: dir).stdout == "continue\n")
        let both = try CLI.run(["tell", "at", "0", "0.5", "--interrupted"], in: dir)
        #expect(both.status == 2 && both.stderr.contains("exactly one of"), "\(both)")
        let back = try CLI.run(["tell", "at", "0", "--interrupted", "--json"], in: dir)
        #expect(back.status == 0, "\(back)")
        #expect(try json(back.stdout)["state"] == .string("waiting"))
        // Handing it back twice is refused: it is no longer running.
        #expect(try CLI.run(["tell", "at", "0", "--interrupted"], in: dir).status != 0)
        let again = try json(CLI.run(["ask", "at.yaml", "--json"], in: dir).stdout)
        #expect(again["trial"] == .number(0) && again["params"] == first["params"])
        #expect(again["intermediate_values"] == .object(["1": .number(0.5)]))
    }

    @Test func badValuesAreRefusedWithExit2AndChangeNothing() throws {
        let dir = try makeTemporaryDirectory()
        try write(askTellYAML, to: dir.appendingPathComponent("at.yaml"))
        #expect(try CLI.run(["ask", "at.yaml"], in: dir).status == 0)
        let before = try CLI.run(["trials", "at", "--format", "json"], in: dir).stdout
        let cases: [([String], String)] = [
            (["tell", "at", "0", "inf"], "VALUE must be finite"),
            (["tell", "at", "0", "-infinity"], "VALUE must be finite"),
            (["tell", "at", "0", "nan"], "--failed"),
            (["tell", "at", "0", "abc"], "VALUE must be a number"),
            (["tell", "at", "-3", "1.0"], "TRIAL must be 0 or more"),
            (["tell", "at", "x", "1.0"], "TRIAL must be a trial number"),
            (["tell", "at", "0", "1", "2"], "the sweep has 1 metric (loss) but the tell gave 2 values"),
            (["tell", "at", "0", "--step", "-5", "1.0"], "--step must be a whole number"),
            (["tell", "at", "0", "--step", "nan", "1.0"], "--step must be a whole number"),
            (["tell", "at", "0", "--step", "1"], "--step needs a VALUE"),
            (["tell", "at", "0", "--step", "1", "nan"], "VALUE must be finite"),
            (["tell", "at", "0", "--failed", " "], "--failed needs a reason"),
            (["tell", "at", "0", "1.0", "--pruned"], "exactly one of"),
            (["tell", "at", "0", "--jsn", "1.0"], "unknown option '--jsn'"),
            (["tell", "at", "0", "--step", "1", "1.0", "--lease", "nan"], "--lease must be a positive number"),
            (["ask", "at.yaml", "--lease", "nan"], "--lease must be a positive number"),
            (["ask", "at.yaml", "--lease", "-5"], "--lease must be a positive number"),
            (["ask", "at.yaml", "--lease", "0"], "--lease must be a positive number"),
            (["session", "at.yaml", "--lease", "inf"], "--lease must be a positive number"),
            (["run", "at.yaml", "--lease", "nan"], "--lease must be a positive number"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args, in: dir)
            #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r)")
        }
        #expect(try CLI.run(["trials", "at", "--format", "json"], in: dir).stdout == before)
        // NaN is accepted only as a failure with a reason.
        let failed = try CLI.run(["tell", "at", "0", "--failed", "loss became nan"], in: dir)
        #expect(failed.status == 0 && failed.stdout.contains("failed"), "\(failed)")
    }

    @Test func anAskTellSweepNeedsNoObjectiveAndSweepRunSaysSo() throws {
        let dir = try makeTemporaryDirectory()
        try write(askTellYAML, to: dir.appendingPathComponent("at.yaml"))
        let run = try CLI.run(["run", "at.yaml"], in: dir)
        #expect(run.status == 2 && run.stderr.contains("has no objective: it is for ask/tell"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweeps/at.sqlite").path))
        let validate = try CLI.run(["validate", "at.yaml"], in: dir)
        #expect(validate.status == 0, "\(validate)")
        let ask = try json(CLI.run(["ask", "at.yaml", "--json"], in: dir).stdout)
        #expect(ask["trial"] == .number(0))
        // The stored sweep refuses `sweep resume` the same way.
        let resume = try CLI.run(["resume", "at"], in: dir)
        #expect(resume.status == 2 && resume.stderr.contains("has no objective"), "\(resume)")
    }

    @Test func tellStepAnsweringPauseHandsTheTrialBackForPromotion() throws {
        let dir = try makeTemporaryDirectory()
        try write("""
            name: p
            method: {name: sha, options: {min_resource: 1, max_resource: 9, eta: 3}}
            parameters:
              x: {type: float, min: 0, max: 1}
            """, to: dir.appendingPathComponent("p.yaml"))
        let asked = try json(CLI.run(["ask", "p.yaml", "--json"], in: dir).stdout)
        #expect(asked["resource"] == .number(1))
        let step = try CLI.run(["tell", "p", "0", "--step", "1", "0.5", "--json"], in: dir)
        #expect(try json(step.stdout)["decision"] == .string("pause"), "\(step)")
        let t = try json(CLI.run(["trials", "p", "--format", "json"], in: dir).stdout).items[0]
        #expect(t["state"] == .string("waiting") && t["attributes"]?["sweep.paused"] == .bool(true), "\(t)")
        // A paused trial is the scheduler's now: telling it is refused.
        #expect(try CLI.run(["tell", "p", "0", "0.5"], in: dir).status == 2)
    }

    @Test func theAskLeaseIsTenMinutesAndEveryReportRenewsIt() throws {
        let dir = try makeTemporaryDirectory()
        try write(askTellYAML, to: dir.appendingPathComponent("at.yaml"))
        #expect(try CLI.run(["ask", "at.yaml", "--lease", "0.5"], in: dir).status == 0)
        Thread.sleep(forTimeInterval: 0.3)
        // The report renews the lease for --lease seconds from now, so the trial outlives its first lease.
        #expect(try CLI.run(["tell", "at", "0", "--step", "1", "0.5", "--lease", "600"], in: dir).stdout == "continue\n")
        Thread.sleep(forTimeInterval: 0.5)
        let next = try json(CLI.run(["ask", "at.yaml", "--json"], in: dir).stdout)
        #expect(next["trial"] == .number(1), "trial 0 was taken back although its report renewed the lease")
        #expect(try CLI.run(["tell", "at", "0", "0.5"], in: dir).status == 0)
        let help = try CLI.run(["ask", "--help"], in: dir)
        #expect(help.stdout.contains("default 600"))
    }
}
