/// What multi-fidelity schedulers (successive halving, Hyperband, ASHA) did, read back from the trial
/// attributes they store: ``bracketAttribute`` (int), ``rungAttribute`` (int, the trial's current
/// rung, 0-based) and ``resourceAttribute`` (int, the steps granted at that rung).
///
/// A rung's resource is taken from the trials currently at that rung of that bracket. A trial at rung
/// `r` passed rungs `0 … r − 1` (it was promoted from each); its value at rung `k` is its intermediate
/// value at step `resource(k)`, or at the last step before it, or — at its final rung — its final value.
public struct RungSummary: Sendable, Equatable {
    /// Attribute holding a trial's bracket.
    public static let bracketAttribute = TrialAttributeKey.bracket
    /// Attribute holding a trial's current rung.
    public static let rungAttribute = TrialAttributeKey.rung
    /// Attribute holding the resource (steps) granted at the current rung.
    public static let resourceAttribute = TrialAttributeKey.resource

    /// How a trial's path through the rungs ended (so far).
    public enum Outcome: String, Sendable, Equatable {
        /// Finished (complete) at its bracket's highest rung.
        case completedTopRung = "completed top rung"
        /// Finished below the top rung (not promoted, or pruned).
        case stopped
        /// Failed.
        case failed
        /// Running now.
        case running
        /// Paused at its rung, waiting to be promoted.
        case paused
    }

    /// One rung of a bracket.
    public struct Rung: Sendable, Equatable {
        /// Rung index (0-based).
        public var index: Int
        /// Steps granted at this rung (nil when no trial has reached it with a resource recorded).
        public var resource: Int?
        /// Trials that reached this rung.
        public var entered: Int
        /// Trials promoted from this rung to the next.
        public var promoted: Int
        /// Best value measured at this rung.
        public var best: Double?
    }

    /// One trial's path.
    public struct Path: Sendable, Equatable {
        /// Trial number.
        public var number: Int
        /// The trial's current (highest) rung.
        public var rung: Int
        /// Value at each rung `0 … rung` (nil where nothing was reported).
        public var values: [Double?]
        /// How the path ended (so far).
        public var outcome: Outcome
    }

    /// One bracket.
    public struct Bracket: Sendable, Equatable {
        /// Bracket number (from ``RungSummary/bracketAttribute``; 0 when absent).
        public var number: Int
        /// Rungs `0 …` the highest rung any of its trials reached.
        public var rungs: [Rung]
        /// Paths of the bracket's trials, by trial number.
        public var paths: [Path]
    }

    /// Brackets in increasing order.
    public let brackets: [Bracket]

    /// The summary of `trials`, or nil when none carries the rung attributes.
    public init?(trials: [Trial], direction: Direction) {
        var byBracket: [Int: [Trial]] = [:]
        for t in trials {
            guard let r = t.attributes[Self.rungAttribute]?.int, r >= 0 else { continue }
            let b = t.attributes[Self.bracketAttribute]?.int ?? 0
            byBracket[b, default: []].append(t)
        }
        guard !byBracket.isEmpty else { return nil }
        brackets = byBracket.keys.sorted().map { b in
            let members = byBracket[b]!.sorted { $0.number < $1.number }
            let top = members.compactMap { $0.attributes[Self.rungAttribute]?.int }.max() ?? 0
            var resource = [Int?](repeating: nil, count: top + 1)
            for t in members {
                if let r = t.attributes[Self.rungAttribute]?.int, let res = t.attributes[Self.resourceAttribute]?.int {
                    resource[r] = max(resource[r] ?? res, res)
                }
            }
            var rungs = (0...top).map { Rung(index: $0, resource: resource[$0], entered: 0, promoted: 0, best: nil) }
            let paths = members.map { t -> Path in
                let r = t.attributes[Self.rungAttribute]!.int!
                let values: [Double?] = (0...r).map { k in
                    RungSummary.value(of: t, upTo: resource[k], isFinal: k == r)
                }
                let outcome: Outcome
                switch t.state {
                case .running: outcome = .running
                case .waiting: outcome = .paused
                case .failed: outcome = .failed
                case .pruned: outcome = .stopped
                case .complete: outcome = r == top ? .completedTopRung : .stopped
                }
                for k in 0...r {
                    rungs[k].entered += 1
                    if k < r { rungs[k].promoted += 1 }
                    if let v = values[k], v.isFinite, rungs[k].best.map({ direction.isBetter(v, than: $0) }) ?? true {
                        rungs[k].best = v
                    }
                }
                return Path(number: t.number, rung: r, values: values, outcome: outcome)
            }
            return Bracket(number: b, rungs: rungs, paths: paths)
        }
    }

    /// The trial's value measured with `resource` steps: at the final rung of a complete trial its final
    /// value; otherwise the intermediate value at the last step ≤ `resource` (the last step at all when
    /// the resource is unknown).
    static func value(of trial: Trial, upTo resource: Int?, isFinal: Bool) -> Double? {
        var best: (step: Int, value: Double)?
        for (step, v) in trial.intermediateValues where resource.map({ step <= $0 }) ?? true {
            if best.map({ step > $0.step }) ?? true { best = (step, v) }
        }
        // A complete trial's final value is its result at its final rung.
        if isFinal, trial.state == .complete, let v = trial.value { return v }
        return best?.value
    }
}
