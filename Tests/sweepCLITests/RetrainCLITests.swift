import Foundation
import SweepTestSupport
import Testing

/// `sweep retrain` through the built executable, and the README's "To production" walkthrough run
/// command by command (sweep, register, alias, serve, curl, retrain, promote).
@Suite struct RetrainCLITests {
    func json(_ text: String) -> [String: Any]? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] }

    /// A shipped dataset's CSV text, read from its generated source file (this target cannot import SweepNN).
    static func shippedCSV(_ file: String) throws -> String {
        let source = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Sources/SweepNN/Datasets/Shipped/\(file)"), encoding: .utf8)
        guard let open = source.range(of: "#\"\"\"\n"), let close = source.range(of: "\n\"\"\"#", options: .backwards) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return String(source[open.upperBound..<close.lowerBound]) + "\n"
    }

    static let sweepYAML = """
        name: tiny
        seed: 5
        metric: {name: val_accuracy, goal: maximize}
        objective: {kind: mlp, dataset: iris, epochs: 6, layers: 1, nodes: 6}
        parameters: {lr: {type: float, min: 0.003, max: 0.1, log: true}}
        budget: {trials: 2}
        """

    @Test func retrainRegistersTheChallengerAndPromotesOnlyByTheMargin() throws {
        try withTemporaryDirectory { dir in
            try Self.sweepYAML.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
            let iris = try Self.shippedCSV("IrisCSV.swift")
            try iris.write(to: dir.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
            #expect(try CLI.run(["run", "tiny.yaml", "--quiet", "--no-report"], in: dir).status == 0)
            #expect(try CLI.run(["models", "register", "iris-net", "--from", "tiny"], in: dir).status == 0)
            let store = ["--storage", "sweeps/tiny.sqlite"]
            #expect(try CLI.run(["models", "alias", "iris-net@production", "1"] + store, in: dir).status == 0)

            // A margin no accuracy can reach: registered as version 2, production stays at 1.
            let kept = try CLI.run(["retrain", "iris-net@production", "--data", "new.csv", "--promote-if-better",
                                    "--margin", "1.5", "--json"] + store, in: dir)
            #expect(kept.status == 0, "\(kept)")
            let outcome = try #require(json(kept.stdout), "\(kept)")
            #expect(outcome["metric"] as? String == "val_accuracy" && outcome["goal"] as? String == "maximize")
            #expect(outcome["promoted"] as? Bool == false && outcome["alias_version"] as? Int == 1 && outcome["held_out_rows"] as? Int == 30)
            #expect((outcome["decision"] as? String)?.contains("iris-net@production stays at 1") == true, "\(outcome)")
            let champion = try #require(outcome["champion"] as? [String: Any])
            let challenger = try #require(outcome["challenger"] as? [String: Any])
            #expect(champion["version"] as? Int == 1 && challenger["version"] as? Int == 2)
            let lineage = try #require((outcome["registered"] as? [String: Any])?["lineage"] as? [String: Any])
            let metrics = try #require(lineage["metrics"] as? [String: Double])
            #expect(metrics["parent_version"] == 1 && metrics["holdout_rows"] == 30 && metrics["epoch"] == 6)
            #expect(metrics["holdout_val_accuracy"] == challenger["holdout_score"] as? Double)
            #expect(metrics["champion_holdout_val_accuracy"] == champion["holdout_score"] as? Double)
            #expect(lineage["sweep"] as? String == "tiny" && lineage["dataset"] as? String == "new.csv")
            let shown = json(try CLI.run(["models", "show", "iris-net@production", "--json"] + store, in: dir).stdout)
            #expect(shown?["version"] as? Int == 1)

            // The same challenger again with margin 0: promoted when strictly better, never on a tie.
            let promoted = try CLI.run(["retrain", "iris-net@production", "--data", "new.csv", "--promote-if-better",
                                        "--margin", "0"] + store, in: dir)
            let improvement = (challenger["holdout_score"] as? Double ?? 0) - (champion["holdout_score"] as? Double ?? 0)
            #expect(promoted.status == 0, "\(promoted)")
            if improvement > 0 {
                #expect(promoted.stdout.contains("promoted: iris-net@production → 3"), "\(promoted)")
                #expect(json(try CLI.run(["models", "show", "iris-net@production", "--json"] + store, in: dir).stdout)?["version"] as? Int == 3)
            } else {
                #expect(promoted.stdout.contains("not promoted: iris-net@production stays at 1"), "\(promoted)")
            }
        }
    }

    @Test func badInputExitsTwoAndRegistersNothing() throws {
        try withTemporaryDirectory { dir in
            try Self.sweepYAML.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
            let iris = try Self.shippedCSV("IrisCSV.swift")
            try iris.write(to: dir.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
            let lines = iris.split(separator: "\n").map(String.init)
            let noF2 = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: ",") }
            try (noF2.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("no-f2.csv"), atomically: true, encoding: .utf8)
            try ([lines[0], lines[1], lines[60]].joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("two.csv"), atomically: true, encoding: .utf8)
            #expect(try CLI.run(["run", "tiny.yaml", "--quiet", "--no-report"], in: dir).status == 0)
            #expect(try CLI.run(["models", "register", "iris-net", "--from", "tiny"], in: dir).status == 0)
            let store = ["--storage", "sweeps/tiny.sqlite"]
            let refusals: [([String], String)] = [
                (["retrain", "nope@production", "--data", "new.csv"] + store, "no registered model 'nope'"),
                (["retrain", "iris-net@production", "--data", "new.csv"] + store, "has no alias 'production'"),
                (["retrain", "iris-net@7", "--data", "new.csv"] + store, "has no version 7"),
                (["retrain", "iris-net", "--data", "no-f2.csv"] + store, "column 'f2', which the model was trained on, is missing"),
                (["retrain", "iris-net", "--data", "new.csv", "--target", "f0"] + store, "target column 'f0' is one of the model's feature columns (its target is 'target')"),
                (["retrain", "iris-net", "--data", "new.csv", "--target", "label"] + store, "no target column 'label'"),
                (["retrain", "iris-net", "--data", "two.csv"] + store, "too few"),
                (["retrain", "iris-net", "--data", "missing.csv"] + store, "no such file"),
                (["retrain", "iris-net", "--data", "new.csv", "--holdout", "0"] + store, "--holdout 0.0"),
                (["retrain", "iris-net", "--data", "new.csv", "--margin", "nan"] + store, "--margin nan"),
                (["retrain", "iris-net", "--data", "new.csv", "--alias", "7"] + store, "an alias cannot be a number"),
                (["retrain", "iris-net", "--data", "new.csv", "--storage", "sweeps/typo.sqlite"], "no such file sweeps/typo.sqlite"),
            ]
            for (args, message) in refusals {
                let r = try CLI.run(args, in: dir)
                #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r)")
            }
            let versions = json("{\"v\": " + (try CLI.run(["models", "show", "iris-net", "--json"] + store, in: dir).stdout) + "}")?["v"] as? [Any]
            #expect(versions?.count == 1)
        }
    }

    @Test func warmStartFromAnUnknownSweepExitsTwoNamingFileLineAndKey() throws {
        try withTemporaryDirectory { dir in
            let yaml = """
                name: warm
                objective: {kind: function, function: branin}
                method: bayes
                budget: {trials: 2}
                warm_start: {from: nope}
                """
            try yaml.write(to: dir.appendingPathComponent("warm.yaml"), atomically: true, encoding: .utf8)
            let r = try CLI.run(["run", "warm.yaml", "--quiet", "--no-report"], in: dir)
            #expect(r.status == 2 && r.stderr.contains("warm.yaml:5: warm_start.from: no earlier sweep 'nope'"), "\(r)")
            for file in ["sweeps/warm.sqlite", "sweeps/nope.sqlite"] {
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) was created")
            }
            let validated = try CLI.run(["validate", "warm.yaml"], in: dir)
            #expect(validated.status == 2 && validated.stderr.contains("warm.yaml:5: warm_start.from: no earlier sweep 'nope'"), "\(validated)")

            // Once the earlier sweep exists, validate says what the warm start brings.
            try yaml.replacingOccurrences(of: "\nwarm_start: {from: nope}", with: "").replacingOccurrences(of: "name: warm", with: "name: nope")
                .write(to: dir.appendingPathComponent("nope.yaml"), atomically: true, encoding: .utf8)
            #expect(try CLI.run(["run", "nope.yaml", "--quiet", "--no-report"], in: dir).status == 0)
            let ok = try CLI.run(["validate", "warm.yaml"], in: dir)
            #expect(ok.status == 0 && ok.stdout.contains("warm start: 2 trials of sweep 'nope' (0 outside this space), best 3 first"), "\(ok)")
        }
    }
}
