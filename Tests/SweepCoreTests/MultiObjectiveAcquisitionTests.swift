import Foundation
import SweepMath
import Testing
@testable import SweepCore

@Suite struct MultiObjectiveAcquisitionTests {
    /// A ZDT1-like history in 4-D (f1 = x0, f2 = g·(1 − √(x0/g)), g = 1 + 9·mean(x1…x3)): 16 Sobol
    /// points and a front of 4 points at x1…x3 = 0.04. The objectives keep improving towards the face
    /// x1 = x2 = x3 = 0, where ZDT1's true front lies and where Sobol candidates never are. The
    /// optimiser must propose a point on that face (x1…x3 ≤ 1e-3): L-BFGS-B's bounds take it there,
    /// with or without the front's points as starts (measured: both end at the same point).
    @Test func reachesBoundaryFrontFace() throws {
        let problem = MultiObjectiveTestFunction.zdt1(dimension: 4)
        let layout = UnitCubeLayout(problem.searchSpace)
        let sobol = try SobolSequence(dimension: 4, scrambleSeed: 11)
        var xs: [[Double]] = sobol.points(0..<16)
        xs += [0.05, 0.3, 0.6, 0.9].map { [$0, 0.04, 0.04, 0.04] }
        let ys = xs.map { problem($0) }
        let x = Matrix(rows: xs.count, columns: 4, storage: xs.flatMap { $0 })
        let targets = (0..<2).map { k in OutputTransform.standardise(ys.map { $0[k] }) }
        var rng = Xoshiro256StarStar(seed: 3, stream: 0)
        let gps = try targets.map { y in
            let theta = try GPModelFit.hyperparameters(x, y, layout: layout, kernel: .matern52, fitRestarts: 1, warm: nil, rng: &rng)
            return try GaussianProcess(inputs: x, targets: y, kernel: .matern52, hyperparameters: theta)
        }
        let warped = xs.indices.map { i in [targets[0][i], targets[1][i]] }
        let frontIndices = try Pareto.nondominatedIndices(warped, directions: [.minimize, .minimize])
        let reference = (0..<2).map { k in (warped.map { $0[k] }.max() ?? 0) + 0.1 }
        let acquisition = MultiObjectiveAcquisition(
            objectives: gps, ehvi: try LogExpectedHypervolumeImprovement(front: frontIndices.map { warped[$0] }, reference: reference),
            feasibility: nil)
        let taken = xs.sorted { $0.lexicographicallyPrecedes($1) }
        let options = MultiObjectiveGPSampler.Options()
        let (point, value) = try acquisition.maximize(layout: layout, space: problem.searchSpace, options: options,
                                                      rng: Xoshiro256StarStar(seed: 5, stream: 21), taken: taken,
                                                      incumbents: frontIndices.map { xs[$0] })
        #expect(point[1...].allSatisfy { $0 <= 1e-3 }, "proposal \(point) is off the face x1…x3 = 0")
        #expect(value.isFinite)
        let (sobolPoint, _) = try acquisition.maximize(layout: layout, space: problem.searchSpace, options: options,
                                                       rng: Xoshiro256StarStar(seed: 5, stream: 21), taken: taken)
        #expect(sobolPoint[1...].allSatisfy { $0 <= 1e-3 }, "Sobol-only proposal \(sobolPoint) is off the face x1…x3 = 0")
    }

    /// The reference-point rules on a front {(0, 1), (1, 0)} among observations reaching (3, 4):
    /// front nadir + 10% of the front's range, worst observed + 10% of the observed range, and halfway.
    @Test func referencePointRules() {
        let front = [[0.0, 1.0], [1.0, 0.0]]
        let observed = front + [[3.0, 4.0], [2.0, 0.5]]
        let near = MultiObjectiveGPSampler.referencePoint(front: front, observed: observed, rule: .frontNadir)
        let far = MultiObjectiveGPSampler.referencePoint(front: front, observed: observed, rule: .worstObserved)
        let mid = MultiObjectiveGPSampler.referencePoint(front: front, observed: observed, rule: .midway)
        #expect(zip(near, [1.1, 1.1]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(near)")
        #expect(zip(far, [3.3, 4.4]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(far)")
        #expect(zip(mid, [2.2, 2.75]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(mid)")
        // A single-point front keeps the 0.1 floor.
        #expect(MultiObjectiveGPSampler.referencePoint(front: [[2, 3]], observed: [[2, 3]], rule: .frontNadir) == [2.1, 3.1])
        // The blend option: a tenth of the way from the front's rule to the worst observed one.
        let blend = MultiObjectiveGPSampler.referencePoint(front: front, observed: observed, blend: 0.1)
        #expect(zip(blend, [1.32, 1.43]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(blend)")
        // The default rule is that blend at 0.1.
        #expect(MultiObjectiveGPSampler.Options().reference == .frontTowardWorst)
        #expect(MultiObjectiveGPSampler.referencePoint(front: front, observed: observed, rule: .frontTowardWorst) == blend)
    }

