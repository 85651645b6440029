import Foundation
import Sweep
import SweepStore
import SweepTestSupport
import Testing

/// Champion vs challenger on digits through ``Retrainer``: promotion when the challenger wins by the
/// margin and not otherwise, the challenger's lineage, determinism, and refusals that change nothing.
@Suite struct RetrainTests {
    /// Digits CSV text: the header and the data rows `rows`, labels passed through `label`.
    static func digitsCSV(rows: Range<Int>, label: (Int) -> Int = { $0 }) -> String {
        let lines = ShippedDataset.digits.csvText.split(separator: "\n", omittingEmptySubsequences: true)
        var out = [String(lines[0])]
        for line in lines.dropFirst().dropFirst(rows.lowerBound).prefix(rows.count) {
            var cells = line.split(separator: ",").map(String.init)
            cells[cells.count - 1] = String(label(Int(cells[cells.count - 1])!))
            out.append(cells.joined(separator: ","))
        }
        return out.joined(separator: "\n") + "\n"
    }

    static var configuration: MLPConfiguration {
        var c = MLPConfiguration()
        c.hiddenWidths = [32]
        c.epochs = 8
        c.learningRate = 0.01
        c.batchSize = 64
        c.seed = 3
        return c
    }

    /// A registry whose `digits` version 1 (aliased `production`) was trained on `csv`.
    static func registry(championData csv: String, in dir: URL) throws -> SQLiteStorage {
        let trainingFile = dir.appendingPathComponent("old.csv").path
        try csv.write(toFile: trainingFile, atomically: true, encoding: .utf8)
        let trainer = try MLPTrainer(configuration: configuration, dataset: try Dataset.loadCSV(path: trainingFile))
        let history = try trainer.run()
        let registry = try SQLiteStorage(path: dir.appendingPathComponent("r.sqlite").path)
        let lineage = ModelLineage(sweep: "old-sweep", trial: 4, params: ["lr": .float(0.01)],
                                   metrics: ["val_accuracy": history.last?.validationAccuracy ?? 0, "epoch": 8],
                                   datasetName: trainingFile, datasetHash: "0", codeVersion: "test")
        _ = try registry.registerModel("digits", checkpoint: trainer.checkpoint(), lineage: lineage)
        try registry.setModelAlias(model: "digits", alias: "production", version: 1)
        return registry
    }

    func retrainer(_ dir: URL, margin: Double = 0.005, promote: Bool = true) throws -> Retrainer {
        var r = Retrainer(reference: try ModelReference(parsing: "digits@production"), dataPath: dir.appendingPathComponent("new.csv").path)
        r.margin = margin
        r.promoteIfBetter = promote
        r.seed = 1
        return r
    }

