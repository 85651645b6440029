import Foundation
import SweepMath

/// Gaussian-process Bayesian optimisation for several objectives (config `method: bayes` with more
/// than one metric): independent GPs per objective, LogEHVI over the exact box decomposition, times
/// the probability of feasibility when trials carry constraint values.
///
/// A pure function of the ``MultiObjectiveSamplingContext``:
/// 1. **Initial design**: until ``Options/initialDesign(dimension:)`` (`max(10, 2d)`) complete trials
///    with a full value vector exist, trial n takes point n of the scrambled Sobol sequence (exactly
///    ``SobolSampler``'s point, as ``GPSampler`` does).
/// 2. **Models**: on the unit cube (``UnitCubeLayout``), one GP per objective on the minimised values,
///    each warped as ``GPSampler`` warps its single objective (standardise, Yeo–Johnson, standardise:
///    monotone, so Pareto dominance is unchanged), and one GP per constraint on standardised constraint
///    values. Hyperparameters: MAP with ``GPFitter`` (prior ``GPPrior/standard``), warm-started from
///    the `mogp.params` attribute of the latest trial carrying it, cold otherwise (prior mode plus
///    random starts on a subset, then refinement, as ``GPSampler``).
///    Pending trials enter every posterior at the worst value (constant liar), so parallel workers
///    get different points.
/// 3. **Acquisition**: ``LogExpectedHypervolumeImprovement`` of the feasible observations (warped
///    scale) with the reference point a tenth of the way from their Pareto front's nadir point
///    (`nadir + max(0.1·front range, 0.1)`, BoTorch's `infer_reference_point` rule) to their worst
///    point (`worst + max(0.1·range, 0.1)`) per objective (``Options/ReferenceRule/frontTowardWorst``;
///    ``Options/reference`` offers others), plus ``ProbabilityOfFeasibility`` in log space. While
///    no observation is feasible the acquisition is log PoF alone (find the feasible region first).
/// 4. **Optimisation**: ``Options/candidates`` scrambled Sobol points plus `candidates/4` Gaussian
///    perturbations (σ = 0.1, clamped into the cube, so some lie on its faces) of the observed
///    feasible Pareto-front points, scored in one batch; L-BFGS-B from the ``Options/restarts`` best
///    and from up to ``Options/restarts`` front points drawn at random (Optuna's GPSampler also starts
///    local searches at Pareto-front points); categorical and inactive coordinates held fixed; the
///    best snapped point that is neither observed nor pending wins (``Options/searchAroundFront``
///    false: Sobol candidates only).
///
/// Suggestions carry `mogp.params` (packed θ of every objective then every constraint GP),
/// `mogp.acquisition` and `mogp.phase` (`sobol`, `model`, or `fallback` when no model could be built).
public struct MultiObjectiveGPSampler: MultiObjectiveSampler {
    /// Settings; every default is used for all problems.
    public struct Options: Sendable, Hashable {
        /// Sobol points before the models take over; nil → `max(10, 2d)` (``GPSampler``'s rule).
        public var initialDesignCount: Int?
        /// Sobol candidates scored per suggestion (≥ 16).
        public var candidates: Int
        /// Local L-BFGS-B climbs from the best candidates (≥ 1).
        public var restarts: Int
        /// Random starts of a cold hyperparameter fit on top of the prior mode (≥ 0).
        public var fitRestarts: Int
        /// Covariance shape of every GP.
        public var kernel: GPKernel
        /// Whether objective values are Yeo–Johnson warped between two standardisations (true) or only
        /// standardised (false) before the GPs and the hypervolume improvement see them.
        public var warp: Bool
        /// Whether the acquisition optimiser also starts from the observed Pareto-front points: clamped
        /// Gaussian perturbations of them join the candidates and up to ``restarts`` of them start
        /// local climbs (true), or only Sobol candidates are used (false).
        public var searchAroundFront: Bool
        /// Where the hypervolume improvement's reference point sits.
        public var reference: ReferenceRule
        /// When set (in [0, 1]), overrides ``reference``: the reference point is
        /// `frontNadir + blend·(worstObserved − frontNadir)` per objective (0.5 is ``ReferenceRule/midway``,
        /// ``defaultBlend`` is the default ``ReferenceRule/frontTowardWorst``).
        public var referenceBlend: Double?

