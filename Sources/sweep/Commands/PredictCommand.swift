import ArgumentParser
import Foundation
import Sweep
import SweepStore

/// `sweep predict`: apply a saved model to a CSV file. Parsing and printing only; the work is
/// `PredictionRun` in SweepNN.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a model saved by `sweep train --save`.",
        discussion: "Writes CSV: row,prediction[,p_<class>...]. Exit codes: 0 ok, 2 bad input (bad CSV, corrupt checkpoint).")

    @Option(help: "Checkpoint written by `sweep train --save`, or with --storage a registered model: NAME, NAME@VERSION or NAME@ALIAS.")
    var model: String
    @Option(help: "The model registry's storage (SQLite file or postgresql:// URL); --model is then a registered model.")
    var storage: String?
    @Option(help: "CSV file with the model's feature columns (a target column is ignored).") var data: String
    @Option(help: "Write the predictions here instead of stdout.") var output: String?

    func run() throws {
        try guarded {
            let run = PredictionRun(modelPath: model, dataPath: data)
            let csv: String
            if let storage {
                let registry = try StorageLocation.parse(storage, sweepName: "").openRegistry()
                let version = try registry.resolve(try ModelReference(parsing: model))
                let checkpoint = try registry.modelCheckpoint(model: version.model, version: version.version)
                csv = try run.run(model: try MLPCheckpoint(data: checkpoint, source: "\(version.model)@\(version.version)").model)
            } else {
                if model.contains("@") && !FileManager.default.fileExists(atPath: model) {
                    throw InputError(message: "no checkpoint file '\(model)'; for a registered model add --storage (the registry's SQLite file or URL)")
                }
                csv = try run.run()
            }
            if let output {
                do {
                    try csv.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    throw DatasetError.unreadable(source: output, reason: "cannot write: \(error.localizedDescription)")
                }
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
