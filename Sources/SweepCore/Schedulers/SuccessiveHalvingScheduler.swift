/// Synchronous successive halving (Jamieson & Talwalkar 2016) and Hyperband (Li et al., JMLR 2018) for
/// a worker pool, promoting trials by continuing them from their checkpoints.
///
/// Bracket s starts n_0 configurations at resource r_0; once every member of rung i has finished it,
/// the best n_{i+1} (by their value at r_i) continue to r_{i+1} and the rest end as pruned. Brackets are
/// numbered in creation order and cycle through `brackets` (Hyperband: s_max, s_max−1, …, 0; successive
/// halving: s_max only). While a rung waits for stragglers, idle workers fill the next bracket, so
/// workers stay busy without changing any bracket's decisions.
///
/// Budget: the trial budget counts configurations; without one, exactly one pass over `brackets` runs.
/// When the budget cuts a bracket's first rung short, later rungs keep the planned fraction
/// (at least one configuration).
public struct SuccessiveHalvingScheduler: Scheduler {
    public let name: String
    public let plan: HyperbandPlan
    /// Bracket indices s, in the order brackets are opened (cycled).
    public let brackets: [Int]

    /// Hyperband: every bracket s_max…0 in turn.
    public static func hyperband(plan: HyperbandPlan) -> SuccessiveHalvingScheduler {
        SuccessiveHalvingScheduler(name: "hyperband", plan: plan, brackets: Array((0...plan.sMax).reversed()))
    }

    /// Successive halving: bracket `s` (default s_max, the most aggressive) repeated.
    public static func successiveHalving(plan: HyperbandPlan, bracket s: Int? = nil) -> SuccessiveHalvingScheduler {
        SuccessiveHalvingScheduler(name: "sha", plan: plan, brackets: [s ?? plan.sMax])
    }

    public init(name: String, plan: HyperbandPlan, brackets: [Int]) {
        precondition(!brackets.isEmpty && brackets.allSatisfy { $0 >= 0 && $0 <= plan.sMax })
        self.name = name
        self.plan = plan
        self.brackets = brackets
    }

    /// Configurations of one pass over ``brackets``.
    public var defaultBudget: Int { brackets.reduce(0) { $0 + plan.bracket($1).rungs[0].configurations } }

    public func decide(history: StudyHistory, direction: Direction, trialBudget: Int?) -> SchedulerDecision {
        let book = RungBook(history.trials)
        let budget = trialBudget ?? defaultBudget
        let created = book.entries.count
        let exhausted = created >= budget || history.trials.count >= budget
        var prune: [Int] = []
        var waiting = false
        let byBracket = Dictionary(grouping: book.entries, by: \.bracketID)
        for id in byBracket.keys.sorted() {
            let members = byBracket[id]!
            let s = members[0].bracket
            let bracket = plan.bracket(s)
            let planned0 = bracket.rungs[0].configurations
            if members.count < planned0 && !exhausted && id == byBracket.keys.max() {
                return SchedulerDecision(.start(attributes: startAttributes(id: id, s: s)), prune: prune)
            }
            var rungOpen = false
            for i in 0..<s {
                let atOrAbove = members.filter { $0.rung >= i }
                if atOrAbove.contains(where: { $0.rung == i && !$0.doneAtCurrentRung }) { rungOpen = true; break }
                let plannedNext = bracket.rungs[i + 1].configurations
                let keep = members.count >= planned0 ? plannedNext : max(1, plannedNext * members.count / planned0)
                let ranked = RungBook.ranked(atOrAbove, resource: bracket.rungs[i].resource, direction: direction)
                let winners = Set(ranked.prefix(min(keep, ranked.count)).map(\.trial.number))
                let losers = atOrAbove.filter { $0.rung == i && $0.isPaused && !winners.contains($0.trial.number) }
                prune += losers.map(\.trial.number)
                if let next = ranked.first(where: { winners.contains($0.trial.number) && $0.rung == i && $0.isPaused }) {
                    let attrs = RungBook.attributes(bracketID: id, bracket: s, rung: i + 1,
                                                    resource: bracket.rungs[i + 1].resource, maxResource: plan.maxResource)
                    return SchedulerDecision(.promote(number: next.trial.number, attributes: attrs), prune: prune)
                }
            }
            if rungOpen || members.contains(where: \.isRunning) { waiting = true }
        }
        if !exhausted {
            let id = (byBracket.keys.max() ?? -1) + 1
            return SchedulerDecision(.start(attributes: startAttributes(id: id, s: brackets[id % brackets.count])), prune: prune)
        }
        if waiting || history.count(.running) > 0 { return SchedulerDecision(.wait, prune: prune) }
        // Done: anything still paused lost (or never reached) its promotion.
        let paused = book.entries.filter(\.isPaused).map(\.trial.number)
        return SchedulerDecision(.finished, prune: Array(Set(prune + paused)).sorted())
    }

    private func startAttributes(id: Int, s: Int) -> [String: AttributeValue] {
        RungBook.attributes(bracketID: id, bracket: s, rung: 0, resource: plan.bracket(s).rungs[0].resource, maxResource: plan.maxResource)
    }
}