    /// Optuna's rule (``worstScaled``): 10 % of |worst| beyond the worst observation, floor 0.1 — on
    /// negative standardised values too (where `1.1·w` would be nearer than `w`).
    @Test func worstScaledReference() {
        let observed = [[0.0, 1.0], [1.0, 0.0], [3.0, 4.0]]
        let far = MultiObjectiveGPSampler.referencePoint(front: [[0.0, 1.0], [1.0, 0.0]], observed: observed, rule: .worstScaled)
        #expect(zip(far, [3.3, 4.4]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(far)")
        let negative = [[-2.0, -2.5], [-1.0, -3.0]]
        let near = MultiObjectiveGPSampler.referencePoint(front: negative, observed: negative, rule: .worstScaled)
        #expect(zip(near, [-0.9, -2.25]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(near)")
    }

    /// ``predictedFront``: the front collapsed into a corner (as in ``widenedReferenceLeavesTheCorner``)
    /// with a model that predicts a point further along f₁ at lower f₂: the reference moves out to the
    /// predicted front's nadir + 10 % of its range in f₁ (1.1) and keeps the widened rule's f₂ (1.9);
    /// without predictions it is the widened rule.
    @Test func predictedFrontReference() throws {
        let corner = [[0.0, 1.0], [0.03, 0.85]]
        let observed = corner + [[3.0, 4.0], [0.5, 10.0]]
        let widened = MultiObjectiveGPSampler.referencePoint(front: corner, observed: observed, rule: .frontNadirWidened)
        let moved = try MultiObjectiveGPSampler.referencePoint(front: corner, observed: observed, predicted: [[1.0, -0.5], [2.0, 5.0]])
        #expect(zip(moved, [1.1, 1.9]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(moved)")
        #expect(try MultiObjectiveGPSampler.referencePoint(front: corner, observed: observed, predicted: []) == widened)
    }

    /// The model's predicted values for ``predictedFront``: the posterior means at all
    /// ``MultiObjectiveGPSampler/predictedFrontPoints`` Sobol points without constraints; with the
    /// constraint x₀ + x₁ ≤ 1.2 (fitted on 6 points) only those whose predicted constraint mean is
    /// feasible — a non-empty proper subset of the same points.
    @Test func predictedValuesKeepPredictedFeasiblePoints() throws {
        let layout = UnitCubeLayout(MultiObjectiveTestFunction.braninCurrin.searchSpace)
        let xs = [[0.1, 0.2], [0.8, 0.3], [0.5, 0.9], [0.3, 0.6], [0.9, 0.9], [0.6, 0.1]]
        let x = Matrix(rows: xs.count, columns: 2, storage: xs.flatMap { $0 })
        let theta = GPHyperparameters(packed: [log(0.3), log(0.5), 0, log(1e-6)])
        let gps = try [xs.map { $0[0] + 0.3 * $0[1] }, xs.map { 1 - $0[0] * $0[0] + 0.2 * $0[1] }].map {
            try GaussianProcess(inputs: x, targets: OutputTransform.standardise($0), kernel: .matern52, hyperparameters: theta)
        }
        let c = ProbabilityOfFeasibility.standardise(xs.map { $0[0] + $0[1] - 1.2 })
        let cgp = try GaussianProcess(inputs: x, targets: c.targets, kernel: .matern52, hyperparameters: theta)
        let rng = Xoshiro256StarStar(seed: 7, stream: 22)
        let all = try MultiObjectiveGPSampler.predictedValues(objectives: gps, constraints: [], thresholds: [], layout: layout, rng: rng)
        let kept = try MultiObjectiveGPSampler.predictedValues(objectives: gps, constraints: [cgp], thresholds: [c.threshold],
                                                               layout: layout, rng: rng)
        #expect(all.count == MultiObjectiveGPSampler.predictedFrontPoints)
        #expect(all.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isFinite) })
        #expect(!kept.isEmpty && kept.count < all.count, "kept \(kept.count) of \(all.count)")
        #expect(kept.allSatisfy { k in all.contains(k) })
    }

    /// The default rule on a front collapsed into a corner of the observations (as ZDT1's after a lucky
    /// early point, standardised units: f₁ ∈ [0, 0.03] on the front, observations up to f₁ = 3 and f₂ = 10): the reference
    /// reaches a tenth of the way to the worst observation, where ``frontNadir`` stops 0.1 beyond the
    /// nadir; on a front spanning most of the observations (DTLZ2's) both rules agree.
    @Test func widenedReferenceLeavesTheCorner() {
        let corner = [[0.0, 1.0], [0.03, 0.85]]
        let observed = corner + [[3.0, 4.0], [0.5, 10.0]]
        let widened = MultiObjectiveGPSampler.referencePoint(front: corner, observed: observed, rule: .frontNadirWidened)
        let near = MultiObjectiveGPSampler.referencePoint(front: corner, observed: observed, rule: .frontNadir)
        #expect(zip(widened, [0.327, 1.9]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(widened)")
        #expect(zip(near, [0.13, 1.1]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(near)")
        let spread = [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]]
        let observedSpread = spread + [[1.4, 0.3], [0.2, 1.5]]
        #expect(MultiObjectiveGPSampler.referencePoint(front: spread, observed: observedSpread, rule: .frontNadirWidened)
                == MultiObjectiveGPSampler.referencePoint(front: spread, observed: observedSpread, rule: .frontNadir))
    }
}
