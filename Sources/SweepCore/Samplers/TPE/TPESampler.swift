import Foundation
import SweepMath

/// Tree-structured Parzen estimator (config name `tpe`): multivariate TPE with group decomposition,
/// following Optuna's `TPESampler` and Watanabe (2023), "Tree-structured Parzen estimator:
/// understanding its algorithm components".
///
/// A pure function of the ``SamplingContext``:
/// 1. **Startup**: while fewer than ``Options/startupTrials`` trials are complete or pruned, trial n
///    takes ``SobolSampler``'s point n (``Options/startup`` `sobol`, the default) or draws uniformly
///    exactly as ``RandomSampler`` does (`random`, Optuna's) (attribute `tpe.phase` = `startup`).
/// 2. **Split** (Optuna's `_split_trials`): of the n complete and pruned trials,
///    `γ(n) = min(⌈0.1·n⌉, 25)` go "below" (good): complete trials by value first (ties: earlier
///    trial), then — if fewer complete trials than γ(n) exist — pruned trials ranked by their last
///    reported step (later is better), then by the value at that step (NaN last; none reported
///    ranks last). Everything else goes "above", together with failed trials and complete trials
///    whose value is NaN or infinite (Optuna ignores failed trials; here they push the model away
///    from where they failed) and, with ``Options/constantLiar`` (default), running and waiting
///    trials other than this one. When trials carry constraint values, infeasible complete and
///    pruned trials leave those two lists and come last, least violated first, as in Optuna 5's
///    `_split_trials`: feasible complete, then pruned, then infeasible (`TPESampler+Constraints.swift`).
/// 3. **Groups** (``SearchSpaceGroups``): with ``Options/group`` the parameters split into groups
///    that always occur together in finished trials; each group is modelled and optimised on its
///    own, over the trials that contain the whole group. Without ``Options/multivariate`` every
///    parameter is its own group (Optuna's default, independent TPE). Parameters no finished trial
///    has yet are drawn uniformly.
/// 4. **Acquisition**: per group, ``ParzenEstimator``s l (below) and g (above), weighted by
///    ``Options/weighting`` (`TPESampler+Weights.swift`), in each parameter's
///    internal scale (``TPEDimension``: log for log-scaled, grid cells for int and stepped floats,
///    choice indices for categoricals); ``Options/eiCandidates`` draws from l; the draw maximising
///    `log l(x) − log g(x)` (the EI-optimal point of the density ratio; ties: first draw) wins.
/// 5. The winners are decoded (snapped to grids, clamped into ranges) and only the parameters
///    active under the conditions are kept.
///
/// All draws come from `context.rng(1)` (startup, unseen parameters) and `context.rng(30)`
/// (candidates), so a trial's suggestion depends only on the seed, its number and the history.
public struct TPESampler: Sampler {
    public let name = "tpe"
    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Optuna's `default_gamma`: the number of "below" trials among `n`.
    public static func gamma(_ n: Int) -> Int { min(Int((0.1 * Double(n)).rounded(.up)), 25) }

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        let space = context.space
        let dims = space.parameters.map { TPEDimension($0.domain) }
        let trials = context.trials
        var finishedCount = 0
        for i in trials.indices where (trials[i].state == .complete || trials[i].state == .pruned) && trials[i].number != context.trialNumber {
            finishedCount += 1
        }
        var unseenRNG = context.rng(1)
        if finishedCount < options.startupTrials {
            // Sobol points exist up to SobolSequence.maxDimension parameters; beyond, random draws.
            let sobol = options.startup == .sobol && space.dimension <= SobolSequence.maxDimension
            var s = sobol ? try SobolSampler().suggest(in: context) : try RandomSampler().suggest(in: context)
            s.attributes["tpe.phase"] = .string("startup")
            return s
        }
        let (below, above) = TPESampler.split(context, gamma: TPESampler.gamma(finishedCount), constantLiar: options.constantLiar)

        // Internal coordinates of the trials' parameters (nil = absent or not decodable), computed
        // once for the trials of the split; parameter sets of the finished ones for the groups.
        let names = space.parameters.map(\.name)
        let d = names.count
        var coords = [Double](repeating: .nan, count: trials.count * d)  // NaN = absent
        dims.withUnsafeBufferPointer { dims in  // (borrowing the dimensions, not copying one per value)
            for i in below + above {
                for (name, value) in trials[i].params {
                    // Few parameters: comparing names beats hashing them.
                    guard let j = d <= 16 ? names.firstIndex(of: name) : space.index(of: name) else { continue }
                    coords[i * d + j] = dims[j].encode(value) ?? .nan
                }
            }
        }
        // Distinct parameter sets of the finished trials, in order of first appearance.
        var sets: [[Int]] = []
        var seenMasks = Set<UInt64>(), seenLists = Set<[Int]>(), lastMask: UInt64? = nil
        for i in below + above where trials[i].state == .complete || trials[i].state == .pruned {
            if d <= 64 {  // a bit mask per trial: no allocation for the (usually one) repeated set
                var mask: UInt64 = 0
                for j in 0..<d where !coords[i * d + j].isNaN { mask |= 1 << UInt64(j) }
                if mask != lastMask && seenMasks.insert(mask).inserted { sets.append((0..<d).filter { mask & (1 << UInt64($0)) != 0 }) }
                lastMask = mask
            } else {
                let list = (0..<d).filter { !coords[i * d + $0].isNaN }
                if seenLists.insert(list).inserted { sets.append(list) }
            }
        }
        let groups: [[Int]]
        if options.multivariate && options.group {
            groups = SearchSpaceGroups.decompose(sets)
        } else if options.multivariate {
            // One joint group over the parameters every finished trial has; the rest independently.
            let common = space.parameters.indices.filter { i in sets.allSatisfy { $0.contains(i) } }
            let seen = Set(sets.joined())
            groups = (common.isEmpty ? [] : [common]) + seen.subtracting(common).sorted().map { [$0] }
        } else {
            groups = Set(sets.joined()).sorted().map { [$0] }
        }

