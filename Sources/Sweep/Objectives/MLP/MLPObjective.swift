import Foundation
import SweepCore
import SweepMath
import SweepNN

/// Trains the built-in MLP (``MLPTrainer``) for each trial and returns a validation metric.
///
/// - Settings: the objective's fixed settings, then the trial's parameters of the same names, go
///   through ``MLPConfiguration/set(_:_:)`` (`lr`, `layers`, `nodes`, `batch_size`, `activation`,
///   `optimizer`, `dropout`, `weight_decay`, `epochs`, …).
/// - Seed: unless `seed` is fixed in the settings, each trial trains with its own seed derived from the
///   study seed and the trial number, so trials are independent and reproducible.
/// - Every epoch: train, then save a checkpoint (model, optimizer and RNG state) and report the metric
///   as the intermediate value for that epoch in one storage transaction (the report may prune the
///   trial, or pause it at a rung of successive halving). A trial that resumes — after an interruption, or when promoted to a higher
///   rung — continues from its checkpoint and trains bit-identically to an uninterrupted run.
/// - Log: with a log directory, every epoch appends a line to `trial-<number>.log` (UTC time with
///   microseconds, epoch, losses, accuracies, seconds), the same file a command objective writes.
/// - Result: the metric after the last epoch (the model you would keep), not the best epoch's.
/// - A diverging run (NaN/inf loss or metric) fails the trial with the epoch and batch; Ctrl-C stops
///   at the next batch boundary and the trial resumes from its last epoch checkpoint.
public struct MLPObjective: Objective {
    /// The data (loaded once per sweep; shared read-only by all workers).
    public let dataset: Dataset
    /// Settings every trial starts from.
    public let base: MLPConfiguration
    /// The optimised metric.
    public let metric: MLPMetric
    /// Whether `seed` was fixed by the settings (otherwise each trial derives its own).
    public let fixedSeed: Bool
    /// Where per-trial epoch logs go (`nil`: no logs).
    public let logDirectory: URL?
    /// Which cost metrics each trial records (``MLPCostMode``; setting `cost`, default `measured`).
    public let cost: MLPCostMode

    /// Builds the objective from an `mlp` spec and the sweep's metric name.
    /// - Throws: ``ConfigError`` for unknown settings or metrics, ``DatasetError`` for unreadable data.
    public init(spec: MLPObjectiveSpec, metric: String, file: String = "<config>", logDirectory: URL? = nil) throws {
        guard let m = MLPMetric(rawValue: metric) else {
            throw ConfigError.invalid(file: file, line: nil, key: "metric.name",
                                      message: "an mlp objective reports \(MLPMetric.allCases.map(\.rawValue).joined(separator: ", ")); '\(metric)' is not one of them")
        }
        var config = MLPConfiguration()
        for (key, value) in spec.settings.sorted(by: { $0.key < $1.key }) where !MLPSettings.objectiveKeys.contains(key) {
            do {
                try config.set(key, value)
            } catch {
                throw ConfigError.invalid(file: file, line: nil, key: "objective.\(key)", message: "\(error)")
            }
        }
        let source = try DatasetSource(parsing: spec.dataset, targetColumn: spec.settings["target"]?.string)
        self.dataset = try source.load()
        guard m.applies(to: dataset.task) else {
            throw ConfigError.invalid(file: file, line: nil, key: "metric.name",
                                      message: "\(TrainingError.metricNotApplicable(metric: metric, task: dataset.task))")
        }
        self.base = config
        self.metric = m
        self.fixedSeed = spec.settings["seed"] != nil
        self.logDirectory = logDirectory
        self.cost = try MLPObjective.costMode(spec, file: file)
    }

    /// The configuration of `trial`: base settings, its parameters, its seed.
    public func configuration(for trial: RunningTrial) throws -> MLPConfiguration {
        var config = base
        try config.apply(trial.params)
        if !fixedSeed {
            var rng = trial.rng(0x4D4C50)
            config.seed = rng.next() >> 1
        }
        return config
    }

