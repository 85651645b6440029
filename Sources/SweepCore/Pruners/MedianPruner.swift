/// The median stopping rule (Golovin et al., "Google Vizier", KDD 2017), as in Optuna's `MedianPruner`.
///
/// At step s, trial t is pruned when its best value so far is worse than the median, over the
/// finished trials that reported step s, of their running-average value up to s. Nothing is pruned
/// before `warmupTrials` trials have finished (complete or pruned) or before step `warmupSteps`, and
/// only every `interval` steps.
public struct MedianPruner: Pruner {
    public let name = "median"
    /// Finished trials needed before pruning starts.
    public let warmupTrials: Int
    /// Steps a trial always gets before it can be pruned (steps < warmupSteps are never pruned).
    public let warmupSteps: Int
    /// Check every `interval` steps (counted from `warmupSteps`).
    public let interval: Int

    public init(warmupTrials: Int = 5, warmupSteps: Int = 0, interval: Int = 1) {
        precondition(warmupTrials >= 0 && warmupSteps >= 0 && interval >= 1)
        self.warmupTrials = warmupTrials
        self.warmupSteps = warmupSteps
        self.interval = interval
    }

    public func shouldPrune(_ trial: Trial, step: Int, among trials: [Trial], direction: Direction) -> Bool {
        guard step >= warmupSteps, (step - warmupSteps) % interval == 0 else { return false }
        let finished = trials.filter { ($0.state == .complete || $0.state == .pruned) && $0.number != trial.number }
        guard finished.count >= max(1, warmupTrials) else { return false }
        var averages: [Double] = []
        for t in finished {
            let upTo = t.intermediateValues.filter { $0.key <= step && $0.value.isFinite }
            guard t.intermediateValues[step] != nil, !upTo.isEmpty else { continue }
            averages.append(upTo.values.reduce(0, +) / Double(upTo.count))
        }
        guard !averages.isEmpty else { return false }
        averages.sort()
        let m = averages.count
        let median = m % 2 == 1 ? averages[m / 2] : (averages[m / 2 - 1] + averages[m / 2]) / 2
        let own = trial.intermediateValues.filter { $0.key <= step }.values.filter { $0.isFinite }
        guard !own.isEmpty else { return true }  // only NaN/inf so far: clearly worse
        let best = direction == .minimize ? own.min()! : own.max()!
        return direction.isBetter(median, than: best)
    }
}
