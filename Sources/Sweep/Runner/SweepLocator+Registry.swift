import Foundation
import SweepCore
import SweepNN
import SweepStore

/// Why a trial's model cannot be registered.
public enum ModelRegistrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The trial is not complete (running, pruned, failed, waiting).
    case trialNotComplete(sweep: String, trial: Int, state: String)
    /// The trial has no stored checkpoint.
    case noCheckpoint(sweep: String, trial: Int)
    /// The stored checkpoint is older than the trial's last epoch.
    case staleCheckpoint(sweep: String, trial: Int, checkpointEpoch: Int, lastEpoch: Int)

    public var description: String {
        switch self {
        case let .trialNotComplete(sweep, trial, state):
            return "trial #\(trial) of sweep '\(sweep)' is \(state); only complete trials can be registered (omit --trial for the best one)"
        case let .noCheckpoint(sweep, trial):
            return "trial #\(trial) of sweep '\(sweep)' has no stored checkpoint (was it told from outside?)"
        case let .staleCheckpoint(sweep, trial, c, last):
            return "trial #\(trial) of sweep '\(sweep)' has a checkpoint at epoch \(c), older than its last epoch \(last)"
        }
    }
}

extension StorageLocation {
    /// Opens an existing store as a model registry (a missing SQLite file is not created).
    /// - Throws: ``RegistryError/noSuchFile(path:)``, ``RegistryError/unsupported(location:)`` for `memory`,
    ///   storage errors.
    public func openRegistry() throws -> any ModelRegistry {
        if case let .sqlite(path) = self, !FileManager.default.fileExists(atPath: path) {
            throw RegistryError.noSuchFile(path: path)
        }
        guard let registry = try open() as? any ModelRegistry else { throw RegistryError.unsupported(location: description) }
        return registry
    }
}

extension SweepLocator {
    /// The registry in this sweep's store.
    public func registry() throws -> any ModelRegistry {
        guard let registry = storage as? any ModelRegistry else { throw RegistryError.unsupported(location: storage.location) }
        return registry
    }

    /// Registers the model of trial `trial` (default: the best complete trial) of an `mlp` sweep as the
    /// next version of `name` in this sweep's store, with its lineage: sweep, trial, parameters, the
    /// metric at the checkpoint's epoch, dataset name and content hash, and ``SweepVersion/version``.
    ///
    /// The stored checkpoint is verified (checksum, and that it holds the trial's last epoch) first.
    /// - Throws: ``BestModelError`` (not an mlp sweep, no complete trial), ``ModelRegistrationError``,
    ///   ``CheckpointError``, ``RegistryError``, storage errors. Nothing is stored on failure.
    public func registerModel(_ name: String, trial number: Int? = nil) throws -> ModelVersion {
        try ModelReference.checkName(name)
        let config = try config()
        guard config.objective.kind == MLPObjectiveSpec.kind else {
            throw BestModelError.notAnMLPSweep(sweep: record.name, kind: config.objective.kind)
        }
        let registry = try registry()
        let trial: Trial
        if let number {
            guard let found = try storage.trial(study: record.id, number: number) else {
                throw StorageError.trialNotFound(study: record.name, number: number)
            }
            guard found.state == .complete else {
                throw ModelRegistrationError.trialNotComplete(sweep: record.name, trial: number, state: found.state.rawValue)
            }
            trial = found
        } else {
            guard let best = try storage.trials(study: record.id).best(record.direction) else {
                throw BestModelError.noCompleteTrial(sweep: record.name)
            }
            trial = best
        }
        guard let stored = try storage.checkpoint(study: record.id, trial: trial.number) else {
            throw ModelRegistrationError.noCheckpoint(sweep: record.name, trial: trial.number)
        }
        let checkpoint = try MLPCheckpoint(data: stored.data, source: "the stored checkpoint of trial \(trial.number)")
        if let last = trial.intermediateValues.keys.max(), checkpoint.epoch < last {
            throw ModelRegistrationError.staleCheckpoint(sweep: record.name, trial: trial.number,
                                                         checkpointEpoch: checkpoint.epoch, lastEpoch: last)
        }
        var metrics: [String: Double] = ["epoch": Double(checkpoint.epoch)]
        if let value = trial.value { metrics[config.metric.name] = value }
        let lineage = ModelLineage(sweep: record.name, trial: trial.number, params: trial.params, metrics: metrics,
                                   datasetName: checkpoint.datasetName, datasetHash: checkpoint.datasetFingerprint,
                                   codeVersion: "sweep \(SweepVersion.version)")
        return try registry.registerModel(name, checkpoint: stored.data, lineage: lineage)
    }
}
