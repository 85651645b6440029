/// Why training stopped. A trainer that threw ``diverged(epoch:batch:loss:)`` or
/// ``cancelled(epoch:batch:)`` is left mid-epoch and refuses further epochs; restore a checkpoint
/// to continue.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The loss became NaN or ±inf in batch `batch` (1-based) of epoch `epoch` (1-based).
    case diverged(epoch: Int, batch: Int, loss: Double)
    /// ``MLPTrainer/shouldStop`` returned true before batch `batch` of epoch `epoch`.
    case cancelled(epoch: Int, batch: Int)
    /// The trainer was already stopped by an error or a cancellation.
    case unusable(reason: String)
    /// The metric does not exist for this task (e.g. `val_accuracy` on regression).
    case metricNotApplicable(metric: String, task: TaskKind)

    public var description: String {
        switch self {
        case let .diverged(epoch, batch, loss):
            return "training diverged: loss \(loss) at epoch \(epoch), batch \(batch); lower the learning rate, or add weight decay / gradient-friendlier settings"
        case let .cancelled(epoch, batch):
            return "training cancelled before batch \(batch) of epoch \(epoch)"
        case let .unusable(reason):
            return "this trainer cannot continue (\(reason)); restore it from a checkpoint"
        case let .metricNotApplicable(metric, task):
            return "metric '\(metric)' does not apply to a \(task.rawValue) dataset; use \(MLPMetric.allCases.filter { $0.applies(to: task) }.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
