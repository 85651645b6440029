import ArgumentParser
import Foundation
import Sweep

/// `sweep train`: train one MLP and report per-epoch metrics. Parsing and printing only; the run
/// is `TrainingRun` in SweepNN.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a built-in MLP on a dataset.",
        discussion: """
        DATASET is a shipped name (digits, breast_cancer, wine, iris, diabetes), a CSV path, or a \
        synthetic spec (blobs:ROWSxFEATURES, spirals:ROWS, friedman1:ROWSxFEATURES). digits uses \
        its fixed reference split unless --split stratified. Exit codes: 0 ok, 2 bad input, \
        1 training failure (e.g. divergence).

        Settings for --set KEY=VALUE (the same keys an mlp objective takes):
        """ + MLPSetting.all.map { s in
            "\n  \(([s.name] + s.aliases).joined(separator: ", ")): \(s.help); \(s.expected)"
        }.joined())

    @Option(help: "Dataset: shipped name, CSV path or synthetic spec.") var dataset: String
    @Option(help: "Target column of a CSV file (default: 'target', else the last column).") var target: String?
    @Option(help: "Hidden layer count.") var layers: Int = 2
    @Option(help: "Hidden width, or comma-separated widths per layer (e.g. 256,128).") var nodes: String = "128"
    @Option(help: "relu, tanh, gelu or sigmoid.") var activation: String = "relu"
    @Option(help: "sgd, momentum, nesterov, adam or adamw.") var optimizer: String = "adam"
    @Option(help: "Learning rate.") var lr: Double = 1e-3
    @Option(name: .customLong("batch-size"), help: "Rows per step.") var batchSize: Int = 128
    @Option(help: "Epochs.") var epochs: Int = 50
    @Option(help: "Dropout probability on hidden layers.") var dropout: Double = 0
    @Option(name: .customLong("weight-decay"), help: "Weight decay (weights only).") var weightDecay: Double = 0
    @Option(name: .customLong("weight-decay-kind"), help: "l2 or decoupled (default: decoupled for adamw).") var weightDecayKind: String?
    @Option(help: "Momentum for momentum/nesterov.") var momentum: Double = 0.9
    @Option(help: "constant, cosine or step.") var schedule: String = "constant"
    @Option(help: "torch (PyTorch's nn.Linear default, the default here), he, xavier or auto (He for relu/gelu, Xavier for tanh/sigmoid).") var `init`: String = "torch"
    @Option(help: "auto, fixed or stratified.") var split: String = "auto"
    @Option(help: "Seed for init, shuffling, dropout and split.") var seed: Int = 0
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Any MLP setting as KEY=VALUE (repeatable; the keys of an mlp objective, e.g. lr=0.01, nodes_2=64, gamma=0.5); overrides the options above.",
        valueName: "key=value")) var settings: [String] = []
    @Option(help: "OpenBLAS threads.") var threads: Int = 1
    @Option(help: "Write the final checkpoint here.") var save: String?
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func run() throws {
        var config = MLPConfiguration()
        var values: [String: any HyperparameterValue] = [
            "layers": layers, "nodes": nodes, "activation": activation, "optimizer": optimizer, "lr": lr,
            "batch_size": batchSize, "epochs": epochs, "dropout": dropout, "weight_decay": weightDecay,
            "momentum": momentum, "schedule": schedule, "init": self.`init`, "split": split, "seed": seed,
        ]
        if let weightDecayKind { values["weight_decay_kind"] = weightDecayKind }
        let overrides = settings
        let json = self.json
        try guarded {
            guard (1...1_000_000).contains(epochs) else {
                throw InputError(message: "--epochs must be in 1...1000000, got \(epochs)" + (epochs == 0 ? " (0 epochs trains nothing)" : ""))
            }
            guard (1...256).contains(threads) else { throw InputError(message: "--threads must be in 1...256, got \(threads)") }
            let overridden = try TrainCommand.override(&values, with: overrides)
            try config.apply(values)
            let shapeSet = overridden.contains { ["layers", "nodes", "nodes_<i>"].contains($0) }
            if !shapeSet, !nodes.contains(",") && config.hiddenWidths.count != layers {
                try config.set("layers", layers)
            }
            if !shapeSet, nodes.contains(","), config.hiddenWidths.count != layers {
                throw MLPConfigurationError.invalid(key: "nodes", value: nodes,
                                                    expected: "\(layers) widths (one per layer, --layers \(layers))")
            }
            let run = TrainingRun(dataset: dataset, targetColumn: target, configuration: config,
                                  threads: threads, savePath: save)
            let summary = try run.run { m in
                guard !json else { return }
                if m.epoch == 1 { print("epoch  train_loss  val_loss  metric      samples/s") }
                let metric = m.validationAccuracy.map { String(format: "acc %.4f", $0) }
                    ?? String(format: "rmse %.3f", m.validationRMSE ?? .nan)
                print(String(format: "%5d  %10.5f  %8.5f  %-10@  %9.0f", m.epoch, m.trainLoss, m.validationLoss,
                             metric, m.samplesPerSecond))
            }
            if json {
                print(summary.json())
            } else if let f = summary.final {
                let metric = f.validationAccuracy.map { String(format: "val_accuracy %.4f", $0) }
                    ?? String(format: "val_rmse %.4f, val_r2 %.4f", f.validationRMSE ?? .nan, f.validationR2 ?? .nan)
                print("\(summary.dataset): \(summary.trainingRows) train / \(summary.validationRows) val rows, "
                      + "\(summary.parameterCount) parameters; \(metric); median \(Int(summary.medianSamplesPerSecond ?? 0)) samples/s")
                if let save { print("checkpoint written to \(save)") }
            }
        }
    }

    /// Puts each `KEY=VALUE` of `--set` into `values` under the setting's canonical name (so
    /// `--set learning_rate=0.1` replaces `--lr`); returns the canonical names set. Unknown keys are
    /// refused by ``MLPConfiguration/set(_:_:)`` with the same message a config file gets.
    static func override(_ values: inout [String: any HyperparameterValue], with settings: [String]) throws -> [String] {
        var names: [String] = []
        for item in settings {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw InputError(message: "--set expects KEY=VALUE (e.g. --set lr=0.01), got '\(item)'")
            }
            let key = String(item[..<eq]), value = String(item[item.index(after: eq)...])
            guard let setting = MLPSetting.named(key) else { throw MLPSetting.unknown(key) }
            let name = setting.isIndexed ? key.lowercased() : setting.name
            values[name] = value
            names.append(setting.name)
        }
        return names
    }
}
