import Foundation
import SweepMath
import Testing
@testable import SweepCore

/// Runs `count` sequential trials of `sampler` on `problem` (constraints from `constraints`).
private func optimize(_ sampler: some MultiObjectiveSampler, _ problem: MultiObjectiveTestFunction, count: Int, seed: UInt64,
                      constraints: (([Double]) -> [Double])? = nil) throws -> [MultiObjectiveTrial] {
    var trials: [MultiObjectiveTrial] = []
    for n in 0..<count {
        let context = MultiObjectiveSamplingContext(space: problem.searchSpace, trialNumber: n, seed: seed,
                                                    directions: minimizeAll(problem.objectiveCount), trials: trials)
        let s = try sampler.suggest(in: context)
        let x = (0..<problem.dimension).map { s.params["x\($0)"]!.doubleValue! }
        trials.append(MultiObjectiveTrial(number: n, state: .complete, params: s.params, values: problem(x),
                                          constraints: constraints?(x), attributes: s.attributes))
    }
    return trials
}

private func minimizeAll(_ m: Int) -> [Direction] { Array(repeating: .minimize, count: m) }

private func feasibleHypervolume(_ trials: [MultiObjectiveTrial], reference: [Double]) throws -> Double {
    let kept = trials.filter { ConstraintDomination.isFeasible($0.constraints ?? []) }
    return try Hypervolume.compute(kept.map { $0.values! }, reference: reference, directions: minimizeAll(reference.count))
}

@Suite struct MultiObjectiveGPSamplerTests {
    /// BraninCurrin, 30 evaluations (10 Sobol + 20 model), seeds 0 and 1: at least 92% of the maximum
    /// hypervolume (59.36; measured 0.945 and 0.930), while 30 Sobol points of the same seeds stay below
    /// half of it (measured 0.13 and 0.15: most of the cube has Branin values beyond the reference 18).
    @Test func convergesOnBraninCurrin() throws {
        let problem = MultiObjectiveTestFunction.braninCurrin
        for seed: UInt64 in [0, 1] {
            let trials = try optimize(MultiObjectiveGPSampler(), problem, count: 30, seed: seed)
            let hv = try feasibleHypervolume(trials, reference: problem.referencePoint)
            #expect(hv >= 0.92 * problem.maxHypervolume, "seed \(seed): \(hv / problem.maxHypervolume)")
            #expect(trials.suffix(20).allSatisfy { $0.attributes["mogp.phase"] == .string("model") })
            let sobol = try optimize(MultiObjectiveGPSampler(options: .init(initialDesignCount: 1000)), problem, count: 30, seed: seed)
            let hvSobol = try feasibleHypervolume(sobol, reference: problem.referencePoint)
            #expect(hvSobol < 0.5 * problem.maxHypervolume, "seed \(seed): Sobol \(hvSobol / problem.maxHypervolume)")
        }
    }

    /// Constrained BraninCurrin, 30 evaluations: the model's proposals are mostly feasible and the
    /// feasible hypervolume beats 30 Sobol points'.
    @Test func honoursConstraints() throws {
        let problem = ConstrainedMultiObjectiveTestFunction.constrainedBraninCurrin
        let trials = try optimize(MultiObjectiveGPSampler(), problem.objectives, count: 30, seed: 3, constraints: problem.constraints)
        let sobol = try optimize(MultiObjectiveGPSampler(options: .init(initialDesignCount: 1000)), problem.objectives, count: 30,
                                 seed: 3, constraints: problem.constraints)
        let model = trials.suffix(20)
        let feasible = model.filter { ConstraintDomination.isFeasible($0.constraints) }.count
        #expect(feasible >= 15, "\(feasible) of 20 model proposals feasible")
        let hv = try feasibleHypervolume(trials, reference: problem.referencePoint)
        let hvSobol = try feasibleHypervolume(sobol, reference: problem.referencePoint)
        #expect(hv > hvSobol, "model \(hv) vs Sobol \(hvSobol) of \(problem.maxHypervolume)")
    }

