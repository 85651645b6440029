import Foundation
import SweepMath

/// Gaussian-process Bayesian optimisation (config name `bayes`).
///
/// A pure function of the ``SamplingContext``:
/// 1. **Data**: complete trials with a finite value (pruned, failed, NaN and ±inf results enter
///    only the posterior, see step 4), encoded into the unit cube (``UnitCubeLayout``: log parameters linear in log,
///    discrete values at bin centres, categoricals compared by Hamming distance, inactive
///    conditional coordinates fixed at 0.5). Values are turned into a minimisation
///    (``Direction/minimizing(_:)``) and warped: standardised, Yeo–Johnson transformed with the
///    maximum-likelihood λ, standardised again (as HEBO does). The warp makes heavy-tailed
///    objectives (rosenbrock spans 1…10⁶) look Gaussian to the GP and spreads out the values near
///    the optimum; constant values stay constant (centred, unit scale).
/// 2. **Initial design**: until ``Options/initialDesign(dimension:)`` (`max(10, 2d)`) such trials
///    plus pruned ones exist (and at least ``minimumFitPoints`` complete ones), trial n takes point
///    n of the scrambled Sobol sequence — exactly ``SobolSampler``'s point, so a failed start keeps
///    moving through the design and an all-failed history never stalls. (Counting pruned trials
///    matters with a pruner: on hartmann6 with the median pruner most design points are pruned, and
///    waiting for 12 complete ones left the model too few trials — `scripts/bench/pruned`.)
/// 3. **Hyperparameters**: MAP (``Options/prior(dimension:)``: ``GPPrior/standard``'s lengthscale
///    and amplitude priors, the noise by maximum likelihood by default) with ``GPFitter`` inside
///    ``Options/bounds`` (``GPFitter/Bounds/standardised`` with noise up to 1e5 and lengthscales from 0.02). Warm: the θ stored by the most recent trial carrying
///    `gp.params` is the only start. Cold (no such trial): the prior mode plus ``Options/fitRestarts``
///    random starts (`context.rng(20)`) on a 32-point subset, then short refinements on 64 points and
///    on all fit points (≤ ``Options/maxFitPoints``). The fitted θ is returned in the suggestion's `gp.params`
///    attribute, so a resumed study warm-starts exactly as the uninterrupted one did.
/// 4. **Pending trials** (running/waiting, e.g. parallel workers): *constant liar* — each pending
///    point is added to the posterior (not to the hyperparameter fit) with the worst observed value
///    as its "result" (CL-max, Ginsbourger et al. 2010, like Optuna's TPE `constant_liar`). The
///    pessimistic lie removes the pending point's neighbourhood from the acquisition, so concurrent
///    suggestions spread out instead of collapsing onto the same optimum; it costs one extra
///    Cholesky and keeps suggestions deterministic (fantasy sampling / qLogEI would need Monte
///    Carlo draws and cost a multiple).
///    **Stopped trials** (pruned, failed, NaN/±inf; ``Options/prunedTrials``) join the posterior the
///    same way, at the worst value, or a pruned trial at its last intermediate value mapped onto the
///    final-value scale (then it joins the hyperparameter fit too), so a pruned proposal changes the
///    model and is not proposed again; see `GPSampler+StoppedTrials.swift` (and, for the default
///    censored targets — the value as a lower bound —, `GPSampler+CensoredTrials.swift`). The posterior's prior
///    mean lies above the worst warped observation (``Options/priorMean``), not at their mean.
/// 5. **Acquisition** (``AcquisitionFunction``, LogEI by default, improving on the lowest posterior
///    mean at an observation, ``Options/incumbent``): ``Options/candidates`` scrambled
///    Sobol points (fresh scramble per trial, `context.rng(21)`) are snapped and scored in one batched
///    prediction; L-BFGS-B then climbs from the ``Options/restarts`` best distinct candidates and from
///    the incumbent (the best observation — the local refinement that converges on the optimum;
///    categorical and inactive coordinates held fixed; from 256 observations on each climb uses the
///    posterior on the 128 points nearest its start, which makes a gradient step O(128²) instead of
///    O(n²)); results are snapped, re-scored with the full posterior, and each
///    categorical coordinate of the winner is swept over its other values. A winner that coincides
///    with an observed or pending point, or lies within ``stoppedTrialRadius`` of a stopped trial, is
///    replaced by the best candidate that does not.
///    (Extra candidates perturbing the best observations were tried and dropped: they made the
///    search more local and stuck more hartmann6 seeds in its second basin. Trust-region candidates
///    around the incumbent, ``Options/trustRegionCandidates``, are an option, off by default: measured
///    there.)
///
/// Suggestions carry `gp.params` (packed θ: `[log ℓ…, log a, log σ²_n]`, then `[log a_j, log b_j]` per
/// coordinate with ``Options/inputWarping``), `gp.acquisition` (its
/// value) and `gp.phase` (`sobol`, `model`, `local` or `thompson` with those options, or `fallback`
/// when the model could not be built).
public struct GPSampler: Sampler {
    public let name = "bayes"
    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Builds the sampler from config option values (see ``Options/init(_:)`` for the keys).
    public init(options values: [String: AttributeValue]) throws(GPSamplerError) {
        self.init(options: try Options(values))
    }

