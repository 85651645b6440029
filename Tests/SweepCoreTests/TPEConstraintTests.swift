import Foundation
import Testing
@testable import SweepCore

@Suite struct TPEConstraintTests {
    /// Complete trials on x ∈ [0, 1] with value x (minimised) and constraint `0.5 − x ≤ 0`: the good
    /// values are all infeasible.
    func context(_ xs: [Double], constraints: Bool = true) throws -> SamplingContext {
        let space = try SearchSpace([.float("x", 0, 1)])
        let trials = xs.enumerated().map { n, x in
            Trial(number: n, state: .complete, params: ["x": .float(x)], value: x,
                  attributes: constraints ? [ProbabilityOfFeasibility.constraintsKey: AttributeValue([0.5 - x])] : [:])
        }
        return SamplingContext(space: space, trialNumber: xs.count, seed: 1, direction: .minimize, trials: trials)
    }

    /// γ best feasible trials go "below", however good the infeasible values are.
    @Test func feasibleTrialsRankFirst() throws {
        let xs = (0..<20).map { Double($0) / 20 }  // 0.0 … 0.95; feasible from 0.5 (index 10)
        let (below, _) = TPESampler.split(try context(xs), gamma: 2, constantLiar: true)
        #expect(below == [10, 11])
        let (plain, _) = TPESampler.split(try context(xs, constraints: false), gamma: 2, constantLiar: true)
        #expect(plain == [0, 1])
    }

    /// With fewer feasible trials than γ, the least violated infeasible ones fill "below".
    @Test func leastViolatedFillTheRest() throws {
        let xs = [0.1, 0.45, 0.3, 0.9, 0.2, 0.4]  // feasible: 0.9 only; violations 0.4, 0.05, 0.2, –, 0.3, 0.1
        let (below, above) = TPESampler.split(try context(xs), gamma: 3, constantLiar: true)
        #expect(below == [1, 3, 5])
        #expect(above == [0, 2, 4])
    }
}