    /// ZDT1 (6 inputs), 40 evaluations, seeds 1 and 2: searching around the observed Pareto front
    /// (clamped perturbations of front points among the candidates, climbs from front points) reaches
    /// at least 92% of the maximum hypervolume (reference 11, 11; measured 0.929 and 0.927), while the
    /// Sobol-only optimiser stalls at 0.912 on both seeds (its proposals stop improving the front after
    /// 20 evaluations).
    @Test func searchesAroundTheFrontOnZDT1() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 6)
        for seed: UInt64 in [1, 2] {
            let trials = try optimize(MultiObjectiveGPSampler(), problem, count: 40, seed: seed)
            let hv = try feasibleHypervolume(trials, reference: problem.referencePoint)
            #expect(hv >= 0.92 * problem.maxHypervolume, "seed \(seed): \(hv / problem.maxHypervolume)")
        }
    }

    /// ZDT1 (6 inputs), 45 evaluations, seeds 1 and 2: with the default reference rule
    /// (``MultiObjectiveGPSampler/Options/ReferenceRule/frontTowardWorst``) the observed front leaves the
    /// corner f₁ ≈ 0 it collapses into after a lucky early point and reaches f₁ ≥ 0.9 (measured 0.98
    /// and 1.0 in release builds), where the previous default ``frontNadirWidened``'s front still ends
    /// at f₁ = 0.10 and 0.22 (and ``frontNadir``'s earlier still).
    @Test func defaultReferenceSpreadsTheFrontOnZDT1() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 6)
        for seed: UInt64 in [1, 2] {
            let trials = try optimize(MultiObjectiveGPSampler(), problem, count: 45, seed: seed)
            let values = trials.map { $0.values! }
            let front = try Pareto.nondominatedIndices(values, directions: minimizeAll(2)).map { values[$0] }
            let reach = front.map { $0[0] }.max() ?? 0
            #expect(reach >= 0.9, "seed \(seed): the front ends at f1 = \(reach)")
        }
    }

    /// The same context gives the same suggestion; a history without `mogp.params` (cold fit) and the
    /// uninterrupted one (warm) both propose deterministically.
    @Test func deterministic() throws {
        let problem = MultiObjectiveTestFunction.dtlz2(objectives: 2, dimension: 4)
        let trials = try optimize(MultiObjectiveGPSampler(), problem, count: 14, seed: 5)
        let context = MultiObjectiveSamplingContext(space: problem.searchSpace, trialNumber: 14, seed: 5,
                                                    directions: minimizeAll(2), trials: trials)
        let a = try MultiObjectiveGPSampler().suggest(in: context)
        let b = try MultiObjectiveGPSampler().suggest(in: context)
        #expect(a == b)
        #expect(a.attributes["mogp.phase"] == .string("model"))
        #expect(a.attributes[MultiObjectiveGPSampler.paramsKey]?.doubles?.count == 2 * (4 + 2))
        let again = try optimize(MultiObjectiveGPSampler(), problem, count: 14, seed: 5)
        #expect(again == trials)
    }

    /// A pending trial at the point the sampler would propose moves the next proposal elsewhere.
    @Test func pendingTrialsAreAvoided() throws {
        let problem = MultiObjectiveTestFunction.braninCurrin
        let trials = try optimize(MultiObjectiveGPSampler(), problem, count: 12, seed: 2)
        let context = MultiObjectiveSamplingContext(space: problem.searchSpace, trialNumber: 12, seed: 2,
                                                    directions: minimizeAll(2), trials: trials)
        let first = try MultiObjectiveGPSampler().suggest(in: context)
        let pending = MultiObjectiveTrial(number: 12, state: .running, params: first.params)
        let withPending = MultiObjectiveSamplingContext(space: problem.searchSpace, trialNumber: 13, seed: 2,
                                                        directions: minimizeAll(2), trials: trials + [pending])
        let second = try MultiObjectiveGPSampler().suggest(in: withPending)
        #expect(second.params != first.params)
    }

    /// The acquisition's gradient with respect to the point (LogEHVI through the GP posteriors plus
    /// log PoF) matches central differences.
    @Test func acquisitionGradientMatchesFiniteDifferences() throws {
        let xs = [[0.1, 0.2], [0.8, 0.3], [0.5, 0.9], [0.3, 0.6], [0.9, 0.9], [0.6, 0.1]]
        let x = Matrix(rows: xs.count, columns: 2, storage: xs.flatMap { $0 })
        let theta = GPHyperparameters(packed: [log(0.3), log(0.5), 0, log(1e-6)])
        let f0 = OutputTransform.standardise(xs.map { $0[0] + 0.3 * $0[1] })
        let f1 = OutputTransform.standardise(xs.map { 1 - $0[0] * $0[0] + 0.2 * $0[1] })
        let gps = try [f0, f1].map { try GaussianProcess(inputs: x, targets: $0, kernel: .matern52, hyperparameters: theta) }
        let c = ProbabilityOfFeasibility.standardise(xs.map { $0[0] + $0[1] - 1.2 })
        let cgp = try GaussianProcess(inputs: x, targets: c.targets, kernel: .matern52, hyperparameters: theta)
        let front = try Pareto.nondominatedIndices(zip(f0, f1).map { [$0, $1] }, directions: minimizeAll(2)).map { [f0[$0], f1[$0]] }
        let acq = MultiObjectiveAcquisition(objectives: gps,
                                            ehvi: try LogExpectedHypervolumeImprovement(front: front, reference: [2, 2]),
                                            feasibility: ProbabilityOfFeasibility(gps: [cgp], thresholds: [c.threshold]))
        for u in [[0.45, 0.35], [0.2, 0.75], [0.05, 0.05]] {
            var g = [0.0, 0.0]
            let v = acq.valueAndGradient(u, gradient: &g)
            #expect(abs(v - acq.values(Matrix(rows: 1, columns: 2, storage: u))[0]) < 1e-9 * max(1, abs(v)))
            let h = 1e-6
            for j in 0..<2 {
                var up = u, down = u
                up[j] += h; down[j] -= h
                var s = [0.0, 0.0]
                let fd = (acq.valueAndGradient(up, gradient: &s) - acq.valueAndGradient(down, gradient: &s)) / (2 * h)
                #expect(abs(g[j] - fd) < 1e-4 * max(1, abs(fd)), "at \(u), coordinate \(j): \(g[j]) vs \(fd)")
            }
        }
    }
}
