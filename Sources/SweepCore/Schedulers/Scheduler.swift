/// What a multi-fidelity scheduler wants the next free worker to do.
public struct SchedulerDecision: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Continue paused trial `number` at a higher rung; merge `attributes` (new rung and resource).
        case promote(number: Int, attributes: [String: AttributeValue])
        /// Start a new configuration (from the sampler) with these scheduler attributes (bracket, rung,
        /// resource).
        case start(attributes: [String: AttributeValue])
        /// Nothing to do until running trials report (a synchronous rung is not complete yet).
        case wait
        /// The schedule is complete.
        case finished
    }

    /// What to do.
    public var action: Action
    /// Paused trials that lost their rung and should end as pruned now.
    public var prune: [Int]

    public init(_ action: Action, prune: [Int] = []) {
        self.action = action
        self.prune = prune
    }
}

/// Attribute keys schedulers store on trials (read by reports and by the schedulers themselves); the
/// keys themselves are defined, with what they mean, in ``TrialAttributeKey``.
public enum SchedulerAttributes {
    /// ``TrialAttributeKey/bracketID``.
    public static let bracketID = TrialAttributeKey.bracketID
    /// ``TrialAttributeKey/bracket``.
    public static let bracket = TrialAttributeKey.bracket
    /// ``TrialAttributeKey/rung``.
    public static let rung = TrialAttributeKey.rung
    /// ``TrialAttributeKey/resource``.
    public static let resource = TrialAttributeKey.resource
    /// ``TrialAttributeKey/maxResource``.
    public static let maxResource = TrialAttributeKey.maxResource
    /// ``TrialAttributeKey/paused``.
    public static let paused = TrialAttributeKey.paused
}

/// Allocates resource (epochs, steps) to trials across rungs: successive halving, Hyperband, ASHA.
///
/// Like samplers, schedulers are pure functions of the history: a trial's bracket, rung and resource
/// live in its attributes, so a resumed study continues the same schedule. A trial pauses (with a
/// checkpoint) when it reports the step equal to its rung's resource, and continues from that checkpoint
/// when promoted; the total steps a trial trains equal the sum of its rung increments.
public protocol Scheduler: Sendable {
    /// Name used in configs (`sha`, `hyperband`, `asha`).
    var name: String { get }

    /// The next action, given every trial of the study and the trial budget (nil: the scheduler's own
    /// default, e.g. one Hyperband iteration).
    func decide(history: StudyHistory, direction: Direction, trialBudget: Int?) -> SchedulerDecision

    /// Whether `trial`, which just reported `step`, reached the resource of its current rung and
    /// should pause until promoted.
    func shouldPause(_ trial: Trial, step: Int) -> Bool

    /// Rung resources this scheduler uses (ascending), for ``samplingHistory(_:minimumPoints:)``.
    var rungResources: [Int] { get }
}

extension Scheduler {
    /// The history a sampler should see when proposing a new configuration — the BOHB rule (Falkner,
    /// Klein & Hutter, ICML 2018): model the results at the highest rung that has at least
    /// `minimumPoints` observations. At that rung r:
    /// - a trial with a finite value at r appears complete with that value (whatever it did later);
    /// - a trial still in play without one — running, paused at a lower rung waiting for a promotion
    ///   that may come, or requeued — appears **running**: pending for the sampler (the GP's constant
    ///   liar keeps new proposals away from it), as BOHB's model at budget r uses only observations at r.
    ///   Shown as pruned instead (before issue 15 part 5), a paused trial's early value entered the GP as a
    ///   censored estimate of its value at r, so the model kept proposing next to the configurations
    ///   that looked best after one epoch (three near-copies of one configuration trained to 9 epochs
    ///   on one seed of the wide digits bench);
    /// - a failed trial (e.g. diverged training) stays failed: the sampler gives it the worst value,
    ///   not a censored estimate from the values it reported before it broke;
    /// - a trial the scheduler pruned below r stays pruned.
    /// With too few observations at every rung the history is returned unchanged (the sampler then
    /// uses its initial design).
    public func samplingHistory(_ trials: [Trial], minimumPoints: Int) -> [Trial] {
        for r in rungResources.reversed() {
            let observed = trials.filter { $0.intermediateValues[r]?.isFinite == true }
            guard observed.count >= minimumPoints else { continue }
            return trials.map { t in
                var view = t
                if let v = t.intermediateValues[r], v.isFinite {
                    view.state = .complete
                    view.value = v
                } else {
                    switch t.state {
                    case .running, .waiting: view.state = .running
                    case .failed: view.state = .failed
                    case .complete, .pruned: view.state = .pruned
                    }
                }
                return view
            }
        }
        return trials
    }

    public func shouldPause(_ trial: Trial, step: Int) -> Bool {
        guard let resource = trial.attributes[SchedulerAttributes.resource]?.int,
              let top = trial.attributes[SchedulerAttributes.maxResource]?.int else { return false }
        return step >= resource && resource < top
    }
}
