import Foundation
import SweepCore
import SweepNN

/// The metric champion and challenger are compared on, computed on held-out rows of the new data.
///
/// Names follow the `mlp` objective's metrics: `val_accuracy` (share of rows whose predicted class
/// is the true one, in [0, 1], maximised), `val_loss` (mean cross-entropy in nats for classifiers,
/// mean squared error in the target's units for regressors; minimised), `val_rmse` (root mean
/// squared error in the target's units, minimised) and `val_r2` (coefficient of determination,
/// maximised).
public struct HoldoutMetric: Sendable, Equatable {
    public var name: String
    public var goal: Direction

    /// The metrics ``evaluate(_:features:rows:target:)`` computes.
    public static let known = ["val_accuracy", "val_loss", "val_rmse", "val_r2"]

    /// The metric a registered version was selected on (its lineage's metric other than `epoch`),
    /// or the task's default (`val_accuracy` for classifiers, `val_rmse` for regressors) when the
    /// lineage names none that can be computed here.
    public init(lineageMetrics: [String: Double], task: TaskKind) {
        let recorded = lineageMetrics.keys.sorted().first { Self.known.contains($0) }
        let usable = recorded.flatMap { name -> String? in
            if task == .classification && (name == "val_rmse" || name == "val_r2") { return nil }
            if task == .regression && name == "val_accuracy" { return nil }
            return name
        }
        name = usable ?? (task == .classification ? "val_accuracy" : "val_rmse")
        goal = name == "val_accuracy" || name == "val_r2" ? .maximize : .minimize
    }

    /// The metric of `model` on `rows` rows of raw features (row-major, the model's feature order)
    /// against `target` (class indices in the model's class order, or values in target units).
    /// Always finite: a probability of 0 for the true class counts as `Float.leastNormalMagnitude`.
    public func evaluate(_ model: MLPModel, features: [Float], rows: Int, target: DatasetTarget) -> Double {
        let predictions = model.predict(features: features, rows: rows)
        let n = Double(max(rows, 1))
        switch (predictions, target) {
        case let (.classes(indices, names, probabilities), .classes(truth, _)):
            if name == "val_loss" {
                let k = names.count
                var sum = 0.0
                for r in 0..<rows {
                    let p = max(probabilities[r * k + Int(truth[r])], Float.leastNormalMagnitude)
                    sum -= log(Double(p))
                }
                return sum / n
            }
            return Double(zip(indices, truth).filter { $0 == Int($1) }.count) / n
        case let (.values(predicted), .values(truth)):
            var squared = 0.0, sum = 0.0, sumSquares = 0.0
            for (p, t) in zip(predicted, truth) {
                squared += (p - t) * (p - t)
                sum += t
                sumSquares += t * t
            }
            switch name {
            case "val_loss": return squared / n
            case "val_r2":
                let total = sumSquares - sum * sum / n
                return total > 0 ? 1 - squared / total : 0
            default: return (squared / n).squareRoot()
            }
        default:
            // The retrainer builds the target for the model's task; a mismatch cannot score.
            return goal == .maximize ? -Double.greatestFiniteMagnitude : Double.greatestFiniteMagnitude
        }
    }
}
