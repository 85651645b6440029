import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// `sweep ask`/`tell` read their usual command lines without ArgumentParser (start-up time). The
/// debug binary the tests run parses each such line with ArgumentParser as well and exits 70 when the
/// two readings differ, so every spelling here checks that the shortcut means what ArgumentParser means;
/// the lines it leaves to ArgumentParser must keep ArgumentParser's answers.
@Suite struct AskTellShortcutCLITests {
    private static let yaml = """
        name: sc
        parameters:
          x: {type: float, min: -2, max: 2}
        budget: {trials: 20}
        """

    @Test func everySpellingMeansWhatArgumentParserMeans() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.yaml, to: dir.appendingPathComponent("sc.yaml"))
        let db = "sweeps/sc.sqlite"
        let asks: [[String]] = [
            ["ask", "sc.yaml"], ["ask", "--json", "sc.yaml"], ["ask", "sc", "--storage", db, "--lease", "30"],
            ["ask", "sc", "--storage=\(db)", "--lease=45", "--json"], ["ask", "--lease", "60", "sc"],
        ]
        for line in asks {
            let r = try CLI.run(line, in: dir)
            #expect(r.status == 0, "\(line): \(r)")
        }
        let tells: [([String], String)] = [
            (["tell", "sc", "0", "--step", "1", "-0.5"], "continue\n"),
            (["tell", "--json", "sc", "0", "--step=2", "-0.25", "--lease", "30"], "\"decision\""),
            (["tell", "sc", "--storage", db, "0", "-1.25"], "trial 0 complete value=-1.25"),
            (["tell", "sc", "1", "-3e-4", "--json"], "\"complete\""),
            (["tell", "sc", "2", "--failed", "-out of memory"], "trial 2 failed"),
            (["tell", "sc", "3", "--pruned"], "trial 3 pruned"),
            (["tell", "sc", "4", "--interrupted", "--json"], "\"waiting\""),
        ]
        for (line, expected) in tells {
            let r = try CLI.run(line, in: dir)
            #expect(r.status == 0 && r.stdout.contains(expected), "\(line): \(r)")
        }
        let trials = try json(CLI.run(["trials", "sc", "--format", "json"], in: dir).stdout).items
        #expect(trials.prefix(4).map { $0["state"] } == [.string("complete"), .string("complete"), .string("failed"), .string("pruned")])
    }

    @Test func linesTheShortcutLeavesAloneKeepArgumentParsersAnswers() throws {
        let dir = try makeTemporaryDirectory()
        try write(Self.yaml, to: dir.appendingPathComponent("sc.yaml"))
        #expect(try CLI.run(["ask", "sc.yaml"], in: dir).status == 0)
        let before = try CLI.run(["trials", "sc", "--format", "json"], in: dir).stdout
        let refused: [([String], String)] = [
            (["ask", "sc", "--lease"], "--lease"),
            (["ask", "sc", "extra"], "extra"),
            (["ask", "sc", "--storage", "-x"], "storage"),
            (["ask", "sc", "-5"], "-5"),
            (["tell", "sc", "0", "1", "--bogus"], "--bogus"),
            (["tell", "sc", "0", "--step"], "--step"),
            (["tell"], "target"),
        ]
        for (line, named) in refused {
            let r = try CLI.run(line, in: dir)
            #expect(r.status == 2 && r.stderr.lowercased().contains(named.lowercased()), "\(line): \(r)")
        }
        #expect(try CLI.run(["trials", "sc", "--format", "json"], in: dir).stdout == before)
        // ArgumentParser accepts a repeated flag; the shortcut leaves such lines to it.
        #expect(try CLI.run(["tell", "sc", "0", "--pruned", "--pruned"], in: dir).stdout == "trial 0 pruned\n")
        #expect(try CLI.run(["ask", "sc", "--json", "--json"], in: dir).status == 0)
        let help = try CLI.run(["tell", "--help"], in: dir)
        #expect(help.status == 0 && help.stdout.contains("USAGE: sweep tell"), "\(help)")
    }
}
