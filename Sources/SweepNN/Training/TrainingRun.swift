import Foundation
import SweepMath

/// A whole `sweep train` run: load the data, train every epoch, optionally save a checkpoint.
/// The CLI only parses flags into this and prints what it reports.
public struct TrainingRun: Sendable {
    /// Dataset spec as ``DatasetSource/init(parsing:targetColumn:)`` reads it.
    public var dataset: String
    public var targetColumn: String?
    public var configuration: MLPConfiguration
    /// OpenBLAS threads for this process (results are bit-identical for the same count).
    public var threads: Int = 1
    /// Where to write the final checkpoint, if anywhere.
    public var savePath: String?

    public init(dataset: String, targetColumn: String? = nil, configuration: MLPConfiguration,
                threads: Int = 1, savePath: String? = nil) {
        self.dataset = dataset
        self.targetColumn = targetColumn
        self.configuration = configuration
        self.threads = threads
        self.savePath = savePath
    }

    /// Runs to the configured epoch count, calling `onEpoch` after each epoch.
    /// - Throws: ``DatasetError``, ``MLPConfigurationError`` (bad input), ``TrainingError``
    ///   (divergence), ``CheckpointError`` (saving).
    public func run(onEpoch: (EpochMetrics) -> Void = { _ in }) throws -> TrainingSummary {
        BLASThreads.setThreadCount(threads)
        let data = try DatasetSource(parsing: dataset, targetColumn: targetColumn).load()
        let trainer = try MLPTrainer(configuration: configuration, dataset: data)
        let history = try trainer.run(onEpoch: onEpoch)
        if let savePath {
            try MLPCheckpoint.write(trainer.checkpoint(), to: savePath)
        }
        return TrainingSummary(dataset: data.name, task: data.task, trainingRows: trainer.trainingRowCount,
                               validationRows: trainer.validationRowCount, parameterCount: trainer.parameterCount,
                               threads: threads, configuration: configuration, epochs: history,
                               checkpoint: savePath)
    }
}

/// What ``TrainingRun/run(onEpoch:)`` reports (and `sweep train --json` prints).
public struct TrainingSummary: Sendable, Codable, Equatable {
    public var dataset: String
    public var task: TaskKind
    public var trainingRows: Int
    public var validationRows: Int
    public var parameterCount: Int
    public var threads: Int
    public var configuration: MLPConfiguration
    public var epochs: [EpochMetrics]
    public var checkpoint: String?

    /// The last epoch's metrics (nil for a zero-epoch run).
    public var final: EpochMetrics? { epochs.last }

    /// Median training throughput (rows/s) over epochs 2… (epoch 1 includes warm-up), as the
    /// PyTorch reference figures are taken; nil with fewer than 2 epochs.
    public var medianSamplesPerSecond: Double? {
        let rates = epochs.dropFirst().map(\.samplesPerSecond).sorted()
        guard !rates.isEmpty else { return nil }
        let mid = rates.count / 2
        return rates.count % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2
    }

    /// One JSON object (snake_case keys), the form `sweep train --json` prints.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var object = (try? JSONSerialization.jsonObject(with: encoder.encode(self))) as? [String: Any] ?? [:]
        if let rate = medianSamplesPerSecond { object["median_samples_per_second"] = rate }
        if let final { object["final"] = (try? JSONSerialization.jsonObject(with: encoder.encode(final))) ?? NSNull() }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
