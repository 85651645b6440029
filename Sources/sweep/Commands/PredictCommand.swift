import ArgumentParser
import Foundation
import Sweep

/// `sweep predict`: apply a saved model to a CSV file. Parsing and printing only; the work is
/// `PredictionRun` in SweepNN.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a model saved by `sweep train --save`.",
        discussion: "Writes CSV: row,prediction[,p_<class>...]. Exit codes: 0 ok, 2 bad input (bad CSV, corrupt checkpoint).")

    @Option(help: "Checkpoint written by `sweep train --save`.") var model: String
    @Option(help: "CSV file with the model's feature columns (a target column is ignored).") var data: String
    @Option(help: "Write the predictions here instead of stdout.") var output: String?

    func run() throws {
        try guarded {
            let csv = try PredictionRun(modelPath: model, dataPath: data).run()
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
