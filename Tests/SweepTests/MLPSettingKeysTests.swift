import Foundation
import Sweep
import SweepTestSupport
import Testing

/// The MLP setting table (`MLPSetting.all`) is the one list of keys: config checking (fixed settings
/// and search parameters), the `mlp` objective and `sweep train --set` accept every key in it and refuse
/// an unknown key with the same message.
@Suite struct MLPSettingKeysTests {
    static let dataset = "blobs:40x2"

    /// A sweep whose objective fixes `fixed` and searches `parameter` (YAML text).
    func yaml(fixed: String = "", parameter: String = "weight_decay: {type: float, min: 0, max: 0.01}") -> String {
        """
        metric: {name: val_loss, goal: minimize}
        objective: {kind: mlp, dataset: "\(Self.dataset)"\(fixed.isEmpty ? "" : ", " + fixed)}
        parameters:
          \(parameter)
        storage: memory
        """
    }

    @Test(arguments: MLPSetting.all.map(\.name))
    func everyKeyIsAcceptedByConfigObjectiveAndTrain(name: String) throws {
        let setting = try #require(MLPSetting.named(name))
        let keys = [setting.exampleKey] + setting.aliases
        for key in keys {
            let other = ["weight_decay", "wd"].contains(key) ? "dropout: {type: float, min: 0, max: 0.5}"
                : "weight_decay: {type: float, min: 0, max: 0.01}"
            // Config checking: a fixed setting, and a search parameter with the example as its one choice.
            let config = try SweepConfig.parse(yaml: yaml(fixed: "\(key): \(setting.example)", parameter: other))
            _ = try SweepConfig.parse(yaml: yaml(parameter: "\(key): {values: [\(setting.example)]}"))
            // The objective, built from the parsed spec (data are loaded, nothing is trained).
            guard let spec = config.objective.as(MLPObjectiveSpec.self) else { Issue.record("not an mlp objective"); return }
            _ = try MLPObjective(spec: spec, metric: "val_loss")
            // sweep train --set.
            try withTemporaryDirectory { dir in
                let epochs = setting.name == "epochs" ? [] : ["--epochs", "1"]
                let r = try CLI.run(["train", "--dataset", Self.dataset, "--json", "--set", "\(key)=\(setting.example)"] + epochs,
                                    in: dir)
                #expect(r.status == 0, "\(key): \(r)")
            }
        }
    }

    @Test func anUnknownKeyIsRefusedByAllThreeWithTheSameMessage() throws {
        let message = MLPSetting.unknown("learnin_rate").description
        #expect(message.contains("unknown MLP hyperparameter 'learnin_rate' (did you mean 'learning_rate'?)"))
        #expect(throws: ConfigError.self) { try SweepConfig.parse(yaml: yaml(fixed: "learnin_rate: 0.1")) }
        do { _ = try SweepConfig.parse(yaml: yaml(fixed: "learnin_rate: 0.1")) } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
        do { _ = try SweepConfig.parse(yaml: yaml(parameter: "learnin_rate: {type: float, min: 0.001, max: 0.1}")) } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
        do {
            _ = try MLPObjective(spec: MLPObjectiveSpec(dataset: Self.dataset, settings: ["learnin_rate": 0.1]), metric: "val_loss")
            Issue.record("the objective accepted an unknown key")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
        try withTemporaryDirectory { dir in
            let r = try CLI.run(["train", "--dataset", Self.dataset, "--epochs", "1", "--set", "learnin_rate=0.1"], in: dir)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains(message), "\(r)")
        }
    }

    @Test func setOverridesTheOptionsAndSpeaksTheTableKeys() throws {
        try withTemporaryDirectory { dir in
            let r = try CLI.run(["train", "--dataset", Self.dataset, "--epochs", "2", "--lr", "0.5", "--set", "learning_rate=0.002",
                                 "--set", "layers=3", "--set", "nodes_2=5", "--json"], in: dir)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.contains("0.002"), "\(r)")
            let bad = try CLI.run(["train", "--dataset", Self.dataset, "--set", "lr"], in: dir)
            #expect(bad.status == 2 && bad.stderr.contains("--set expects KEY=VALUE"), "\(bad)")
        }
    }
}
