import Foundation
import SweepCore
import SweepTestSupport
import Testing

private let config = """
    name: one
    seed: 2
    metric: {name: value, goal: minimize}
    objective: {kind: function, function: branin, steps: 3}
    parameters:
      x0: {type: float, min: -5, max: 10}
      x1: {type: float, min: 0, max: 15}
    budget: {trials: 15}
    """

@Suite struct BackupCLITests {
    /// Issue 18.5: after a normal `sweep run` the data sat in the `-wal` file, so a copy of the `.sqlite`
    /// file alone "holds no sweeps".
    @Test func oneSQLiteFileIsNotOneFile() throws {
        let dir = try makeTemporaryDirectory("one-file")
        try write(config, to: dir.appendingPathComponent("c.yaml"))
        let run = try CLI.run(["run", "c.yaml", "--quiet", "--no-report"], in: dir)
        #expect(run.status == 0, "\(run)")
        let copyDir = try makeTemporaryDirectory("one-file-copy")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("sweeps/one.sqlite"), to: copyDir.appendingPathComponent("copy.sqlite"))
        let trials = try CLI.run(["trials", "copy.sqlite", "--format", "json"], in: copyDir)
        #expect(trials.status == 0, "\(trials)")
        #expect(try json(trials.stdout).items.count == 15)
    }

    /// Issue 18.5: `sweep backup` then `sweep import` (fresh SQLite; PostgreSQL when available) give the
    /// same `sweep export --format jsonl`; importing over an existing sweep exits 2 and changes nothing.
    @Test func backupAndImportCommandsRoundTripTheExport() throws {
        let dir = try makeTemporaryDirectory("backup-cli")
        try write(config, to: dir.appendingPathComponent("c.yaml"))
        #expect(try CLI.run(["run", "c.yaml", "--quiet", "--no-report"], in: dir).status == 0)
        let expected = try CLI.run(["export", "one", "--format", "jsonl"], in: dir)
        #expect(expected.status == 0 && expected.stdout.split(separator: "\n").count == 15)
        let backup = try CLI.run(["backup", "one", "one-backup.sqlite"], in: dir)
        #expect(backup.status == 0, "\(backup)")
        #expect(try CLI.run(["backup", "one", "one-backup.sqlite"], in: dir).status == 2)

        var targets = [dir.appendingPathComponent("restored.sqlite").path]
        if TestPostgres.available { targets.append(try TestPostgres.freshDatabase()) }
        for target in targets {
            let imported = try CLI.run(["import", "one-backup.sqlite", "--storage", target], in: dir)
            #expect(imported.status == 0, "\(imported)")
            let export = try CLI.run(["export", "one", "--storage", target, "--format", "jsonl"], in: dir)
            #expect(export.status == 0 && export.stdout == expected.stdout, "\(export)")
            let again = try CLI.run(["import", "one-backup.sqlite", "--storage", target], in: dir)
            #expect(again.status == 2 && again.stderr.contains("--replace"), "\(again)")
            #expect(try CLI.run(["import", "one-backup.sqlite", "--storage", target, "--replace"], in: dir).status == 0)
            #expect(try CLI.run(["export", "one", "--storage", target, "--format", "jsonl"], in: dir).stdout == expected.stdout)
        }
        // Into the default place, where the sweep already is: refused.
        let refused = try CLI.run(["import", "one-backup.sqlite"], in: dir)
        #expect(refused.status == 2, "\(refused)")
        #expect(try CLI.run(["import", "missing.sqlite"], in: dir).status == 2)
    }
}