    /// L-BFGS-B settings of the hyperparameter fit: Optuna's gradient tolerance (1e-2 on the
    /// log-hyperparameters — the acquisition does not change visibly below that), capped iterations.
    static let fitOptions = LBFGSB.Options(pgtol: 1e-2, factr: 1e8, maxIterations: 50, maxEvaluations: 80)

    /// Cold fits (no warm start in history) run their multi-start search on the first subset size
    /// below the number of fit points, then refine the winner on each larger subset and finally on all
    /// fit points with ``refineOptions``: the expensive large-n likelihoods only polish a good start.
    static let coarseFitPoints = [32, 64]

    /// Budget of each refinement stage of a cold fit.
    static let refineOptions = LBFGSB.Options(pgtol: 1e-2, factr: 1e8, maxIterations: 12, maxEvaluations: 15)

    /// From twice this many conditioning points on (below, building the local posteriors costs about
    /// what it saves), each local acquisition climb uses the posterior on this many points nearest to
    /// its start (see ``AcquisitionFunction/localized(around:count:)``); winners are
    /// re-scored with the full posterior before one is chosen.
    static let localAcquisitionPoints = 128

    /// Complete trials needed before the model replaces the Sobol design, however many were pruned.
    static let minimumFitPoints = 3

    /// Attribute key of the fitted hyperparameters.
    public static let paramsKey = "gp.params"

    public func suggest(in context: SamplingContext) throws -> Suggestion {
        let layout = UnitCubeLayout(context.space)
        let d = layout.dimension
        var xs: [[Double]] = []
        var ys: [Double] = []
        var intermediates: [[Int: Double]] = []
        for t in context.completed {
            guard let v = t.value, v.isFinite, let u = layout.encode(t.params) else { continue }
            xs.append(u)
            ys.append(context.direction.minimizing(v))
            intermediates.append(t.intermediateValues.mapValues { context.direction.minimizing($0) })
        }
        // Pruned trials count towards the design (they enter the model); at least 3 complete ones fit it.
        let pruned = options.prunedTrials == .ignore ? 0
            : context.trials.reduce(0) { $0 + ($1.state == .pruned && $1.number != context.trialNumber ? 1 : 0) }
        if xs.count < GPSampler.minimumFitPoints || xs.count + pruned < options.initialDesign(dimension: d) {
            return try initialDesign(context, phase: "sobol")
        }
        do {
            return try modelSuggestion(context, layout: layout, xs: xs, ys: ys, intermediates: intermediates)
        } catch {
            return try initialDesign(context, phase: "fallback")
        }
    }

