import Foundation
import SweepCore

extension SweepLocator {
    /// Exports this sweep to the MLflow tracking server at `url` (see ``MLflowExport``): every trial as
    /// a run of `experiment` (default: the sweep's name) and, for `mlp` sweeps, the best trial's
    /// checkpoint (as `sweep best --save-model` writes it) as the artifact `model/best.ckpt` of its run.
    ///
    /// Reads the store only; nothing stored is changed.
    /// - Returns: what was done, and why no model was uploaded when an `mlp` sweep's best trial has no
    ///   usable checkpoint (the runs are exported anyway).
    /// - Throws: ``MLflowError`` (``MLflowError/isInputError`` for a bad URL), storage and config errors.
    public func exportToMLflow(url: String, experiment: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (summary: MLflowExport.Summary, modelNote: String?)
    {
        let client = try MLflowClient(url: url, environment: environment)
        let config = try config()
        let trials = try storage.trials(study: record.id)
        let info = MLflowSweepInfo(name: record.name, method: config.method.name, metric: config.metric.name,
                                   direction: record.direction, createdAt: record.createdAt)
        var model: (trial: Int, data: Data)?
        var note: String?
        if config.objective.kind == MLPObjectiveSpec.kind, trials.best(record.direction) != nil {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("sweep-mlflow-\(ProcessInfo.processInfo.processIdentifier)-\(record.id).ckpt")
            defer { try? FileManager.default.removeItem(at: file) }
            do {
                let saved = try saveBestModel(to: file.path)
                model = (saved.trial.number, try Data(contentsOf: file))
            } catch let error as BestModelError {
                note = "no model uploaded: \(error)"
            }
        }
        let summary = try MLflowExport(client: client, sweep: info).run(trials: trials, experiment: experiment ?? record.name, bestModel: model)
        return (summary, note)
    }
}
