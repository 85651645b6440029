/// The trials of a study as seen inside an ask transaction.
public struct StudyHistory: Sendable {
    /// All trials, by number (index == number).
    public var trials: [Trial]
    /// Number of trials in each state.
    public var counts: [TrialState: Int]

    public init(trials: [Trial]) {
        self.trials = trials
        var c: [TrialState: Int] = [:]
        for t in trials { c[t.state, default: 0] += 1 }
        counts = c
    }

    public func count(_ state: TrialState) -> Int { counts[state] ?? 0 }

    /// Removes the newest trial (undoing an append), keeping counts right.
    public mutating func removeLast() {
        let last = trials.removeLast()
        counts[last.state, default: 0] -= 1
    }

    /// Replaces or appends a trial, keeping counts right.
    public mutating func upsert(_ trial: Trial) {
        if trial.number < trials.count {
            counts[trials[trial.number].state, default: 0] -= 1
            trials[trial.number] = trial
        } else {
            precondition(trial.number == trials.count, "trial numbers must be dense")
            trials.append(trial)
        }
        counts[trial.state, default: 0] += 1
    }
}