    func initialDesign(_ context: SamplingContext, phase: String) throws -> Suggestion {
        var s = try SobolSampler().suggest(in: context)
        s.attributes["gp.phase"] = .string(phase)
        return s
    }

    /// Indices used for the hyperparameter fit: all when few; else the best quarter and an even spread.
    static func fitSubset(_ ys: [Double], limit: Int) -> [Int] {
        let n = ys.count
        if n <= limit { return Array(0..<n) }
        let order = (0..<n).sorted { ys[$0] < ys[$1] || (ys[$0] == ys[$1] && $0 < $1) }
        let nBest = limit / 4
        var chosen = Set(order.prefix(nBest))
        let rest = order.dropFirst(nBest).sorted()
        let nRest = limit - nBest
        for k in 0..<nRest { chosen.insert(rest[k * rest.count / nRest]) }
        return chosen.sorted()
    }

    func modelSuggestion(_ context: SamplingContext, layout: UnitCubeLayout, xs: [[Double]], ys rawY: [Double],
                         intermediates: [[Int: Double]] = []) throws -> Suggestion {
        let d = layout.dimension
        let n = xs.count
        let x = Matrix(rows: n, columns: d, storage: xs.flatMap { $0 })
        let stopped = stoppedTrials(context, layout: layout)
        // One output warp over complete and pruned trials (GPSampler+StoppedTrials).
        let (ys, stoppedY) = GPSampler.warpedTargets(stopped, raw: rawY, intermediates: intermediates)
        // Pruned trials with a mapped value are data for the hyperparameter fit too (worst-value
        // imputations are not: they would teach the fit short length scales that are not there).
        let mapped = stopped.indices.filter { stopped[$0].value != nil }
        let fitXs = xs + mapped.map { stopped[$0].point }, fitYs = ys + mapped.map { stoppedY[$0] }

        // Hyperparameters (MAP), warm-started from history.
        let prior = options.prior(dimension: d)
        let subset = GPSampler.fitSubset(fitYs, limit: options.maxFitPoints)
        let fitX = Matrix(rows: subset.count, columns: d, storage: subset.flatMap { fitXs[$0] })
        let fitY = subset.map { fitYs[$0] }
        var fitter = GPFitter(kernel: options.kernel, prior: prior, bounds: options.bounds, optimizer: GPSampler.fitOptions)
        fitter.warped = options.warped(layout)
        let packedCount = d + 2 + (fitter.warped.map(InputWarp.parameterCount) ?? 0)  // with warping: + the warp's
        let fit: GPFitter.Result
        if let warm = context.trials.reversed().lazy.compactMap({ $0.attributes[GPSampler.paramsKey]?.doubles })
            .first(where: { $0.count == packedCount && $0.allSatisfy(\.isFinite) }) {
            // One more observation rarely moves the MAP far: the previous optimum is the only start.
            fit = try fitter.fit(inputs: fitX, targets: fitY, categorical: layout.categorical, starts: [warm])
        } else {
            // Cold: multi-start on a small subset (cheap), then refine on the fit set from its optimum.
            var starts = [prior.mode(dimension: d)]
            var rng = context.rng(20)
            for _ in 0..<options.fitRestarts {
                // log ℓ ~ N(mode, 1), amplitude within e^±1 of 1, noise log-uniform in [e^-12, e^-2].
                var theta = starts[0]
                for j in 0..<d { theta[j] += rng.nextNormal() }
                theta[d] = rng.nextUniform(-1, 1)
                theta[d + 1] = rng.nextUniform(-12, -2)
                starts.append(theta)
            }
            var stageFitter = fitter
            for size in GPSampler.coarseFitPoints where size < fitY.count {
                let coarse = GPSampler.fitSubset(fitY, limit: size)
                let cx = Matrix(rows: coarse.count, columns: d, storage: coarse.flatMap { fitX.row($0) })
                let c = try stageFitter.fit(inputs: cx, targets: coarse.map { fitY[$0] }, categorical: layout.categorical, starts: starts)
                starts = [c.packed]
                stageFitter.optimizer = GPSampler.refineOptions
            }
            fit = try stageFitter.fit(inputs: fitX, targets: fitY, categorical: layout.categorical, starts: starts)
        }
        let theta = fit.hyperparameters, warp = fit.warp
        if let local = localStep(context, layout: layout, xs: xs, ys: ys, theta: theta) {  // GPSampler+TrustRegion
            var s = Suggestion(params: try context.space.decode(local))
            s.attributes[GPSampler.paramsKey] = AttributeValue(fit.packed)
            s.attributes["gp.phase"] = .string("local")
            return s
        }

        // Posterior on every observation, the stopped (pruned/failed) trials at their pessimistic
        // values and the pending points at the constant lie (worst value).
        var pendingRows: [[Double]] = []
        for t in context.pending where t.number != context.trialNumber {
            if let u = layout.encode(t.params) { pendingRows.append(u) }
        }
        let lie = ys.max() ?? 0
        let stoppedRows = stopped.map(\.point)
        let extraRows = stoppedRows + pendingRows
        // Pruned trials as censored observations (GPSampler+CensoredTrials).
        let stoppedTargets = censoredTargets(stoppedY, stopped, complete: x, ys: ys, theta: theta, warp: warp, layout: layout)
        let (targets, best) = GPSampler.posteriorTargets(ys, extra: stoppedTargets + Array(repeating: lie, count: pendingRows.count),
                                                         priorMean: options.priorMean)
        let gp = try GaussianProcess(
            inputs: Matrix(rows: n + extraRows.count, columns: d, storage: x.storage + extraRows.flatMap { $0 }),
            targets: targets, kernel: options.kernel, hyperparameters: theta, categorical: layout.categorical, warp: warp)
        // Constraints (GPSampler+Feasibility): the incumbent is the best feasible value, on the same
        // prior-mean-relative scale as `targets`.
        let constraintModel = try feasibility(context, layout: layout, ys: ys, pending: pendingRows)
        let incumbent = constraintModel.map { $0.best - options.priorMean * (ys.max() ?? 0) }
            ?? GPSampler.improvementTarget(gp, observedCount: n, best: best, mode: options.incumbent)
        if constraintModel == nil, let u = thompsonStep(context, gp: gp, layout: layout, xs: xs, ys: ys, pending: pendingRows,
                                                         stopped: stoppedRows, theta: theta) {  // GPSampler+Thompson
            var s = Suggestion(params: try context.space.decode(u))
            s.attributes[GPSampler.paramsKey] = AttributeValue(fit.packed)
            s.attributes["gp.phase"] = .string("thompson")
            return s
        }
        var logEI = AcquisitionFunction(gp: gp, kind: .logExpectedImprovement(best: incumbent))
        var ucb = AcquisitionFunction(gp: gp, kind: .upperConfidenceBound(beta: options.ucbBeta))
        logEI.feasibility = constraintModel?.model
        ucb.feasibility = constraintModel?.model
        var useUCB = options.acquisition == .ucb
        if options.acquisition == .hedge {
            let history = context.trials.compactMap { $0.number == context.trialNumber ? nil : $0.attributes[GPSampler.hedgeKey]?.doubles }
            let p = GPSampler.hedgeProbabilities(GPSampler.hedgeGains(gp, history: history, dimension: d))
            var rng = context.rng(22)
            useUCB = rng.nextUnit() >= p[0]
        }
        let order = (0..<n).sorted { ys[$0] < ys[$1] || (ys[$0] == ys[$1] && $0 < $1) }
        var taken = xs + pendingRows
        taken.sort { $0.lexicographicallyPrecedes($1) }
        let (point, value, shadow) = try optimizeAcquisition(useUCB ? ucb : logEI, layout: layout, context: context,
                                                             incumbents: order.prefix(max(5, options.incumbentStarts)).map { xs[$0] }, taken: taken,
                                                             stopped: stoppedRows,
                                                             shadow: options.acquisition == .hedge ? (useUCB ? logEI : ucb) : nil)
        if let floor = options.stallLogEI, !useUCB, constraintModel == nil, value < floor, GPSampler.stagnant(ys, dimension: d),
           let local = localStep(context, layout: layout, xs: xs, ys: ys, theta: theta, stalled: true), !GPSampler.contains(taken, local) {
            var s = Suggestion(params: try context.space.decode(local))  // GPSampler+TrustRegion: LogEI expects nothing
            s.attributes[GPSampler.paramsKey] = AttributeValue(fit.packed)
            s.attributes["gp.phase"] = .string("local")
            return s
        }
        var s = Suggestion(params: try context.space.decode(point))
        if let shadow { s.attributes[GPSampler.hedgeKey] = AttributeValue(useUCB ? shadow + point : point + shadow) }
        s.attributes[GPSampler.paramsKey] = AttributeValue(fit.packed)
        s.attributes["gp.acquisition"] = .number(value)
        s.attributes["gp.phase"] = .string("model")
        if let constraintModel { s.attributes[GPSampler.constraintParamsKey] = AttributeValue(constraintModel.packed) }
        return s
    }