        /// The reference point of the hypervolume improvement, per objective on the warped, minimised
        /// scale the GPs model. `range` is a column's max − min; every margin is at least 0.1 (a unit of
        /// the standardised scale is one standard deviation of the observations).
        public enum ReferenceRule: String, Sendable, Hashable, CaseIterable {
            /// The default: a tenth (``MultiObjectiveGPSampler/defaultBlend``) of the way from the
            /// ``frontNadir`` point to the ``worstObserved`` point, per objective. Near the front when the
            /// front spans the observations (DTLZ2), so proposals refine it; a good way out when the front
            /// has collapsed into a corner of them (ZDT1 after a lucky early point), so a proposal that
            /// extends the front far along one objective still earns volume. The only rule measured to
            /// meet issue 16's goal on all four benchmark problems (`docs/multi-objective.md`).
            case frontTowardWorst
            /// The previous default. `nadir + max(0.1·front range, 0.1·(worst − nadir), 0.1)`: the nadir of the observed
            /// feasible Pareto front, pushed out by a tenth of the front's own span or of the distance
            /// from the nadir to the worst feasible observation, whichever is larger. The second term
            /// matters when the front has collapsed into a corner of the observed range (ZDT1 after a
            /// lucky early point): with ``frontNadir`` the box then spans a few hundredths of the
            /// objective and points beyond it earn nothing, so the front creeps along by that much per
            /// proposal; here each proposal may reach a tenth of the way to the worst observation.
            case frontNadirWidened
            /// `nadir + max(0.1·range, 0.1)` of the observed feasible Pareto front (BoTorch's
            /// `infer_reference_point` rule with a floor): only the front's own span counts.
            case frontNadir
            /// `worst + max(0.1·range, 0.1)` over all feasible observations (the spirit of Optuna's
            /// GPSampler, which takes 1.1 × the worst standardised observation): the front's extremes
            /// gain volume, as they do under the far reference points of the standard benchmarks.
            case worstObserved
            /// Halfway between ``frontNadir`` and ``worstObserved``.
            case midway
            /// `worst + max(0.1·|worst|, 0.1)` per objective over all feasible observations: Optuna 5.0
            /// GPSampler's `max(1.1·w, 0.9·w)` (10 % of the worst standardised value beyond it), with the
            /// same 0.1 floor as the other rules.
            case worstScaled
            /// The larger of ``frontNadirWidened`` and the front-nadir point of the front the models
            /// predict (posterior means at Sobol points, observations included; see
            /// `referencePoint(front:observed:predicted:)`).
            case predictedFront
        }

        public init(initialDesignCount: Int? = nil, candidates: Int = 1024, restarts: Int = 5, fitRestarts: Int = 1,
                    kernel: GPKernel = .matern52, warp: Bool = true, searchAroundFront: Bool = true,
                    reference: ReferenceRule = .frontTowardWorst, referenceBlend: Double? = nil) {
            self.referenceBlend = referenceBlend.map { min(1, max(0, $0)) }
            self.warp = warp
            self.searchAroundFront = searchAroundFront
            self.reference = reference
            self.initialDesignCount = initialDesignCount
            self.candidates = max(16, candidates)
            self.restarts = max(1, restarts)
            self.fitRestarts = max(0, fitRestarts)
            self.kernel = kernel
        }

        /// The initial-design size for a `dimension`-dimensional space.
        public func initialDesign(dimension: Int) -> Int { initialDesignCount ?? max(10, 2 * dimension) }
    }

    public let name = "bayes"
    public var options: Options

    /// The weight of ``Options/ReferenceRule/frontTowardWorst``: 0.1 of the way from the front's nadir
    /// point to the worst-observation point.
    public static let defaultBlend = 0.1

    /// Attribute key of the packed hyperparameters of all GPs.
    public static let paramsKey = "mogp.params"

    public init(options: Options = Options()) { self.options = options }

