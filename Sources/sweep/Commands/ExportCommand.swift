import ArgumentParser
import Foundation
import Sweep

extension TrialTable.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export all trials (params, values, states, timings) as CSV, JSON or JSON Lines, or to MLflow.",
        discussion: """
            Numbers are exact (shortest round-trip text). csv: one row per trial with param_<name> columns; \
            json: one array of trial objects; jsonl: one trial object per line. \
            --mlflow URL writes every trial as a run of an MLflow experiment through the tracking server's \
            REST API (re-running updates the same runs); credentials go in the URL (http://user:pass@host) \
            or in MLFLOW_TRACKING_TOKEN.
            """)

    @OptionGroup var sweep: SweepTarget

    @Option(name: .long, help: "csv, json or jsonl.")
    var format: TrialTable.Format?

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Export to this MLflow tracking server instead.", valueName: "url"))
    var mlflow: String?

    @Option(name: .long, help: "MLflow experiment (with --mlflow; default: the sweep's name).")
    var experiment: String?

    func validate() throws {
        if mlflow == nil && format == nil { throw ValidationError("pass --format csv|json|jsonl, or --mlflow URL") }
        if mlflow != nil && (format != nil || output != nil) {
            throw ValidationError("--mlflow writes to a server; it does not take --format or --output")
        }
        if mlflow == nil && experiment != nil { throw ValidationError("--experiment goes with --mlflow") }
        if let experiment, experiment.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--experiment must not be empty")
        }
    }

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            if let mlflow {
                try exportToMLflow(located, url: mlflow)
                return
            }
            let trials = try located.storage.trials(study: located.record.id)
            let config = try? located.config()
            let names = TrialTable.parameterNames(trials, space: config?.space)
            let text = TrialTable.export(trials, format: format ?? .csv, parameters: names, metrics: config?.objectives.map(\.name) ?? [])
            guard let output else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw InputError(message: "cannot write \(output): \((error as NSError).localizedDescription); choose a writable path")
            }
        }
    }

    private func exportToMLflow(_ located: SweepLocator, url: String) throws {
        let result: (summary: MLflowExport.Summary, modelNote: String?)
        do {
            result = try located.exportToMLflow(url: url, experiment: experiment)
        } catch let error as MLflowError where error.isInputError {
            throw InputError(message: error.description)
        }
        let s = result.summary
        var line = "exported \(s.runsCreated + s.runsUpdated) trials of '\(located.record.name)' to experiment \(s.experimentID) "
            + "(\(s.runsCreated) new runs, \(s.runsUpdated) updated; \(s.metricPointsLogged) metric points, \(s.paramsLogged) params logged)"
        if let artifact = s.artifact, let run = s.bestRunID { line += "; best model uploaded to run \(run) as \(artifact)" }
        print(line)
        if let note = result.modelNote { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
    }
}
