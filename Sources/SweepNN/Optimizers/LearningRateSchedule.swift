import Foundation

/// Learning-rate multiplier per epoch. The rate is constant within an epoch, which keeps a resumed
/// run's rates a pure function of the epoch index.
public enum LearningRateSchedule: Sendable, Codable, Equatable {
    /// Always 1.
    case constant
    /// Cosine annealing from 1 at epoch 0 towards `minimumFactor` at the last epoch:
    /// `f(e) = m + (1 − m)·(1 + cos(π·e/E))/2` for 0-based epoch `e` of `E`. `minimumFactor` in `[0, 1]`.
    case cosine(minimumFactor: Double)
    /// Multiply by `factor` every `everyEpochs` epochs: `f(e) = factor^⌊e/everyEpochs⌋`.
    case step(everyEpochs: Int, factor: Double)

    /// The multiplier for 0-based epoch `epoch` of a run of `totalEpochs`.
    public func factor(epoch: Int, totalEpochs: Int) -> Double {
        switch self {
        case .constant:
            return 1
        case let .cosine(minimum):
            guard totalEpochs > 0 else { return 1 }
            let progress = min(Double(epoch) / Double(totalEpochs), 1)
            return minimum + (1 - minimum) * (1 + cos(Double.pi * progress)) / 2
        case let .step(every, factor):
            return pow(factor, Double(epoch / max(every, 1)))
        }
    }
}
