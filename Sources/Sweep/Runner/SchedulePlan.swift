import SweepCore

/// The rung plan of a multi-fidelity sweep, for `sweep plan`: what runs at which resource and what it
/// costs in total, before anything runs.
public struct SchedulePlan: Sendable {
    /// `sha`, `hyperband` or `asha`.
    public var method: String
    public var minResource: Int
    public var maxResource: Int
    public var eta: Int
    public var sMax: Int
    /// Brackets in the order they run (one pass; successive halving repeats its bracket).
    public var brackets: [HyperbandPlan.Bracket]
    /// Configurations in total (the trial budget, or one pass).
    public var configurations: Int
    /// Steps trained in total when promoted trials continue from checkpoints (ASHA: expected value
    /// under the top-1/η promotion rule).
    public var steps: Int
    /// Steps trained if every rung restarted from scratch.
    public var stepsWithoutCheckpoints: Int

    /// The plan of `config`, or nil when its method is not multi-fidelity.
    public static func of(_ config: SweepConfig) throws -> SchedulePlan? {
        guard let scheduler = try MethodRegistry.makeScheduler(config.method, config: config) else { return nil }
        switch scheduler {
        case let sh as SuccessiveHalvingScheduler:
            let budget = config.budget.trials ?? sh.defaultBudget
            var brackets: [HyperbandPlan.Bracket] = []
            var left = budget, id = 0
            while left > 0 {
                var b = sh.plan.bracket(sh.brackets[id % sh.brackets.count])
                let n0 = b.rungs[0].configurations
                if left < n0 {
                    // The budget cuts this bracket's first rung short; later rungs keep the planned fraction.
                    b.rungs = b.rungs.enumerated().map { i, r in
                        .init(configurations: i == 0 ? left : max(1, r.configurations * left / n0), resource: r.resource)
                    }
                }
                left -= b.rungs[0].configurations
                brackets.append(b)
                id += 1
            }
            return SchedulePlan(
                method: sh.name, minResource: sh.plan.minResource, maxResource: sh.plan.maxResource, eta: sh.plan.eta,
                sMax: sh.plan.sMax, brackets: brackets, configurations: budget,
                steps: brackets.reduce(0) { $0 + $1.resourceWithCheckpoints },
                stepsWithoutCheckpoints: brackets.reduce(0) { $0 + $1.resourceWithoutCheckpoints })
        case let asha as ASHAScheduler:
            let n = config.budget.trials ?? 0
            let rungs = asha.rungs.enumerated().map { k, r in
                HyperbandPlan.Rung(configurations: n / asha.plan.power(k), resource: r)
            }
            let bracket = HyperbandPlan.Bracket(s: asha.rungs.count - 1, rungs: rungs)
            return SchedulePlan(
                method: "asha", minResource: asha.plan.minResource, maxResource: asha.plan.maxResource, eta: asha.plan.eta,
                sMax: asha.plan.sMax, brackets: [bracket], configurations: n,
                steps: bracket.resourceWithCheckpoints, stepsWithoutCheckpoints: bracket.resourceWithoutCheckpoints)
        default:
            return nil
        }
    }
}
