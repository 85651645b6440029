import Foundation
import SweepCore
import SweepMath
import SweepNN
import SweepStore

/// `sweep retrain`: retrains a registered model's configuration on new data, scores champion and
/// challenger on the same held-out rows, registers the challenger and, if asked, promotes it.
///
/// Steps:
/// 1. Resolve ``reference`` in the registry and read its checkpoint (configuration, feature and
///    target names, the standardiser fitted when it was trained).
/// 2. Load ``dataPath`` laid out for that model (its feature columns, its classes) and split it with a
///    seeded stratified split (``DataSplit``, validation fraction ``holdout``, seed ``seed``) into
///    training and held-out rows.
/// 3. Train the recorded configuration unchanged (epochs, optimizer, seed, …) on the training rows;
///    the trainer again splits them into its own training and validation rows and fits its own
///    standardiser on its training rows, as every `mlp` trial does. A `fixed` split (digits' shipped
///    one) becomes `stratified`, since new data ships none.
/// 4. Score the champion (as registered, with its recorded standardiser) and the challenger on the
///    held-out rows with ``HoldoutMetric`` (the metric the version was registered with).
/// 5. Register the challenger as the next version with lineage: the parent's sweep, trial and
///    params; metrics `epoch`, the challenger's own validation metric, `holdout_<metric>`,
///    `champion_holdout_<metric>`, `holdout_rows` and `parent_version`; the data file's path and the
///    content hash of the rows read (``Dataset/fingerprint`` in hex).
/// 6. With ``promoteIfBetter``, point ``alias`` at the challenger when it wins by ≥ ``margin``.
///
/// Deterministic: the same registry version, data, seed and BLAS thread count give the same
/// challenger bit for bit. Bad input throws before anything is stored.
public struct Retrainer: Sendable {
    public var reference: ModelReference
    /// CSV file with the model's feature columns and its target column.
    public var dataPath: String
    /// Target column; nil means the model's own target name.
    public var targetColumn: String?
    /// Share of rows held out for the comparison, in (0, 1).
    public var holdout: Double = 0.2
    /// Seeds the held-out split (the training itself uses the recorded configuration's seed).
    public var seed: UInt64 = 0
    /// How much better (metric units, ≥ 0) the challenger must score to be promoted.
    public var margin: Double = 0.005
    public var promoteIfBetter = false
    /// The alias to move; nil means the alias in ``reference``, else `production`.
    public var alias: String?
    /// OpenBLAS threads for training.
    public var threads = 1

    public init(reference: ModelReference, dataPath: String) {
        self.reference = reference
        self.dataPath = dataPath
    }

    /// The alias ``promoteIfBetter`` moves.
    public var promotedAlias: String {
        if let alias { return alias }
        if case let .alias(a) = reference.selector { return a }
        return "production"
    }

    /// Runs every step against `registry`.
    /// - Throws: ``RetrainError``, ``DatasetError``, ``RegistryError``, ``CheckpointError`` (bad input),
    ///   ``TrainingError`` (the challenger diverged), storage errors. Nothing is registered on failure.
    public func run(registry: any ModelRegistry) throws -> RetrainOutcome {
        guard holdout > 0, holdout < 1 else {
            throw RetrainError.badOption(name: "holdout", value: "\(holdout)", expected: "a share of rows in (0, 1), e.g. 0.2")
        }
        guard margin.isFinite, margin >= 0 else {
            throw RetrainError.badOption(name: "margin", value: "\(margin)", expected: "a finite number ≥ 0 in the metric's units")
        }
        guard (1...256).contains(threads) else {
            throw RetrainError.badOption(name: "threads", value: "\(threads)", expected: "1...256")
        }
        let alias = promotedAlias
        try ModelReference.checkAlias(alias)
        let parent = try registry.resolve(reference)
        let source = "\(parent.model)@\(parent.version)"
        let checkpoint = try MLPCheckpoint(data: try registry.modelCheckpoint(model: parent.model, version: parent.version), source: source)
        let champion = checkpoint.model
        let data = try RetrainData(path: dataPath, targetColumn: targetColumn, model: champion)
        let split = try DataSplit(dataset: data.dataset, strategy: .stratified, validationFraction: holdout, seed: seed)
        let held = data.subset(split.validation, name: dataPath)
        let training = data.subset(split.training, name: dataPath)

        var configuration = checkpoint.configuration
        if configuration.split == .fixed { configuration.split = .stratified }
        BLASThreads.setThreadCount(threads)
        let trainer = try MLPTrainer(configuration: configuration, dataset: training)
        let history = try trainer.run()

        let metric = HoldoutMetric(lineageMetrics: parent.lineage.metrics, task: champion.task)
        let comparison = ChampionChallenger(
            metric: metric,
            champion: metric.evaluate(champion, features: held.features, rows: held.rowCount, target: held.target),
            challenger: metric.evaluate(trainer.model, features: held.features, rows: held.rowCount, target: held.target),
            margin: margin)

        var metrics: [String: Double] = [
            "epoch": Double(trainer.epoch),
            "holdout_\(metric.name)": comparison.challenger,
            "champion_holdout_\(metric.name)": comparison.champion,
            "holdout_rows": Double(held.rowCount),
            "parent_version": Double(parent.version),
        ]
        if let own = history.last.flatMap({ Self.validation(metric.name, of: $0) }) { metrics[metric.name] = own }
        let lineage = ModelLineage(
            sweep: parent.lineage.sweep, trial: parent.lineage.trial, params: parent.lineage.params, metrics: metrics,
            datasetName: dataPath, datasetHash: String(data.dataset.fingerprint, radix: 16),
            codeVersion: "sweep \(SweepVersion.version)")
        let registered = try registry.registerModel(parent.model, checkpoint: trainer.checkpoint(), lineage: lineage)

        var promoted = false
        if promoteIfBetter && comparison.challengerWins {
            try registry.setModelAlias(model: parent.model, alias: alias, version: registered.version)
            promoted = true
        }
        let aliasTarget = try registry.modelPointers()[parent.model]?.aliases[alias]
        let challenger = try registry.resolve(ModelReference(name: parent.model, selector: .version(registered.version)))
        return RetrainOutcome(champion: parent, challenger: challenger, comparison: comparison,
                              trainingRows: trainer.trainingRowCount, validationRows: trainer.validationRowCount,
                              heldOutRows: held.rowCount, alias: alias, aliasVersion: aliasTarget,
                              promotionRequested: promoteIfBetter, promoted: promoted)
    }

    /// The trainer's own validation value of `metric` at an epoch, if it reports it.
    static func validation(_ metric: String, of m: EpochMetrics) -> Double? {
        switch metric {
        case "val_accuracy": return m.validationAccuracy
        case "val_loss": return m.validationLoss
        case "val_rmse": return m.validationRMSE
        case "val_r2": return m.validationR2
        default: return nil
        }
    }
}