        var chosen = [Double?](repeating: nil, count: space.dimension)
        var rng = context.rng(30)
        for g in groups {
            let groupDims = g.map { dims[$0] }
            // Rows of the trials that have the whole group, one after another.
            func rows(_ indices: [Int]) -> (rows: [Double], members: [Int]) {
                var out: [Double] = []
                out.reserveCapacity(indices.count * g.count)
                var members: [Int] = []
                for i in indices where g.allSatisfy({ !coords[i * d + $0].isNaN }) {
                    for j in g { out.append(coords[i * d + j]) }
                    members.append(i)
                }
                return (out, members)
            }
            let (lRows, lMembers) = rows(below), (gRows, gMembers) = rows(above)
            let (lWeights, gWeights) = observationWeights(context, below: lMembers, above: gMembers)
            let l = ParzenEstimator(rows: lRows, count: lMembers.count, dimensions: groupDims, parameters: options.parzen,
                                    observationWeights: lWeights)
            let gAbove = ParzenEstimator(rows: gRows, count: gMembers.count, dimensions: groupDims, parameters: options.parzen,
                                         observationWeights: gWeights)
            let candidates = l.sample(max(1, options.eiCandidates), using: &rng)
            let lb = l.logDensity(candidates), la = gAbove.logDensity(candidates)
            var best = 0
            var bestScore = -Double.infinity
            for i in candidates.indices {
                let score = lb[i] - la[i]
                if score > bestScore { best = i; bestScore = score }
            }
            for (k, i) in g.enumerated() { chosen[i] = candidates[best][k] }
        }

        var params: [String: ParameterValue] = [:]
        for i in space.evaluationOrder {
            let p = space.parameters[i]
            let u = unseenRNG.nextUnit()  // drawn for every parameter, so streams do not shift
            guard space.isActive(p, in: params) else { continue }
            params[p.name] = chosen[i].map { dims[i].decode($0) } ?? SearchSpace.decode(u, in: p.domain)
        }
        return Suggestion(params: params, attributes: ["tpe.phase": .string("model")])
    }

    /// Optuna's split of the history into "below" (the γ best) and "above" (the rest): indices into
    /// `context.trials`, each side in trial order; see the type's notes for the ranking.
    static func split(_ context: SamplingContext, gamma: Int, constantLiar: Bool) -> (below: [Int], above: [Int]) {
        let direction = context.direction
        var complete: [(Double, Int)] = [], pruned: [(Int, Double, Int)] = [], infeasible: [(Double, Int)] = [], above: [Int] = []
        let trials = context.trials
        let constrained = hasConstraints(trials)  // TPESampler+Constraints
        for i in trials.indices where trials[i].number != context.trialNumber {
            switch trials[i].state {
            case .complete:
                guard let v = trials[i].value, v.isFinite else { above.append(i); continue }
                let violation = constrained ? self.violation(trials[i]) : 0
                if violation > 0 { infeasible.append((violation, i)) } else { complete.append((direction.minimizing(v), i)) }
            case .pruned:
                let violation = constrained ? self.violation(trials[i]) : 0
                if violation > 0 {
                    infeasible.append((violation, i))
                } else if let last = trials[i].lastIntermediate {
                    pruned.append((-last.step, last.value.isNaN ? .infinity : direction.minimizing(last.value), i))
                } else {
                    pruned.append((1, 0, i))
                }
            case .failed: above.append(i)
            case .running, .waiting: if constantLiar { above.append(i) }
            }
        }
        // Ties keep trial order (indices follow trial numbers, and each list is in index order); the
        // radix order of the values is the fast path for the complete ones.
        complete = IncreasingOrder.order(complete.map(\.0)).map { complete[$0] }
        pruned.sort { $0 < $1 }
        infeasible.sort { $0 < $1 }
        let nComplete = min(gamma, complete.count)
        let nPruned = min(gamma - nComplete, pruned.count)
        let nInfeasible = min(gamma - nComplete - nPruned, infeasible.count)
        let below = (complete.prefix(nComplete).map(\.1) + pruned.prefix(nPruned).map(\.2) + infeasible.prefix(nInfeasible).map(\.1)).sorted()
        above += complete.dropFirst(nComplete).map(\.1) + pruned.dropFirst(nPruned).map(\.2) + infeasible.dropFirst(nInfeasible).map(\.1)
        return (below, above.sorted())
    }
}
