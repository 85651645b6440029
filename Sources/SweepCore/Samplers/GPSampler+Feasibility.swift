import Foundation
import SweepMath

extension GPSampler {
    /// Attribute key of the constraint GPs' packed hyperparameters (warm starts, as `gp.params`).
    public static let constraintParamsKey = "gp.constraint_params"

    /// The constraint model of a single-objective study, or nil when no complete trial carries
    /// constraint values (``ProbabilityOfFeasibility/constraintsKey``, an array of numbers, `≤ 0` =
    /// satisfied) — then nothing about the sampler changes.
    ///
    /// One GP per constraint on standardised values of the trials that report all of them (count of the
    /// first such trial), fitted like ``MultiObjectiveGPSampler``'s; pending points enter at the most
    /// violated value. `best` is the best warped value among the fit rows (`ys`, aligned with the
    /// complete trials kept by ``suggest(in:)``) that are feasible, or the worst value while none is, so
    /// LogEI only rewards improving on a feasible incumbent. Used with LogEI only (UCB is not a log
    /// quantity to add log PoF to).
    struct Feasibility {
        var model: ProbabilityOfFeasibility
        var best: Double
        var packed: [Double]
    }

    func feasibility(_ context: SamplingContext, layout: UnitCubeLayout, ys: [Double], pending: [[Double]]) throws -> Feasibility? {
        let completed = context.completed
        // Unconstrained studies (the usual case, on every suggestion) leave before anything is encoded.
        guard options.acquisition == .logEI,
              completed.contains(where: { $0.attributes[ProbabilityOfFeasibility.constraintsKey] != nil }) else { return nil }
        var xs: [[Double]] = []
        var constraints: [[Double]?] = []
        for t in completed {
            guard let v = t.value, v.isFinite, let u = layout.encode(t.params) else { continue }
            xs.append(u)
            constraints.append(t.attributes[ProbabilityOfFeasibility.constraintsKey]?.doubles)
        }
        guard xs.count == ys.count, let count = constraints.lazy.compactMap({ $0?.count }).first, count > 0 else { return nil }
        let rows = xs.indices.filter { i in constraints[i].map { $0.count == count && $0.allSatisfy(\.isFinite) } ?? false }
        guard rows.count >= GPSampler.minimumFitPoints else { return nil }
        let d = layout.dimension
        let x = Matrix(rows: rows.count, columns: d, storage: rows.flatMap { xs[$0] })
        let warm = context.trials.reversed().lazy.compactMap { $0.attributes[GPSampler.constraintParamsKey]?.doubles }
            .first { $0.count == count * (d + 2) && $0.allSatisfy(\.isFinite) }
        var rng = context.rng(22)
        var gps: [GaussianProcess] = [], thresholds: [Double] = [], packed: [Double] = []
        for j in 0..<count {
            let s = ProbabilityOfFeasibility.standardise(rows.map { constraints[$0]![j] })
            let theta = try GPModelFit.hyperparameters(x, s.targets, layout: layout, kernel: options.kernel, fitRestarts: options.fitRestarts,
                                                       warm: warm.map { Array($0[(j * (d + 2))..<((j + 1) * (d + 2))]) }, rng: &rng)
            packed += theta.packed
            let lie = s.targets.max() ?? 0
            gps.append(try GaussianProcess(
                inputs: Matrix(rows: rows.count + pending.count, columns: d, storage: x.storage + pending.flatMap { $0 }),
                targets: s.targets + Array(repeating: lie, count: pending.count),
                kernel: options.kernel, hyperparameters: theta, categorical: layout.categorical))
            thresholds.append(s.threshold)
        }
        let feasible = rows.filter { ConstraintDomination.isFeasible(constraints[$0]) }
        let best = feasible.map { ys[$0] }.min() ?? ys.max() ?? 0
        return Feasibility(model: ProbabilityOfFeasibility(gps: gps, thresholds: thresholds), best: best, packed: packed)
    }
}
