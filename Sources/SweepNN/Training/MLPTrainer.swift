import Foundation
import SweepMath

/// Trains one MLP on one dataset, an epoch at a time.
///
/// Construction splits the data (``SplitStrategy``), fits the standardiser on the training rows
/// only, initialises weights from stream `(seed, "init")` and allocates every buffer the run needs;
/// ``trainEpoch()`` then allocates nothing per step. Shuffling uses stream `(seed, "shuffle")`
/// (each epoch permutes the identity afresh, so the generator state is the whole shuffle state),
/// dropout `(seed, "dropout")`.
///
/// Determinism: the same configuration, data and BLAS thread count give bit-identical weights
/// and metrics; ``checkpoint()`` after epoch k and ``init(restoringFrom:dataset:)`` continue
/// exactly as the uninterrupted run would.
///
/// Threading: not thread-safe and not `Sendable`; create it on the thread that trains (its
/// inputs, ``MLPConfiguration`` and ``Dataset``, are `Sendable`). Set the BLAS thread count
/// (`BLASThreads.setThreadCount(1)` per worker) before training.
public final class MLPTrainer {
    public let configuration: MLPConfiguration
    public let task: TaskKind
    public let datasetName: String
    public let layout: NetworkLayout
    /// Rows in the training and validation splits.
    public let trainingRowCount: Int
    public let validationRowCount: Int
    /// Epochs completed.
    public private(set) var epoch: Int = 0
    /// Training rows processed so far (all epochs, across resumes).
    public private(set) var samplesSeen: Int = 0
    /// Checked before every batch; returning true ends ``trainEpoch()`` with
    /// ``TrainingError/cancelled(epoch:batch:)``. Cheap to call, called from the training thread.
    public var shouldStop: (@Sendable () -> Bool)?

    let featureNames: [String]
    let targetName: String
    let datasetFingerprint: UInt64
    let standardizer: Standardizer
    let output: ModelOutput
    let engine: NetworkEngine<Float>
    let optimizer: Optimizer
    var shuffleRNG: Xoshiro256StarStar
    /// One element, so the engine can take a stable pointer.
    let dropoutRNG: Buffer<Xoshiro256StarStar>

    private let trainX: Buffer<Float>
    private let trainLabels: Buffer<Int32>
    private let trainTargets: Buffer<Float>
    private let validationX: Buffer<Float>
    private let validationLabels: Buffer<Int32>
    private let validationTargets: Buffer<Float>
    private let batchX: Buffer<Float>
    private let batchLabels: Buffer<Int32>
    private let batchTargets: Buffer<Float>
    private var permutation: [Int]
    private var failure: String?

    /// Prepares a run.
    /// - Throws: ``MLPConfigurationError`` for bad settings, ``DatasetError`` for a split that
    ///   cannot be made.
    public init(configuration: MLPConfiguration, dataset: Dataset) throws {
        try configuration.validate()
        self.configuration = configuration
        task = dataset.task
        datasetName = dataset.name
        featureNames = dataset.featureNames
        targetName = dataset.targetName
        datasetFingerprint = dataset.fingerprint

        let split = try DataSplit(dataset: dataset, strategy: configuration.split,
                                  validationFraction: configuration.validationFraction, seed: configuration.seed)
        trainingRowCount = split.training.count
        validationRowCount = split.validation.count
        let d = dataset.featureCount
        standardizer = Standardizer(fitting: dataset.features, columns: d, rows: split.training)
        trainX = Buffer(standardizer.transform(dataset.features, columns: d, rows: split.training))
        validationX = Buffer(standardizer.transform(dataset.features, columns: d, rows: split.validation))

        let outputCount: Int
        switch dataset.target {
        case let .classes(indices, names):
            outputCount = names.count
            output = .classes(names: names)
            trainLabels = Buffer(split.training.map { indices[$0] })
            validationLabels = Buffer(split.validation.map { indices[$0] })
            trainTargets = Buffer(count: 0, repeating: 0)
            validationTargets = Buffer(count: 0, repeating: 0)
        case let .values(values):
            outputCount = 1
            let train = split.training.map { values[$0] }
            let mean = train.reduce(0, +) / Double(train.count)
            let sd = (train.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(train.count)).squareRoot()
            let scale = sd > 1e-12 ? sd : 1
            output = .regression(mean: mean, scale: scale)
            trainTargets = Buffer(train.map { Float(($0 - mean) / scale) })
            validationTargets = Buffer(split.validation.map { Float((values[$0] - mean) / scale) })
            trainLabels = Buffer(count: 0, repeating: 0)
            validationLabels = Buffer(count: 0, repeating: 0)
        }

        layout = NetworkLayout(inputCount: d, hiddenWidths: configuration.hiddenWidths, outputCount: outputCount)
        var initRNG = Xoshiro256StarStar(seed: configuration.seed, stream: StreamKey.initialization)
        let parameters = configuration.initialization.initialParameters(
            for: layout, activation: configuration.activation, rng: &initRNG)
        let batch = min(configuration.batchSize, trainingRowCount)
        engine = NetworkEngine(layout: layout, activation: configuration.activation, dropout: configuration.dropout,
                               capacity: max(batch, min(256, max(validationRowCount, 1))), parameters: parameters)
        optimizer = Optimizer(kind: configuration.optimizer, parameterCount: layout.parameterCount)
        shuffleRNG = Xoshiro256StarStar(seed: configuration.seed, stream: StreamKey.shuffle)
        dropoutRNG = Buffer([Xoshiro256StarStar(seed: configuration.seed, stream: StreamKey.dropout)])
        batchX = Buffer(count: batch * d, repeating: 0)
        batchLabels = Buffer(count: task == .classification ? batch : 0, repeating: 0)
        batchTargets = Buffer(count: task == .regression ? batch : 0, repeating: 0)
        permutation = Array(0..<trainingRowCount)
    }

