import Foundation
import Sweep
import SweepCore
import SweepStore
import SweepTestSupport
import Testing

/// A sweep of multi-step function trials (a checkpoint and a value per step) stored at `storage`.
private func session(_ storage: String, trials: Int = 12, workers: Int = 1, stepTime: Double = 0) throws -> SweepSession {
    try SweepSession.open(config: try SweepConfig.parse(yaml: """
        name: bk
        seed: 5
        metric: {name: value, goal: minimize}
        objective: {kind: function, function: branin, steps: 4, step_time: \(stepTime)}
        parameters:
          x0: {type: float, min: -5, max: 10}
          x1: {type: float, min: 0, max: 15}
        budget: {trials: \(trials), workers: \(workers)}
        storage: \(storage)
        """, file: "bk.yaml"))
}

/// Every trial, and every checkpoint with its bytes, of sweep `bk` in `store`.
private func contents(of store: any StudyStorage) throws -> (trials: [Trial], checkpoints: [Int: String]) {
    let record = try #require(try store.study(named: "bk"))
    let trials = try store.trials(study: record.id)
    var checkpoints: [Int: String] = [:]
    for t in trials {
        if let c = try store.checkpoint(study: record.id, trial: t.number) { checkpoints[t.number] = "\(c.step):\(c.data.base64EncodedString())" }
    }
    return (trials, checkpoints)
}

@Suite struct BackupTests {
    /// Issue 18.5: a backup taken while two workers write is one consistent moment: dense trial numbers,
    /// every checkpoint with the value of its step, and it opens as a self-contained file.
    @Test func backupOfARunningSweepIsConsistent() throws {
        let dir = try makeTemporaryDirectory("backup-live")
        let path = dir.appendingPathComponent("bk.sqlite").path
        let s = try session(path, trials: 16, workers: 2, stepTime: 0.01)
        let finished = DispatchSemaphore(value: 0)
        Thread { _ = try? s.run(); finished.signal() }.start()
        var taken = 0
        while taken < 8 {
            Thread.sleep(forTimeInterval: 0.05)
            let file = dir.appendingPathComponent("b\(taken).sqlite").path
            try SweepBackup.backup(try SweepLocator.locate("bk", storage: path), to: file)
            taken += 1
            #expect(!FileManager.default.fileExists(atPath: file + "-wal"), "the backup needs its -wal file")
            let copy = try contents(of: try SQLiteStorage(path: file))
            #expect(copy.trials.map(\.number) == Array(0..<copy.trials.count))
            for (number, checkpoint) in copy.checkpoints {
                let step = try #require(Int(checkpoint.prefix { $0 != ":" }))
                #expect(copy.trials[number].intermediateValues[step] != nil, "trial \(number): checkpoint at step \(step) without its value")
            }
            for t in copy.trials where t.state == .complete { #expect(t.value != nil && t.intermediateValues.count == 4) }
        }
        finished.wait()
        #expect(try s.study.trials().filter { $0.state == .complete }.count == 16)
    }

    /// Issue 18.5: backup → import into a fresh SQLite file (and PostgreSQL when available) keeps every
    /// trial, value, attribute and checkpoint bit for bit; an existing sweep is not overwritten.
    @Test func backupAndImportRoundTripBitForBit() throws {
        let dir = try makeTemporaryDirectory("backup-rt")
        let path = dir.appendingPathComponent("bk.sqlite").path
        try session(path).run()
        let original = try contents(of: try SQLiteStorage(path: path))
        #expect(original.checkpoints.count == 12)
        let backup = dir.appendingPathComponent("backup.sqlite").path
        try SweepBackup.backup(try SweepLocator.locate("bk", storage: path), to: backup)
        #expect(throws: SweepBackupError.self) { try SweepBackup.backup(try SweepLocator.locate("bk", storage: path), to: backup) }

        var targets = [dir.appendingPathComponent("restored.sqlite").path]
        if TestPostgres.available { targets.append(try TestPostgres.freshDatabase()) }
        for target in targets {
            let imported = try SweepBackup.importFile(backup, storage: target)
            #expect(imported.map(\.record.name) == ["bk"])
            let store = try StorageLocation.parse(target, sweepName: "bk").open()
            let restored = try contents(of: store)
            #expect(restored.trials == original.trials, "\(target)")
            #expect(restored.trials.map { $0.value?.bitPattern } == original.trials.map { $0.value?.bitPattern })
            #expect(restored.checkpoints == original.checkpoints)
            let record = try #require(try store.study(named: "bk"))
            let source = try SQLiteStorage(path: path).study(named: "bk")?.configSource
            #expect(record.seed == 5 && record.configSource == source)
            // Backing up the restored sweep (from PostgreSQL too) gives the same contents again.
            let again = dir.appendingPathComponent("again-\(UUID().uuidString.prefix(8)).sqlite").path
            try SweepBackup.backup(try SweepLocator.locate("bk", storage: target), to: again)
            let copy = try contents(of: try SQLiteStorage(path: again))
            #expect(copy.trials == original.trials && copy.checkpoints == original.checkpoints)
            // A second import refuses to overwrite, and changes nothing.
            #expect(throws: StorageError.self) { try SweepBackup.importFile(backup, storage: target) }
            #expect(try contents(of: store).trials == original.trials)
        }
    }
}
