/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning",
/// MLSys 2020), promotion variant: a free worker promotes the best not-yet-promoted configuration of the
/// highest rung where one is in the top 1/η of that rung's finished configurations; if there is none it
/// starts a new configuration at the bottom rung. Promoted trials continue from their checkpoint.
///
/// Rungs: r_k = minResource·η^(k + earlyStoppingRate) below maxResource, then maxResource itself.
/// Once the trial budget is spent, remaining promotions still run; when none is possible and nothing
/// runs, paused trials end as pruned.
public struct ASHAScheduler: Scheduler {
    public let name = "asha"
    public let plan: HyperbandPlan
    public let earlyStoppingRate: Int
    /// Rung resources, increasing; the last is maxResource.
    public let rungs: [Int]

    public init(plan: HyperbandPlan, earlyStoppingRate: Int = 0) {
        self.plan = plan
        self.earlyStoppingRate = earlyStoppingRate
        var r: [Int] = []
        var k = earlyStoppingRate
        while k <= plan.sMax, plan.minResource * plan.power(k) < plan.maxResource {
            r.append(plan.minResource * plan.power(k))
            k += 1
        }
        r.append(plan.maxResource)
        rungs = r
    }

    public var rungResources: [Int] { rungs }

    public func decide(history: StudyHistory, direction: Direction, trialBudget: Int?) -> SchedulerDecision {
        let book = RungBook(history.trials)
        let exhausted = trialBudget.map { book.entries.count >= $0 || history.trials.count >= $0 } ?? false
        for k in stride(from: rungs.count - 2, through: 0, by: -1) {
            if let number = promotable(book, rung: k, direction: direction) {
                let attrs = RungBook.attributes(bracketID: 0, bracket: rungs.count - 1, rung: k + 1,
                                                resource: rungs[k + 1], maxResource: plan.maxResource)
                return SchedulerDecision(.promote(number: number, attributes: attrs))
            }
        }
        if !exhausted {
            return SchedulerDecision(.start(attributes: RungBook.attributes(
                bracketID: 0, bracket: rungs.count - 1, rung: 0, resource: rungs[0], maxResource: plan.maxResource)))
        }
        if book.entries.contains(where: \.isRunning) || history.count(.running) > 0 { return SchedulerDecision(.wait) }
        return SchedulerDecision(.finished, prune: book.entries.filter(\.isPaused).map(\.trial.number))
    }

    /// The trial to promote from rung `k`, if any: the best paused one among the top ⌊n/η⌋ of the n
    /// trials that finished rung k.
    func promotable(_ book: RungBook, rung k: Int, direction: Direction) -> Int? {
        let finished = book.entries.filter { $0.rung > k || ($0.rung == k && $0.doneAtCurrentRung) }
        let quota = finished.count / plan.eta
        guard quota > 0 else { return nil }
        let top = RungBook.ranked(finished, resource: rungs[k], direction: direction).prefix(quota)
        return top.first { $0.rung == k && $0.isPaused }?.trial.number
    }
}
