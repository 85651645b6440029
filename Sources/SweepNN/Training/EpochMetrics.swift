/// What one epoch produced. Everything but the two timings is a deterministic function of the
/// configuration, the data and the BLAS thread count.
public struct EpochMetrics: Sendable, Codable, Equatable {
    /// Epochs completed, counting this one (1 after the first epoch).
    public var epoch: Int
    /// Training rows processed since the start of the run (across resumes).
    public var samplesSeen: Int
    /// Learning rate used in this epoch (after the schedule).
    public var learningRate: Double
    /// Mean training loss over this epoch's batches, weighted by batch size (with dropout active;
    /// the weights change during the epoch).
    public var trainLoss: Double
    /// Fraction of this epoch's training rows whose prediction (at the time of their batch, with
    /// dropout active) was right, in `[0, 1]` (classification only).
    public var trainAccuracy: Double?
    /// Validation loss with the end-of-epoch weights: cross-entropy, or MSE on standardised targets.
    public var validationLoss: Double
    /// Fraction of validation rows classified correctly, in `[0, 1]` (classification only).
    public var validationAccuracy: Double?
    /// Validation root mean squared error in the target's original units (regression only).
    public var validationRMSE: Double?
    /// Validation coefficient of determination `1 − SS_res/SS_tot` (regression only; ≤ 1).
    public var validationR2: Double?
    /// Wall-clock seconds of the training passes of this epoch (excludes validation).
    public var trainSeconds: Double
    /// Wall-clock seconds of the whole epoch including validation.
    public var seconds: Double

    /// Training throughput of this epoch: rows per second of ``trainSeconds``.
    public var samplesPerSecond: Double { trainSeconds > 0 ? Double(samplesSeenThisEpoch) / trainSeconds : 0 }
    /// Rows trained in this epoch.
    public var samplesSeenThisEpoch: Int

    /// The value of `metric` (nil when it does not apply to the task).
    public func value(of metric: MLPMetric) -> Double? {
        switch metric {
        case .validationAccuracy: return validationAccuracy
        case .validationLoss: return validationLoss
        case .trainLoss: return trainLoss
        case .trainAccuracy: return trainAccuracy
        case .validationRMSE: return validationRMSE
        case .validationR2: return validationR2
        }
    }

    /// The same metrics without the wall-clock fields (for bit-for-bit comparisons).
    public var withoutTimings: EpochMetrics {
        var m = self
        m.trainSeconds = 0
        m.seconds = 0
        return m
    }
}

/// Metrics an `mlp` objective can optimise, by their config names.
public enum MLPMetric: String, Sendable, Codable, CaseIterable {
    case validationAccuracy = "val_accuracy"
    case validationLoss = "val_loss"
    case trainLoss = "train_loss"
    case trainAccuracy = "train_accuracy"
    case validationRMSE = "val_rmse"
    case validationR2 = "val_r2"

    /// True for accuracies and R², false for losses and RMSE.
    public var isMaximized: Bool { self == .validationAccuracy || self == .trainAccuracy || self == .validationR2 }

    /// Whether the metric exists for `task`.
    public func applies(to task: TaskKind) -> Bool {
        switch self {
        case .validationAccuracy, .trainAccuracy: return task == .classification
        case .validationRMSE, .validationR2: return task == .regression
        case .validationLoss, .trainLoss: return true
        }
    }
}
