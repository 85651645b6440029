import Foundation
import Sweep
import SweepCore
import SweepStore
import SweepTestSupport
import Testing

/// `sweep ask`/`tell`/`status`/`trials`/`export` go through `SweepLocator`: one store open, one parse of the
/// stored config, no objective (so no dataset load), counted by a `SessionProbe` installed for the test's task.
@Suite struct LightSessionTests {
    /// An mlp sweep on a CSV file, created (the objective built, so the CSV read) in a new directory.
    private static func mlpSweep() throws -> (dir: URL, yaml: URL, csv: URL, database: String) {
        let dir = try makeTemporaryDirectory("light-session")
        let csv = dir.appendingPathComponent("d.csv")
        var rows = "a,b,label\n"
        for i in 0..<20 { rows += "\(i % 5),\(i % 3),\(i % 2)\n" }
        try rows.write(to: csv, atomically: true, encoding: .utf8)
        let database = dir.appendingPathComponent("mlp.sqlite").path
        let yaml = dir.appendingPathComponent("mlp.yaml")
        try """
            name: mlp
            seed: 1
            metric: {name: val_accuracy}
            objective: {kind: mlp, dataset: \(csv.path), target: label, epochs: 2, nodes: 4}
            parameters:
              lr: {type: float, min: 1e-3, max: 1e-1, log: true}
            budget: {trials: 5}
            storage: \(database)
            """.write(to: yaml, atomically: true, encoding: .utf8)
        _ = try SweepSession.open(config: try SweepConfig.load(path: yaml.path))
        return (dir, yaml, csv, database)
    }

    @Test func locatingAndAskingOpensTheStoreOnceParsesOnceAndBuildsNoObjective() throws {
        let sweep = try Self.mlpSweep()
        for target in ["mlp", sweep.yaml.path] {
            let probe = SessionProbe()
            try SessionProbe.$current.withValue(probe) {
                let located = try SweepLocator.locate(target, storage: target == "mlp" ? sweep.database : nil)
                #expect(try located.config().metric.name == "val_accuracy")
                let session = try located.session(lease: 60, worker: .current(external: true))
                let number = try #require(try session.study.ask()?.number)
                _ = try session.study.tell(number: number, .value(0.5))
            }
            #expect(probe.counts == SessionProbe.Counts(storeOpens: 1, configParses: 1, objectivesBuilt: 0), "\(target)")
        }
    }

    @Test func anMLPSweepAnswersAskAndTellWithItsDatasetGone() throws {
        let sweep = try Self.mlpSweep()
        try FileManager.default.removeItem(at: sweep.csv)
        let session = try SweepLocator.locate("mlp", storage: sweep.database).session()
        let number = try #require(try session.study.ask()?.number)
        #expect(try session.study.tell(number: number, .value(0.25)).value == 0.25)
        // Running trials needs the data: building the objective says what is missing, every time it is read.
        for _ in 0..<2 {
            #expect(throws: (any Error).self) { _ = try session.objective }
        }
        // A config file opened for ask/tell does not read the CSV either.
        let again = try SweepSession.openForAskTell(file: sweep.yaml.path)
        #expect(again.resumed && again.notes.isEmpty)
        #expect(try again.study.trials().map(\.value) == [0.25])
    }

    @Test func aRunBuildsTheObjectiveBeforeOpeningTheStore() throws {
        let sweep = try Self.mlpSweep()
        try FileManager.default.removeItem(at: sweep.csv)
        try FileManager.default.removeItem(atPath: sweep.database)
        let config = try SweepConfig.parse(yaml: try String(contentsOf: sweep.yaml, encoding: .utf8), file: "mlp.yaml")
        let probe = SessionProbe()
        SessionProbe.$current.withValue(probe) {
            #expect(throws: (any Error).self) { _ = try SweepSession.open(config: config) }
        }
        #expect(probe.counts.objectivesBuilt == 1 && probe.counts.storeOpens == 0)
        #expect(!FileManager.default.fileExists(atPath: sweep.database))
    }

    @Test func aChangedConfigFileStillParsesTheStoredConfigAndKeepsItsNotes() throws {
        let sweep = try Self.mlpSweep()
        let text = try String(contentsOf: sweep.yaml, encoding: .utf8).replacingOccurrences(of: "trials: 5", with: "trials: 8")
        try text.write(to: sweep.yaml, atomically: true, encoding: .utf8)
        let probe = SessionProbe()
        let session = try SessionProbe.$current.withValue(probe) { try SweepSession.openForAskTell(file: sweep.yaml.path) }
        #expect(session.notes == ["budget changed: trials 5, workers 1 → trials 8, workers 1"])
        #expect(probe.counts == SessionProbe.Counts(storeOpens: 1, configParses: 2, objectivesBuilt: 0))
        // The stored config now is the file's: the next open parses once.
        let located = try SessionProbe.$current.withValue(SessionProbe()) {
            try SweepLocator.locate(sweep.yaml.path)
        }
        #expect(try located.config().budget.trials == 8)
    }
}