    public func suggest(in context: MultiObjectiveSamplingContext) throws -> Suggestion {
        let m = context.directions.count
        guard m > 0 else { throw MultiObjectiveError.noObjectives }
        guard Hypervolume.supportedObjectives.contains(m) else {
            throw MultiObjectiveError.unsupportedObjectiveCount(operation: "the multi-objective GP sampler", got: m,
                                                                supported: Hypervolume.supportedObjectives)
        }
        let layout = UnitCubeLayout(context.space)
        var data = ModelData()
        for t in context.completed {
            guard let u = layout.encode(t.params), let v = t.values else { continue }
            data.xs.append(u)
            data.ys.append(zip(v, context.directions).map { $1.minimizing($0) })
            data.constraints.append(t.constraints)
        }
        if data.xs.count < max(GPSampler.minimumFitPoints, options.initialDesign(dimension: layout.dimension)) {
            return try initialDesign(context, phase: "sobol")
        }
        do {
            return try modelSuggestion(context, layout: layout, data: data)
        } catch {
            return try initialDesign(context, phase: "fallback")
        }
    }

    /// Observations in the minimisation frame.
    struct ModelData {
        var xs: [[Double]] = []
        var ys: [[Double]] = []
        var constraints: [[Double]?] = []
    }

    func initialDesign(_ context: MultiObjectiveSamplingContext, phase: String) throws -> Suggestion {
        let single = SamplingContext(space: context.space, trialNumber: context.trialNumber, seed: context.seed,
                                     direction: .minimize, trials: [])
        var s = try SobolSampler().suggest(in: single)
        s.attributes["mogp.phase"] = .string(phase)
        return s
    }

