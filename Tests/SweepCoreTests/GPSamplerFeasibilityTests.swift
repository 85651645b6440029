import Foundation
import SweepMath
import Testing
@testable import SweepCore

/// Branin with the constraint `x0 ≤ 0` (its own units): only the minimum at (−π, 12.275) is feasible.
private func optimize(_ sampler: GPSampler, evaluations: Int, seed: UInt64, constrained: Bool,
                      constraint: @escaping ([Double]) -> [Double]?) throws -> [Trial] {
    let f = TestFunction.branin
    var trials: [Trial] = []
    for n in 0..<evaluations {
        let s = try sampler.suggest(in: SamplingContext(space: f.searchSpace, trialNumber: n, seed: seed, direction: .minimize, trials: trials))
        let x = f.inputs(s.params)!
        var attributes = s.attributes
        if constrained, let c = constraint(x) { attributes[ProbabilityOfFeasibility.constraintsKey] = AttributeValue(c) }
        trials.append(Trial(number: n, state: .complete, params: s.params, value: f(x), attributes: attributes))
    }
    return trials
}

private let quick = GPSampler(options: GPSampler.Options(candidates: 256, restarts: 2))

@Suite struct GPSamplerFeasibilityTests {
    /// With constraint values on the trials, the model's proposals stay mostly feasible and the best
    /// feasible value approaches the feasible minimum 0.397887 (regret < 0.05 after 30 evaluations); the
    /// unconstrained sampler, told nothing, spends most proposals in the infeasible basins.
    @Test func constrainedBraninStaysFeasible() throws {
        let constraint: ([Double]) -> [Double]? = { [$0[0]] }
        for seed: UInt64 in [0, 1] {
            let with = try optimize(quick, evaluations: 30, seed: seed, constrained: true, constraint: constraint)
            let without = try optimize(quick, evaluations: 30, seed: seed, constrained: false, constraint: constraint)
            func feasibleModelProposals(_ trials: [Trial]) -> Int {
                trials.suffix(20).filter { TestFunction.branin.inputs($0.params)![0] <= 0 }.count
            }
            #expect(feasibleModelProposals(with) >= 14, "seed \(seed): \(feasibleModelProposals(with)) of 20 feasible")
            #expect(feasibleModelProposals(with) > feasibleModelProposals(without) + 4,
                    "seed \(seed): \(feasibleModelProposals(with)) vs \(feasibleModelProposals(without)) unconstrained")
            let best = with.filter { TestFunction.branin.inputs($0.params)![0] <= 0 }.compactMap(\.value).min() ?? .infinity
            #expect(best - 0.397887 < 0.05, "seed \(seed): best feasible \(best)")
            #expect(with.last?.attributes[GPSampler.constraintParamsKey]?.doubles?.count == 4)
        }
    }

    /// No constraint values (or empty lists) → no constraint model: the same proposals as a history
    /// without the attribute, and no `gp.constraint_params`.
    @Test func noConstraintsNoChange() throws {
        let plain = try optimize(quick, evaluations: 14, seed: 4, constrained: false) { _ in nil }
        let empty = try optimize(quick, evaluations: 14, seed: 4, constrained: true) { _ in [] }
        #expect(plain.map(\.params) == empty.map(\.params))
        #expect(plain.allSatisfy { $0.attributes[GPSampler.constraintParamsKey] == nil })
    }
}