    /// Stream keys under the configuration seed.
    enum StreamKey {
        static let initialization: UInt64 = 0x1417
        static let shuffle: UInt64 = 0x5EF1
        static let dropout: UInt64 = 0xD209
    }

    /// Total parameters (weights and biases).
    public var parameterCount: Int { layout.parameterCount }

    /// The current weights as a standalone model.
    public var model: MLPModel {
        MLPModel(layout: layout, activation: configuration.activation, featureNames: featureNames,
                 targetName: targetName, standardizer: standardizer, output: output,
                 parameters: engine.parameters.array)
    }

    /// Predicts raw (unstandardised) feature rows with the current weights.
    public func predict(features: [Float], rows: Int) -> MLPPredictions {
        model.predict(features: features, rows: rows)
    }

    /// Trains one epoch (every training row once, in a fresh seeded order) and evaluates on the
    /// validation split.
    /// - Throws: ``TrainingError/diverged(epoch:batch:loss:)`` when a batch loss is NaN or ±inf;
    ///   ``TrainingError/cancelled(epoch:batch:)`` when ``shouldStop`` says so. Either leaves the
    ///   trainer unusable.
    public func trainEpoch() throws -> EpochMetrics {
        if let failure { throw TrainingError.unusable(reason: failure) }
        let clock = ContinuousClock()
        let started = clock.now
        let c = configuration
        let factor = c.schedule.factor(epoch: epoch, totalEpochs: c.epochs)
        let learningRate = c.learningRate * factor
        let settings = OptimizerSettings(
            kind: c.optimizer, learningRate: Float(learningRate), weightDecay: Float(c.weightDecay),
            decayKind: c.effectiveWeightDecayKind, momentum: Float(c.momentum), beta1: Float(c.beta1),
            beta2: Float(c.beta2), epsilon: Float(c.epsilon))

        for i in permutation.indices { permutation[i] = i }
        shuffleRNG.shuffle(&permutation)

        let n = trainingRowCount, d = layout.inputCount
        let batchSize = min(c.batchSize, n)
        var lossSum = 0.0
        var correct = 0
        var batchIndex = 0
        var start = 0
        try permutation.withUnsafeBufferPointer { order in
            while start < n {
                batchIndex += 1
                if let stop = shouldStop, stop() {
                    failure = "cancelled in epoch \(epoch + 1)"
                    throw TrainingError.cancelled(epoch: epoch + 1, batch: batchIndex)
                }
                let rows = min(batchSize, n - start)
                for r in 0..<rows {
                    let src = order[start + r]
                    (batchX.pointer + r * d).update(from: trainX.pointer + src * d, count: d)
                }
                let (loss, right) = step(rows: rows, order: order, start: start, settings: settings)
                guard loss.isFinite else {
                    failure = "diverged in epoch \(epoch + 1)"
                    throw TrainingError.diverged(epoch: epoch + 1, batch: batchIndex, loss: loss / Double(rows))
                }
                lossSum += loss
                correct += right
                start += rows
            }
        }
        let trainDone = clock.now
        epoch += 1
        samplesSeen += n
        var metrics = evaluate()
        guard metrics.validationLoss.isFinite else {
            failure = "diverged in epoch \(epoch)"
            throw TrainingError.diverged(epoch: epoch, batch: batchIndex, loss: metrics.validationLoss)
        }
        metrics.epoch = epoch
        metrics.samplesSeen = samplesSeen
        metrics.samplesSeenThisEpoch = n
        metrics.learningRate = learningRate
        metrics.trainLoss = lossSum / Double(n)
        metrics.trainAccuracy = task == .classification ? Double(correct) / Double(n) : nil
        metrics.trainSeconds = Self.seconds(trainDone - started)
        metrics.seconds = Self.seconds(clock.now - started)
        return metrics
    }