    func modelSuggestion(_ context: MultiObjectiveSamplingContext, layout: UnitCubeLayout, data: ModelData) throws -> Suggestion {
        let d = layout.dimension, n = data.xs.count, m = context.directions.count
        let x = Matrix(rows: n, columns: d, storage: data.xs.flatMap { $0 })
        // Constraints: the count of the first trial that has any; trials without a full finite vector
        // are left out of the constraint models and count as infeasible.
        let constraintCount = data.constraints.lazy.compactMap { $0?.count }.first ?? 0
        let constraintRows = (0..<n).filter { i in
            guard let c = data.constraints[i] else { return false }
            return c.count == constraintCount && c.allSatisfy(\.isFinite)
        }
        var targets: [[Double]] = (0..<m).map { k in
            let column = data.ys.map { $0[k] }
            return options.warp ? OutputTransform.powerStandardise(column) : OutputTransform.standardise(column)
        }
        var thresholds: [Double] = []
        for j in 0..<constraintCount {
            let s = ProbabilityOfFeasibility.standardise(constraintRows.map { data.constraints[$0]![j] })
            targets.append(s.targets)
            thresholds.append(s.threshold)
        }
        let warm = context.trials.reversed().lazy.compactMap { $0.attributes[Self.paramsKey]?.doubles }
            .first { $0.count == targets.count * (d + 2) && $0.allSatisfy(\.isFinite) }
        var pendingRows: [[Double]] = []
        for t in context.trials where (t.state == .running || t.state == .waiting) && t.number != context.trialNumber {
            if let u = layout.encode(t.params) { pendingRows.append(u) }
        }

        var gps: [GaussianProcess] = []
        var packed: [Double] = []
        var rng = context.rng(20)
        for (g, y) in targets.enumerated() {
            let rows = g < m ? Array(0..<n) : constraintRows
            let gx = rows.count == n ? x : Matrix(rows: rows.count, columns: d, storage: rows.flatMap { data.xs[$0] })
            let start = warm.map { Array($0[(g * (d + 2))..<((g + 1) * (d + 2))]) }
            let theta = try GPModelFit.hyperparameters(gx, y, layout: layout, kernel: options.kernel,
                                                       fitRestarts: options.fitRestarts, warm: start, rng: &rng)
            packed += theta.packed
            let lie = y.max() ?? 0
            gps.append(try GaussianProcess(
                inputs: Matrix(rows: rows.count + pendingRows.count, columns: d, storage: gx.storage + pendingRows.flatMap { $0 }),
                targets: y + Array(repeating: lie, count: pendingRows.count),
                kernel: options.kernel, hyperparameters: theta, categorical: layout.categorical))
        }

        // Feasible observations on the warped scale, their front and reference point.
        let feasible = (0..<n).filter { i in
            constraintCount == 0 || (constraintRows.contains(i) && ConstraintDomination.isFeasible(data.constraints[i]))
        }
        let warped = feasible.map { i in (0..<m).map { targets[$0][i] } }
        var ehvi: LogExpectedHypervolumeImprovement?
        var incumbents: [[Double]] = []
        if !warped.isEmpty {
            let frontIndices = try Pareto.nondominatedIndices(warped, directions: Array(repeating: .minimize, count: m))
            let front = frontIndices.map { warped[$0] }
            if options.searchAroundFront { incumbents = frontIndices.map { data.xs[feasible[$0]] } }
            let reference: [Double]
            if let blend = options.referenceBlend {
                reference = Self.referencePoint(front: front, observed: warped, blend: blend)
            } else if options.reference == .predictedFront {
                let predicted = try Self.predictedValues(objectives: Array(gps[0..<m]), constraints: Array(gps[m...]),
                                                         thresholds: thresholds, layout: layout, rng: context.rng(22))
                reference = try Self.referencePoint(front: front, observed: warped, predicted: predicted)
            } else {
                reference = Self.referencePoint(front: front, observed: warped, rule: options.reference)
            }
            ehvi = try LogExpectedHypervolumeImprovement(front: front, reference: reference)
        }
        let acquisition = MultiObjectiveAcquisition(
            objectives: Array(gps[0..<m]), ehvi: ehvi,
            feasibility: constraintCount == 0 ? nil : ProbabilityOfFeasibility(gps: Array(gps[m...]), thresholds: thresholds))
        var taken = data.xs + pendingRows
        taken.sort { $0.lexicographicallyPrecedes($1) }
        let (point, value) = try acquisition.maximize(layout: layout, space: context.space, options: options,
                                                      rng: context.rng(21), taken: taken,
                                                      incumbents: incumbents)
        var s = Suggestion(params: try context.space.decode(point))
        s.attributes[Self.paramsKey] = AttributeValue(packed)
        s.attributes["mogp.acquisition"] = .number(value.isFinite ? value : -1e300)
        s.attributes["mogp.phase"] = .string("model")
        return s
    }

    /// The hypervolume reference point of a minimised `front` among the `observed` feasible values (warped
    /// scale), per ``Options/ReferenceRule``.
    static func referencePoint(front: [[Double]], observed: [[Double]], rule: Options.ReferenceRule) -> [Double] {
        (0..<(front.first?.count ?? 0)).map { k in
            let f = front.map { $0[k] }, o = observed.map { $0[k] }
            let nadir = f.max() ?? 0, frontRange = nadir - (f.min() ?? 0)
            let worst = o.max() ?? 0, observedRange = worst - (o.min() ?? 0)
            let near = nadir + max(0.1 * frontRange, 0.1), far = worst + max(0.1 * observedRange, 0.1)
            switch rule {
            case .frontTowardWorst: return near + Self.defaultBlend * (far - near)
            case .frontNadirWidened, .predictedFront:  // .predictedFront without predictions
                return nadir + max(0.1 * frontRange, 0.1 * (worst - nadir), 0.1)
            case .frontNadir: return near
            case .worstObserved: return far
            case .midway: return 0.5 * (near + far)
            case .worstScaled: return worst + max(0.1 * abs(worst), 0.1)
            }
        }
    }

    /// `frontNadir + blend·(worstObserved − frontNadir)` per objective (``Options/referenceBlend``).
    static func referencePoint(front: [[Double]], observed: [[Double]], blend: Double) -> [Double] {
        let near = referencePoint(front: front, observed: observed, rule: .frontNadir)
        let far = referencePoint(front: front, observed: observed, rule: .worstObserved)
        return zip(near, far).map { $0 + blend * ($1 - $0) }
    }
}