    /// The posterior's targets (`ys`, the complete trials' warped values, then `extra`) and the
    /// incumbent, both relative to the prior mean `priorMean · max(ys)` (``Options/priorMean``; the
    /// warped values have mean 0): a
    /// zero-mean GP on `y − m` is a GP with constant mean m on y. The hyperparameters stay fitted on
    /// the warped values themselves.
    static func posteriorTargets(_ ys: [Double], extra: [Double], priorMean fraction: Double) -> (targets: [Double], best: Double) {
        let m = fraction * (ys.max() ?? 0)
        return ((ys + extra).map { $0 - m }, (ys.min() ?? 0) - m)
    }

    /// LogEI's incumbent on the posterior's scale: `best` (the lowest observed target) or, with
    /// ``Options/Incumbent/posteriorMean``, the lowest posterior mean at the observed points — the GP's
    /// first `observedCount` inputs (the complete trials, as in ``suggest(in:)``), whose means
    /// ``GaussianProcess/meanAtInputs(count:)`` gives in O(n).
    static func improvementTarget(_ gp: GaussianProcess, observedCount: Int, best: Double, mode: Options.Incumbent) -> Double {
        guard mode == .posteriorMean, observedCount > 0 else { return best }
        return gp.meanAtInputs(count: observedCount).min() ?? best
    }