    public func evaluate(_ trial: RunningTrial) throws -> Double {
        let config = try configuration(for: trial)
        let target = min(config.epochs, trial.resource ?? config.epochs)
        var trainer: MLPTrainer?
        if let checkpoint = try trial.loadCheckpoint() {
            do {
                trainer = try MLPTrainer(restoringFrom: checkpoint.data, dataset: dataset, source: "trial \(trial.number)'s checkpoint")
            } catch {
                // An unusable checkpoint costs time, not results: train from the start and say so.
                try trial.setAttributes([TrialAttributeKey.checkpointError: .string("\(error)")])
            }
        }
        if let restored = trainer, restored.epoch > 0, trial.snapshot.intermediateValues[restored.epoch] == nil {
            // A checkpoint without its epoch's value (saved by a version that stored them in two steps and
            // was killed in between): re-derive the value, or retrain when it cannot be re-derived.
            if let v = MLPObjective.rederive(metric, from: restored) {
                try trial.report(step: restored.epoch, value: v)
            } else {
                trainer = nil
                try trial.setAttributes([TrialAttributeKey.checkpointError: .string(
                    "the checkpoint of epoch \(restored.epoch) has no \(metric.rawValue) value; trained again from epoch 0")])
            }
        }
        let t = try trainer ?? MLPTrainer(configuration: config, dataset: dataset)
        t.shouldStop = { trial.isStopRequested }
        try recordCost(of: t, for: trial, final: false)
        var value = trial.snapshot.intermediateValues[t.epoch] ?? .nan
        if t.epoch >= target, t.epoch > 0 {
            // Resumed exactly at the target (stopped between checkpoint and report): report again so a
            // rung boundary still pauses the trial.
            try trial.report(step: t.epoch, value: value)
            try recordCost(of: t, for: trial, final: true)
            return value
        }
        let log = try logDirectory.map { try TrialLog(directory: $0, number: trial.number) }
        defer { log?.close() }
        log?.write("# trial \(trial.number): \(t.epoch == 0 ? "training" : "resuming at epoch \(t.epoch)") to epoch \(target); "
                   + trial.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        while t.epoch < target {
            let metrics: EpochMetrics
            do {
                metrics = try t.trainEpoch()
            } catch TrainingError.cancelled {
                throw TrialInterrupted()
            }
            guard let v = metrics.value(of: metric) else {
                throw TrainingError.metricNotApplicable(metric: metric.rawValue, task: t.task)
            }
            guard v.isFinite else {
                throw ObjectiveFailure(message: "\(metric.rawValue) became \(v) at epoch \(metrics.epoch); lower the learning rate")
            }
            value = v
            log?.write(MLPObjective.logLine(metrics))
            // One transaction: a kill can never leave this epoch's checkpoint without its value.
            try trial.saveCheckpoint(step: t.epoch, data: t.checkpoint(), reporting: v)
        }
        try recordCost(of: t, for: trial, final: true, log: log)
        return value
    }

    /// The value of `metric` for the weights `trainer` holds, when it depends on the weights alone
    /// (validation metrics); nil for training metrics, which are averages over the epoch's batches.
    static func rederive(_ metric: MLPMetric, from trainer: MLPTrainer) -> Double? {
        switch metric {
        case .trainLoss, .trainAccuracy: return nil
        case .validationLoss, .validationAccuracy, .validationRMSE, .validationR2:
            return trainer.validationMetrics().value(of: metric)
        }
    }

    /// One epoch's log line: `<UTC time> epoch=<k> train_loss=… [train_accuracy=…] val_loss=… [val_accuracy=…|val_rmse=… val_r2=…] lr=… seconds=…`.
    static func logLine(_ m: EpochMetrics) -> String {
        var fields = ["epoch=\(m.epoch)", "train_loss=\(m.trainLoss)"]
        if let a = m.trainAccuracy { fields.append("train_accuracy=\(a)") }
        fields.append("val_loss=\(m.validationLoss)")
        if let a = m.validationAccuracy { fields.append("val_accuracy=\(a)") }
        if let r = m.validationRMSE { fields.append("val_rmse=\(r)") }
        if let r = m.validationR2 { fields.append("val_r2=\(r)") }
        fields.append("lr=\(m.learningRate)")
        fields.append("seconds=\(m.seconds)")
        return TrialLog.timestamp() + " " + fields.joined(separator: " ")
    }
}