    @Test func aDriftedChampionLosesAndTheChallengerIsPromoted() throws {
        try withTemporaryDirectory { dir in
            // The world changed: the champion learnt labels shifted by one; the new data has the true ones.
            let registry = try Self.registry(championData: Self.digitsCSV(rows: 0..<900) { ($0 + 1) % 10 }, in: dir)
            try Self.digitsCSV(rows: 900..<1500).write(to: dir.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
            let outcome = try retrainer(dir).run(registry: registry)

            #expect(outcome.comparison.metric == HoldoutMetric(lineageMetrics: ["val_accuracy": 0.9], task: .classification))
            #expect(outcome.heldOutRows == 120 && outcome.trainingRows + outcome.validationRows == 480)
            #expect(outcome.comparison.champion < 0.2, "\(outcome.comparison)")
            #expect(outcome.comparison.challenger > 0.8, "\(outcome.comparison)")
            #expect(outcome.promoted && outcome.aliasVersion == 2)
            #expect(try registry.resolve(ModelReference(parsing: "digits@production")).version == 2)

            // Lineage of the challenger: parent, data, both held-out scores.
            let v2 = outcome.challenger
            #expect(v2.version == 2 && v2.aliases == ["production"])
            #expect(v2.lineage.sweep == "old-sweep" && v2.lineage.trial == 4 && v2.lineage.params == ["lr": .float(0.01)])
            #expect(v2.lineage.metrics["parent_version"] == 1 && v2.lineage.metrics["holdout_rows"] == 120)
            #expect(v2.lineage.metrics["holdout_val_accuracy"] == outcome.comparison.challenger)
            #expect(v2.lineage.metrics["champion_holdout_val_accuracy"] == outcome.comparison.champion)
            #expect(v2.lineage.metrics["epoch"] == 8 && v2.lineage.metrics["val_accuracy"] != nil)
            #expect(v2.lineage.datasetName.hasSuffix("new.csv"))
            let newData = try Dataset.loadCSV(path: dir.appendingPathComponent("new.csv").path, task: .classification)
            #expect(v2.lineage.datasetHash == String(newData.fingerprint, radix: 16))

            // The challenger's checkpoint is the registered configuration, scored as reported.
            let stored = try MLPCheckpoint(data: try registry.modelCheckpoint(model: "digits", version: 2))
            #expect(stored.configuration == Self.configuration && stored.epoch == 8)
        }
    }

    @Test func aChallengerThatDoesNotWinByTheMarginIsRegisteredButNotPromoted() throws {
        try withTemporaryDirectory { dir in
            let registry = try Self.registry(championData: Self.digitsCSV(rows: 0..<900) { ($0 + 1) % 10 }, in: dir)
            try Self.digitsCSV(rows: 900..<1500).write(to: dir.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
            // Accuracy cannot improve by 2: the same winning challenger is kept out of production.
            let outcome = try retrainer(dir, margin: 2).run(registry: registry)
            #expect(outcome.comparison.improvement > 0.6 && !outcome.comparison.challengerWins)
            #expect(!outcome.promoted && outcome.aliasVersion == 1 && outcome.challenger.version == 2)
            #expect(outcome.decision.contains("digits@production stays at 1") && outcome.decision.contains("less than the margin 2.0"), "\(outcome.decision)")
            #expect(try registry.resolve(ModelReference(parsing: "digits@production")).version == 1)

            // Without --promote-if-better nothing moves either, whatever the scores.
            let asked = try retrainer(dir, margin: 0, promote: false).run(registry: registry)
            #expect(asked.comparison.challengerWins && !asked.promoted && asked.challenger.version == 3)
            // A tie is no win, even with margin 0.
            let tie = ChampionChallenger(metric: asked.comparison.metric, champion: 0.9, challenger: 0.9, margin: 0)
            #expect(!tie.challengerWins && tie.verdict.contains("scores the same"))
            #expect(try registry.resolve(ModelReference(parsing: "digits@production")).version == 1)
            // Same data, seed and configuration: the same challenger, bit for bit.
            #expect(try registry.modelCheckpoint(model: "digits", version: 2) == registry.modelCheckpoint(model: "digits", version: 3))
        }
    }

    @Test func aWorseChallengerIsNotPromoted() throws {
        try withTemporaryDirectory { dir in
            // A champion trained on 1,200 rows against a challenger trained on 48 of 60 new rows.
            let registry = try Self.registry(championData: Self.digitsCSV(rows: 0..<1200), in: dir)
            try Self.digitsCSV(rows: 1200..<1260).write(to: dir.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
            let outcome = try retrainer(dir, margin: 0).run(registry: registry)
            #expect(outcome.comparison.challenger < outcome.comparison.champion, "\(outcome.comparison)")
            #expect(!outcome.promoted && outcome.aliasVersion == 1)
            #expect(outcome.decision.contains("challenger worse by"), "\(outcome.decision)")
        }
    }

    @Test func badInputIsRefusedAndNothingIsRegistered() throws {
        try withTemporaryDirectory { dir in
            let registry = try Self.registry(championData: Self.digitsCSV(rows: 0..<300), in: dir)
            let new = dir.appendingPathComponent("new.csv")
            func refusal(_ csv: String, _ change: (inout Retrainer) throws -> Void = { _ in }) throws -> String {
                try csv.write(to: new, atomically: true, encoding: .utf8)
                var r = try retrainer(dir)
                try change(&r)
                do {
                    _ = try r.run(registry: registry)
                    return "no error"
                } catch {
                    return "\(error)"
                }
            }
            let good = Self.digitsCSV(rows: 300..<400)
            let noF5 = good.split(separator: "\n").map { line in
                var cells = line.split(separator: ",", omittingEmptySubsequences: false)
                cells.remove(at: 5)
                return cells.joined(separator: ",")
            }.joined(separator: "\n")
            #expect(try refusal(noF5).contains("column 'f5', which the model was trained on, is missing"))
            #expect(try refusal(good) { $0.targetColumn = "label" }.contains("no target column 'label'"))
            #expect(try refusal(Self.digitsCSV(rows: 300..<400) { $0 == 7 ? 11 : $0 }).contains("label '11' is not one of the model's classes"))
            #expect(try refusal(Self.digitsCSV(rows: 300..<302)).contains("too few"))
            #expect(try refusal(good) { $0.holdout = 1 }.contains("--holdout 1.0"))
            #expect(try refusal(good) { $0.margin = -0.1 }.contains("--margin -0.1"))
            #expect(try refusal(good) { $0.reference = try ModelReference(parsing: "digits@staging") }.contains("has no alias 'staging'"))
            #expect(try refusal(good) { $0.reference = try ModelReference(parsing: "nope") }.contains("no registered model 'nope'"))
            #expect(try refusal(good) { $0.dataPath = dir.appendingPathComponent("missing.csv").path }.contains("no such file"))
            #expect(try registry.modelVersions(model: "digits").count == 1)
            #expect(try registry.resolve(ModelReference(parsing: "digits@production")).version == 1)
        }
    }

    @Test func regressorsAreComparedOnRMSELowerIsBetter() throws {
        try withTemporaryDirectory { dir in
            // A diabetes regressor trained 2 epochs on 300 rows; the challenger trains 40 on the new rows.
            let lines = ShippedDataset.diabetes.csvText.split(separator: "\n").map(String.init)
            let old = dir.appendingPathComponent("old.csv"), new = dir.appendingPathComponent("new.csv")
            try (lines.prefix(301).joined(separator: "\n") + "\n").write(to: old, atomically: true, encoding: .utf8)
            try (([lines[0]] + lines.dropFirst(301)).joined(separator: "\n") + "\n").write(to: new, atomically: true, encoding: .utf8)
            var c = Self.configuration
            c.epochs = 2
            let trainer = try MLPTrainer(configuration: c, dataset: try Dataset.loadCSV(path: old.path))
            _ = try trainer.run()
            let registry = try SQLiteStorage(path: dir.appendingPathComponent("r.sqlite").path)
            _ = try registry.registerModel("diabetes", checkpoint: trainer.checkpoint(), lineage: ModelLineage(
                sweep: "s", trial: 0, params: [:], metrics: ["val_rmse": 60, "epoch": 2], datasetName: old.path, datasetHash: "0", codeVersion: "test"))
            var r = Retrainer(reference: try ModelReference(parsing: "diabetes@1"), dataPath: new.path)
            r.promoteIfBetter = true
            r.margin = 1
            r.seed = 1
            let outcome = try r.run(registry: registry)
            #expect(outcome.comparison.metric.name == "val_rmse" && outcome.comparison.metric.goal == .minimize)
            #expect(outcome.comparison.improvement == outcome.comparison.champion - outcome.comparison.challenger)
            #expect(outcome.promoted == (outcome.comparison.improvement >= 1) && outcome.alias == "production")
            #expect(outcome.aliasVersion == (outcome.promoted ? 2 : nil))

            // The held-out RMSE is the champion's prediction error on the held-out rows, in target units.
            let data = try Dataset.loadCSV(path: new.path, task: .regression)
            let split = try DataSplit(dataset: data, strategy: .stratified, validationFraction: 0.2, seed: 1)
            #expect(split.validation.count == outcome.heldOutRows)
            let d = data.featureCount
            let features = split.validation.flatMap { row in data.features[(row * d)..<((row + 1) * d)] }
            guard case let .values(predicted) = trainer.model.predict(features: Array(features), rows: split.validation.count),
                  case let .values(truth) = data.target else { Issue.record("not a regressor"); return }
            let squared = zip(predicted, split.validation.map { truth[$0] }).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            #expect(abs(outcome.comparison.champion - (squared / Double(split.validation.count)).squareRoot()) < 1e-9)
        }
    }
}
