import Foundation
import SweepCore

/// Where a registered model came from: the sweep and trial that trained it, with what it was trained on.
public struct ModelLineage: Sendable, Equatable {
    /// Name of the sweep (study) that trained the model.
    public var sweep: String
    /// Trial number within that sweep.
    public var trial: Int
    /// The trial's hyperparameters.
    public var params: [String: ParameterValue]
    /// Metric name → value (the sweep's metric at the checkpoint's epoch, plus `epoch`).
    public var metrics: [String: Double]
    /// Dataset name as the sweep gave it (shipped name, CSV path or synthetic spec).
    public var datasetName: String
    /// Content hash of the training data (64-bit FNV-1a of shapes, features and targets, hex).
    public var datasetHash: String
    /// Version of the sweep binary that registered it.
    public var codeVersion: String

    public init(sweep: String, trial: Int, params: [String: ParameterValue], metrics: [String: Double],
                datasetName: String, datasetHash: String, codeVersion: String) {
        self.sweep = sweep
        self.trial = trial
        self.params = params
        self.metrics = metrics
        self.datasetName = datasetName
        self.datasetHash = datasetHash
        self.codeVersion = codeVersion
    }
}

/// One stored version of a registered model (without its checkpoint bytes; see
/// ``ModelRegistry/modelCheckpoint(model:version:)``).
public struct ModelVersion: Sendable, Equatable {
    /// Model name.
    public var model: String
    /// Version number: 1, 2, … per model, never reused after a delete.
    public var version: Int
    public var lineage: ModelLineage
    /// SHA-256 of the checkpoint bytes, lowercase hex; checked on every read.
    public var checksum: String
    /// Checkpoint size in bytes.
    public var size: Int
    /// When it was registered (store clock).
    public var createdAt: Date
    /// Aliases pointing at this version, sorted.
    public var aliases: [String]

    public init(model: String, version: Int, lineage: ModelLineage, checksum: String, size: Int, createdAt: Date, aliases: [String]) {
        self.model = model
        self.version = version
        self.lineage = lineage
        self.checksum = checksum
        self.size = size
        self.createdAt = createdAt
        self.aliases = aliases
    }
}