    /// Trains the epochs left up to ``MLPConfiguration/epochs``, calling `onEpoch` after each
    /// (throw from it to stop early, e.g. for pruning). Returns the metrics of the epochs run.
    public func run(onEpoch: (EpochMetrics) throws -> Void = { _ in }) throws -> [EpochMetrics] {
        var history: [EpochMetrics] = []
        while epoch < configuration.epochs {
            let m = try trainEpoch()
            history.append(m)
            try onEpoch(m)
        }
        return history
    }

    /// One optimisation step on the rows already gathered in `batchX`; returns the summed loss and
    /// the number of rows classified correctly (0 for regression).
    @inline(__always)
    private func step(rows: Int, order: UnsafeBufferPointer<Int>, start: Int, settings: OptimizerSettings) -> (Double, Int) {
        let x = UnsafePointer(batchX.pointer)
        engine.forward(input: x, rows: rows, dropoutRNG: configuration.dropout > 0 ? dropoutRNG.pointer : nil)
        let scale = 1 / Float(rows)
        let loss: Double
        var correct = 0
        switch task {
        case .classification:
            for r in 0..<rows { batchLabels.pointer[r] = trainLabels.pointer[order[start + r]] }
            (loss, correct) = LossKernels.softmaxCrossEntropy(
                logits: engine.outputs, rows: rows, classes: layout.outputCount, labels: batchLabels.pointer,
                gradient: engine.outputGradient, scale: scale)
        case .regression:
            for r in 0..<rows { batchTargets.pointer[r] = trainTargets.pointer[order[start + r]] }
            loss = LossKernels.meanSquaredError(
                outputs: engine.outputs, rows: rows, width: layout.outputCount, targets: batchTargets.pointer,
                gradient: engine.outputGradient, scale: scale)
        }
        if !loss.isFinite { return (loss, correct) }
        engine.backward(input: x, rows: rows, training: configuration.dropout > 0)
        optimizer.update(parameters: engine.parameters.pointer, gradients: engine.gradients.pointer,
                         count: layout.parameterCount, weightCount: layout.weightCount, settings: settings)
        return (loss, correct)
    }

    /// Validation metrics (`val_loss`, `val_accuracy` or `val_rmse`/`val_r2`) with the current weights,
    /// bit-identical to those ``trainEpoch()`` returned when these weights were reached (a trainer restored
    /// from a checkpoint gives the values of the epoch that saved it). Training fields are zero.
    public func validationMetrics() -> EpochMetrics {
        var m = evaluate()
        m.epoch = epoch
        m.samplesSeen = samplesSeen
        return m
    }

    /// Validation metrics with the current weights (no dropout); epoch fields are left zero.
    func evaluate() -> EpochMetrics {
        let n = validationRowCount, d = layout.inputCount, k = layout.outputCount
        var lossSum = 0.0, correct = 0, squaredError = 0.0
        var targetSum = 0.0, targetSumSq = 0.0
        var start = 0
        while start < n {
            let rows = min(engine.capacity, n - start)
            let x = UnsafePointer(validationX.pointer + start * d)
            engine.forward(input: x, rows: rows, dropoutRNG: nil)
            switch task {
            case .classification:
                let r = LossKernels.softmaxCrossEntropy(
                    logits: engine.outputs, rows: rows, classes: k, labels: validationLabels.pointer + start,
                    gradient: nil, scale: 1)
                lossSum += r.lossSum
                correct += r.correct
            case .regression:
                lossSum += LossKernels.meanSquaredError(
                    outputs: engine.outputs, rows: rows, width: k, targets: validationTargets.pointer + start,
                    gradient: nil, scale: 1)
                if case let .regression(_, scale) = output {
                    for r in 0..<rows {
                        let t = Double(validationTargets.pointer[start + r]) * scale
                        let e = Double(engine.outputs[r]) * scale - t
                        squaredError += e * e
                        targetSum += t
                        targetSumSq += t * t
                    }
                }
            }
            start += rows
        }
        let count = Double(max(n, 1))
        var m = EpochMetrics(epoch: 0, samplesSeen: 0, learningRate: 0, trainLoss: 0, trainAccuracy: nil,
                             validationLoss: lossSum / count, validationAccuracy: nil, validationRMSE: nil,
                             validationR2: nil, trainSeconds: 0, seconds: 0, samplesSeenThisEpoch: 0)
        switch task {
        case .classification:
            m.validationAccuracy = Double(correct) / count
        case .regression:
            m.validationRMSE = (squaredError / count).squareRoot()
            let total = targetSumSq - targetSum * targetSum / count
            m.validationR2 = total > 0 ? 1 - squaredError / total : 0
        }
        return m
    }

    func restoreProgress(epoch: Int, samplesSeen: Int) {
        self.epoch = epoch
        self.samplesSeen = samplesSeen
    }

    private static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
