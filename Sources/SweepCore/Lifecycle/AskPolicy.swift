/// What to run next, as a pure function of the history: a waiting trial, a scheduler promotion, a new
/// sample, or nothing and why. No storage, no clock, no randomness beyond the sampler's own
/// (which is a pure function of the seed, the trial number and the history).
///
/// Order of the rules (the first that applies wins):
/// 0. the ``AskLimits/target`` was met by a complete trial → stop (``AskStop/targetReached``); waiting trials stay waiting;
/// 1. a `waiting` trial (enqueued or interrupted; never one `paused` at a rung) → claim the oldest;
/// 2. ``AskLimits/maxFailed`` failures → stop (``AskStop/tooManyFailures``);
/// 3. with a scheduler: its promotion → claim the paused trial; `wait` → stop with retry
///    (``AskStop/waitForResults``); `finished` → stop (``AskStop/budgetReached``); paused trials it
///    drops are pruned first (``AskDecision/pruneWaiting(_:then:)``). Without one, ``AskLimits/totalTrials`` → stop;
/// 4. a new sample from the sampler, with the scheduler's attributes (bracket, rung, resource), or
///    ``AskStop/searchSpaceExhausted``. A study without a declared space creates trials with no parameters.
public struct AskPolicy: Sendable {
    /// The declared search space (nil: define-by-run only).
    public var space: SearchSpace?
    /// Proposes new configurations.
    public var sampler: any Sampler
    /// Optional multi-fidelity scheduler.
    public var scheduler: (any Scheduler)?
    /// When to stop.
    public var limits: AskLimits
    /// Optimisation direction.
    public var direction: Direction
    /// The study seed (passed to the sampler).
    public var seed: UInt64

    public init(space: SearchSpace?, sampler: any Sampler, scheduler: (any Scheduler)?, limits: AskLimits,
                direction: Direction, seed: UInt64) {
        self.space = space
        self.sampler = sampler
        self.scheduler = scheduler
        self.limits = limits
        self.direction = direction
        self.seed = seed
    }

    /// A decision and, when it starts nothing, why.
    public struct Answer: Sendable, Equatable {
        /// What the store should do.
        public var decision: AskDecision
        /// Why nothing starts (nil when the decision claims or creates a trial).
        public var stop: AskStop?

        public init(_ decision: AskDecision, stop: AskStop? = nil) {
            self.decision = decision
            self.stop = stop
        }
    }

    /// The next step for a study whose trials are `history`.
    /// - Throws: what the sampler throws, except ``SamplerError/exhausted`` (an answer with
    ///   ``AskStop/searchSpaceExhausted``).
    public func decide(_ history: StudyHistory) throws -> Answer {
        // 0. The target, once met, ends the sweep: nothing new starts and waiting trials stay waiting.
        if let target = limits.target, let best = history.trials.best(direction)?.value,
           AskLimits.meets(best, target: target, direction: direction) {
            return Answer(.none(retry: false), stop: .targetReached)
        }
        // 1. Waiting trials (enqueued, or requeued after an interruption) run first, oldest first.
        if history.count(.waiting) > 0,
           let waiting = history.trials.first(where: { TrialLifecycle.State(trial: $0) == .waiting }) {
            return Answer(.claim(number: waiting.number, attributes: [:]))
        }
        if let maxFailed = limits.maxFailed, history.count(.failed) >= maxFailed {
            return Answer(.none(retry: false), stop: .tooManyFailures)
        }
        // 2. Multi-fidelity scheduler: promotions and rung assignment.
        var attributes: [String: AttributeValue] = [:]
        var samplingTrials = history.trials
        var prune: [Int] = []
        if let scheduler {
            let decision = scheduler.decide(history: history, direction: direction, trialBudget: limits.totalTrials)
            prune = decision.prune
            func pruning(_ d: AskDecision, _ stop: AskStop? = nil) -> Answer {
                Answer(prune.isEmpty ? d : .pruneWaiting(prune, then: d), stop: stop)
            }
            switch decision.action {
            case let .promote(number, attrs):
                return pruning(.claim(number: number, attributes: attrs))
            case let .start(attrs):
                attributes = attrs
                // BOHB's rule: the highest rung with enough values to fit the model (d + 2, or what the
                // sampler needs before it leaves its initial design, whichever is more).
                let modelMinimum = space.flatMap { sampler.modelMinimumTrials(in: $0) } ?? 0
                samplingTrials = scheduler.samplingHistory(history.trials, minimumPoints: max((space?.dimension ?? 0) + 2, modelMinimum))
            case .wait:
                return pruning(.none(retry: true), .waitForResults)
            case .finished:
                return pruning(.none(retry: false), .budgetReached)
            }
        } else if let total = limits.totalTrials, history.trials.count >= total {
            return Answer(.none(retry: false), stop: .budgetReached)
        }
        // 3. A new proposal.
        let create: AskDecision
        if let space {
            let context = SamplingContext(space: space, trialNumber: history.trials.count, seed: seed,
                                          direction: direction, trials: samplingTrials)
            do {
                let suggestion = try sampler.suggest(in: context)
                create = .create(params: suggestion.params, attributes: suggestion.attributes.merging(attributes) { _, s in s })
            } catch SamplerError.exhausted {
                return Answer(.none(retry: false), stop: .searchSpaceExhausted)
            }
        } else {
            create = .create(params: [:], attributes: attributes)
        }
        return Answer(prune.isEmpty ? create : .pruneWaiting(prune, then: create))
    }
}
