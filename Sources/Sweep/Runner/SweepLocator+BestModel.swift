import Foundation
import SweepCore
import SweepNN

/// Why the best model of a sweep cannot be saved.
public enum BestModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The sweep has no complete trial yet.
    case noCompleteTrial(sweep: String)
    /// The sweep's objective is not `mlp`, so there are no model checkpoints.
    case notAnMLPSweep(sweep: String, kind: String)
    /// The best trial has no stored checkpoint (e.g. a trial told from outside).
    case noCheckpoint(sweep: String, trial: Int)
    /// The stored checkpoint is older than the trial's last epoch.
    case staleCheckpoint(sweep: String, trial: Int, checkpointEpoch: Int, lastEpoch: Int)
    /// The output file cannot be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .noCompleteTrial(sweep): return "sweep '\(sweep)' has no complete trial yet"
        case let .notAnMLPSweep(sweep, kind):
            return "sweep '\(sweep)' has a \(kind) objective; only mlp sweeps store models (a command objective keeps its own files)"
        case let .noCheckpoint(sweep, trial):
            return "best trial #\(trial) of sweep '\(sweep)' has no stored checkpoint (was it told from outside?)"
        case let .staleCheckpoint(sweep, trial, c, last):
            return "best trial #\(trial) of sweep '\(sweep)' has a checkpoint at epoch \(c), older than its last epoch \(last)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}

extension SweepLocator {
    /// Writes the model of the best complete trial of an `mlp` sweep to `path`, in the format of
    /// `sweep train --save` (readable by `sweep predict`, ``PredictionRun``).
    ///
    /// The stored checkpoint is verified (checksum, and that it holds the epoch whose metric made the
    /// trial best) before the file is written; the file is replaced atomically.
    /// - Returns: the trial and the checkpoint's epoch.
    /// - Throws: ``BestModelError``, ``CheckpointError`` for a corrupt stored checkpoint, storage errors.
    @discardableResult
    public func saveBestModel(to path: String) throws -> (trial: Trial, epoch: Int) {
        let trials = try storage.trials(study: record.id)
        guard let best = trials.best(record.direction) else {
            try checkMLP()
            throw BestModelError.noCompleteTrial(sweep: record.name)
        }
        return try saveModel(of: best, to: path)
    }

    /// Writes the model of the complete trial `best` of an `mlp` sweep to `path`, checked as
    /// ``saveBestModel(to:)`` checks it (used by `sweep best --pick` to save the picked trade-off).
    /// - Throws: as ``saveBestModel(to:)``.
    @discardableResult
    public func saveModel(of best: Trial, to path: String) throws -> (trial: Trial, epoch: Int) {
        try checkMLP()
        guard let stored = try storage.checkpoint(study: record.id, trial: best.number) else {
            throw BestModelError.noCheckpoint(sweep: record.name, trial: best.number)
        }
        let checkpoint = try MLPCheckpoint(data: stored.data, source: "the stored checkpoint of trial \(best.number)")
        if let last = best.intermediateValues.keys.max(), checkpoint.epoch < last {
            throw BestModelError.staleCheckpoint(sweep: record.name, trial: best.number, checkpointEpoch: checkpoint.epoch, lastEpoch: last)
        }
        do {
            try stored.data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BestModelError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        return (best, checkpoint.epoch)
    }

    /// - Throws: ``BestModelError/notAnMLPSweep(sweep:kind:)`` unless the sweep's objective is `mlp`.
    private func checkMLP() throws {
        let config = try config()
        guard config.objective.kind == MLPObjectiveSpec.kind else {
            throw BestModelError.notAnMLPSweep(sweep: record.name, kind: config.objective.kind)
        }
    }
}
