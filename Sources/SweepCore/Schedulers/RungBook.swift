/// What the schedulers read off the history: for each trial its bracket, rung, resource and the score it
/// earned at each rung it finished.
struct RungBook {
    struct Entry {
        let trial: Trial
        let bracketID: Int
        let bracket: Int
        let rung: Int
        /// Whether the trial finished its current rung (paused there, completed, pruned or failed).
        let doneAtCurrentRung: Bool
        var isPaused: Bool { trial.state == .waiting && trial.attributes[SchedulerAttributes.paused] != nil }
        var isRunning: Bool { trial.state == .running || (trial.state == .waiting && !isPaused) }
    }

    let entries: [Entry]

    init(_ trials: [Trial]) {
        entries = trials.compactMap { t in
            guard let id = t.attributes[SchedulerAttributes.bracketID]?.int,
                  let s = t.attributes[SchedulerAttributes.bracket]?.int,
                  let rung = t.attributes[SchedulerAttributes.rung]?.int else { return nil }
            let paused = t.state == .waiting && t.attributes[SchedulerAttributes.paused] != nil
            return Entry(trial: t, bracketID: id, bracket: s, rung: rung, doneAtCurrentRung: paused || t.state.isFinished)
        }
    }

    /// The score of `entry` at rung `rung` (resource `resource`), minimised: lower is better.
    /// Failed trials and missing values score +∞ (never promoted).
    static func score(_ entry: Entry, resource: Int, direction: Direction) -> Double {
        if entry.trial.state == .failed { return .infinity }
        let raw = entry.trial.intermediateValues[resource]
            ?? (entry.trial.state == .complete ? entry.trial.value : nil)
            ?? entry.trial.intermediateValues.filter { $0.key <= resource }.max { $0.key < $1.key }?.value
        guard let v = raw, v.isFinite else { return .infinity }
        return direction.minimizing(v)
    }

    /// Entries ordered best first (ties: lower trial number).
    static func ranked(_ entries: [Entry], resource: Int, direction: Direction) -> [Entry] {
        let scored: [(entry: Entry, score: Double)] = entries.map { ($0, score($0, resource: resource, direction: direction)) }
        let sorted = scored.sorted { a, b in
            if a.score != b.score { return a.score < b.score }
            return a.entry.trial.number < b.entry.trial.number
        }
        return sorted.map(\.entry)
    }

    static func attributes(bracketID: Int, bracket: Int, rung: Int, resource: Int, maxResource: Int) -> [String: AttributeValue] {
        [
            SchedulerAttributes.bracketID: .number(Double(bracketID)),
            SchedulerAttributes.bracket: .number(Double(bracket)),
            SchedulerAttributes.rung: .number(Double(rung)),
            SchedulerAttributes.resource: .number(Double(resource)),
            SchedulerAttributes.maxResource: .number(Double(maxResource)),
        ]
    }
}