    /// Maximises `acquisition` over the cube; returns the canonical point and its value, and the
    /// best candidate under `shadow` (scored with the same prediction) when one is given.
    func optimizeAcquisition(_ acquisition: AcquisitionFunction, layout: UnitCubeLayout, context: SamplingContext,
                             incumbents: [[Double]], taken: [[Double]], stopped: [[Double]] = [],
                             shadow: AcquisitionFunction? = nil) throws -> ([Double], Double, [Double]?) {
        let (point, value, candidates, shadowScores) = try climbAcquisition(acquisition, layout: layout, context: context, incumbents: incumbents,
                                                                           taken: taken, stopped: stopped, shadow: shadow)
        let shadowBest = shadowScores.indices.max { shadowScores[$0] < shadowScores[$1] }.map { candidates[$0] }
        return (point, value, shadowBest)
    }

    private func climbAcquisition(_ acquisition: AcquisitionFunction, layout: UnitCubeLayout, context: SamplingContext,
                                  incumbents: [[Double]], taken: [[Double]], stopped: [[Double]],
                                  shadow: AcquisitionFunction?) throws -> ([Double], Double, [[Double]], [Double]) {
        let d = layout.dimension
        // 1. Candidates: scrambled Sobol points and the trust region's, snapped.
        var rng = context.rng(21)
        let sobol = try SobolSequence(dimension: d, scrambleSeed: rng.next())
        var candidates: [[Double]] = sobol.points(0..<options.candidates)
        if options.trustRegionCandidates > 0, let center = incumbents.first {  // GPSampler+TrustRegion
            var local = context.rng(23)
            candidates += GPSampler.trustRegionCandidates(
                around: center, logLengthscales: acquisition.gp.hyperparameters.logLengthscales, categorical: layout.categorical,
                count: options.trustRegionCandidates, scale: options.trustRegionScale, rng: &local)
        }
        for i in candidates.indices { layout.canonicalize(&candidates[i]) }
        let candidateMatrix = Matrix(rows: candidates.count, columns: d, storage: candidates.flatMap { $0 })
        let (mean, variance) = acquisition.gp.predict(candidateMatrix)
        let scores = acquisition.values(mean: mean, variance: variance, at: candidateMatrix)
        let shadowScores = shadow?.values(mean: mean, variance: variance, at: candidateMatrix) ?? []
        let ranked = candidates.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }

        // 2. Local L-BFGS-B from the best distinct candidates and the incumbent.
        var starts: [[Double]] = []
        for i in ranked where starts.count < options.restarts {
            if !starts.contains(candidates[i]) { starts.append(candidates[i]) }
        }
        for inc in incumbents.prefix(options.incumbentStarts) where !starts.contains(inc) { starts.append(inc) }
        let finals: [[Double]] = starts.compactMap { start in
            let local = acquisition.gp.count >= 2 * GPSampler.localAcquisitionPoints
                ? acquisition.localized(around: start, count: GPSampler.localAcquisitionPoints) ?? acquisition : acquisition
            return AcquisitionClimb.climb(from: start, layout: layout) { u, g in local.valueAndGradient(u, gradient: &g) }
        }
        // 3. Categorical sweep around the best local result.
        var pool = finals + ranked.prefix(64).map { candidates[$0] }
        var poolScores = acquisition.values(Matrix(rows: pool.count, columns: d, storage: pool.flatMap { $0 }))
        if layout.categorical.contains(true), let top = pool.indices.max(by: { poolScores[$0] < poolScores[$1] }) {
            var current = pool[top]
            var currentScore = poolScores[top]
            for j in 0..<d where layout.categorical[j] {
                guard case let .categorical(choices) = context.space.parameters[j].domain else { continue }
                var variants: [[Double]] = []
                for k in 0..<choices.count {
                    var u = current
                    u[j] = (Double(k) + 0.5) / Double(choices.count)
                    layout.canonicalize(&u)
                    if u != current { variants.append(u) }
                }
                if variants.isEmpty { continue }
                let vs = acquisition.values(Matrix(rows: variants.count, columns: d, storage: variants.flatMap { $0 }))
                if let k = vs.indices.max(by: { vs[$0] < vs[$1] }), vs[k] > currentScore {
                    current = variants[k]; currentScore = vs[k]
                }
            }
            pool.append(current)
            poolScores.append(currentScore)
        }
        // 4. Best point that is not already observed or pending, nor near a stopped trial.
        let byScore = pool.indices.sorted { poolScores[$0] > poolScores[$1] || (poolScores[$0] == poolScores[$1] && $0 < $1) }
        func fresh(_ u: [Double]) -> Bool { !GPSampler.contains(taken, u) && !GPSampler.isNearStopped(u, stopped) }
        for i in byScore where fresh(pool[i]) { return (pool[i], poolScores[i], candidates, shadowScores) }
        for i in ranked where fresh(candidates[i]) { return (candidates[i], scores[i], candidates, shadowScores) }
        for i in byScore where !GPSampler.contains(taken, pool[i]) { return (pool[i], poolScores[i], candidates, shadowScores) }
        for i in ranked where !GPSampler.contains(taken, candidates[i]) { return (candidates[i], scores[i], candidates, shadowScores) }
        return (pool[byScore[0]], poolScores[byScore[0]], candidates, shadowScores)
    }

    /// Whether sorted `rows` contains `u` exactly (binary search).
    static func contains(_ rows: [[Double]], _ u: [Double]) -> Bool {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].lexicographicallyPrecedes(u) { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo] == u
    }
}

