import Foundation
import SweepNN

/// Checks an `mlp` objective's data the way a run loads it, so `sweep validate` refuses what `sweep run`
/// would (with the file, line and key): an unknown dataset name, a missing CSV or target column, a
/// metric the task does not report (accuracy on a regression set). Nothing is trained.
enum MLPDatasetCheck {
    /// - Parameter readFiles: also read a CSV dataset (existence, header, task); without it only the
    ///   checks that need no file are made (stored configs are re-parsed where the CSV may be gone).
    static func check(_ spec: MLPObjectiveSpec, metric: String, objective: ConfigNode, metricNode: ConfigNode?,
                      readFiles: Bool) throws {
        let fields = Dictionary(uniqueKeysWithValues: try objective.entries().map { ($0.key, $0.value) })
        let datasetNode = fields["dataset"] ?? objective
        let targetNode = fields["target"] ?? datasetNode
        let source: DatasetSource
        do {
            source = try DatasetSource(parsing: spec.dataset, targetColumn: spec.settings["target"]?.string)
        } catch {
            throw datasetNode.error("\(error)")
        }
        let task: TaskKind
        switch source {
        case let .shipped(shipped):
            task = shipped.task
        case .synthetic:
            return
        case let .csv(path, target):
            guard readFiles else { return }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw datasetNode.error("CSV file '\(path)' does not exist (a relative path is read from the directory sweep runs in)")
            }
            guard !isDirectory.boolValue else { throw datasetNode.error("'\(path)' is a directory, not a CSV file") }
            do {
                task = try Dataset.loadCSV(path: path, targetColumn: target).task
            } catch let error as DatasetError {
                if case .missingTargetColumn = error { throw targetNode.error("\(error)") }
                throw datasetNode.error("\(error)")
            }
        }
        if let m = MLPMetric(rawValue: metric), !m.applies(to: task) {
            throw (metricNode ?? objective).error("\(TrainingError.metricNotApplicable(metric: metric, task: task))")
        }
    }
}
