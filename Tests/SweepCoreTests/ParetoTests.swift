import Testing
@testable import SweepCore

@Suite struct ParetoTests {
    @Test func dominanceFollowsEachObjectivesDirection() {
        let dirs: [Direction] = [.minimize, .maximize]
        #expect(Pareto.dominates([1, 5], [2, 4], directions: dirs))
        #expect(!Pareto.dominates([2, 4], [1, 5], directions: dirs))
        #expect(Pareto.dominates([1, 5], [1, 4], directions: dirs))
        #expect(!Pareto.dominates([1, 5], [1, 5], directions: dirs), "equal vectors do not dominate")
        #expect(!Pareto.dominates([1, 4], [2, 5], directions: dirs), "a trade-off is not domination")
        #expect(!Pareto.dominates([1, 5], [2, 4, 0], directions: dirs), "wrong length dominates nothing")
    }

    @Test func constraintDominationFollowsDebsRules() {
        let dirs: [Direction] = [.minimize, .minimize]
        let feasibleGood = (values: [1.0, 1.0], constraints: Optional([-1.0, 0.0]))
        let feasibleBad = (values: [2.0, 2.0], constraints: Optional([-0.5]))
        let slightlyInfeasible = (values: [0.0, 0.0], constraints: Optional([0.1, -3.0]))
        let veryInfeasible = (values: [0.0, 0.0], constraints: Optional([0.1, 0.2]))
        let unknown = (values: [0.0, 0.0], constraints: [Double]?.none)
        #expect(ConstraintDomination.dominates(feasibleGood, feasibleBad, directions: dirs))
        #expect(!ConstraintDomination.dominates(feasibleBad, feasibleGood, directions: dirs))
        #expect(ConstraintDomination.dominates(feasibleBad, slightlyInfeasible, directions: dirs),
                "feasible beats infeasible whatever the objective values")
        #expect(!ConstraintDomination.dominates(slightlyInfeasible, feasibleBad, directions: dirs))
        #expect(ConstraintDomination.dominates(slightlyInfeasible, veryInfeasible, directions: dirs),
                "total violation 0.1 < 0.3")
        #expect(!ConstraintDomination.dominates(veryInfeasible, slightlyInfeasible, directions: dirs))
        #expect(ConstraintDomination.dominates(veryInfeasible, unknown, directions: dirs))
        #expect(ConstraintDomination.violation([0.1, -3, 0.2]) == 0.30000000000000004)
        #expect(ConstraintDomination.isFeasible([]))
        #expect(!ConstraintDomination.isFeasible(nil))
        #expect(!ConstraintDomination.isFeasible([.nan]))
    }

    @Test func sortingRanksMatchPymoo() throws {
        for c in try PymooFixture.load() {
            let dirs = [Direction](repeating: .minimize, count: c.reference.count)
            let fronts = try NondominatedSorting.fronts(c.points, directions: dirs)
            #expect(NondominatedSorting.ranks(fronts: fronts, count: c.points.count) == c.ranks, "\(c.name)")
            // Maximising the negated values gives the same fronts.
            let negated = c.points.map { $0.map { -$0 } }
            let maxFronts = try NondominatedSorting.fronts(negated, directions: dirs.map { _ in .maximize })
            #expect(maxFronts == fronts, "\(c.name)")
        }
    }

    @Test func crowdingDistancesMatchPymoo() throws {
        var checked = 0
        for c in try PymooFixture.load() {
            let m = Double(c.reference.count)
            for front in c.crowding {
                let ours = try CrowdingDistance.compute(front.indices.map { c.points[$0] })
                for (a, b) in zip(ours, front.pymoo_crowding) {
                    if let b {
                        #expect(abs(a / m - b) <= 1e-12 * max(1, abs(b)), "\(c.name): \(a / m) vs \(b)")
                    } else {
                        #expect(a == .infinity, "\(c.name)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 200)
    }

    @Test func crowdingDistanceByHand() throws {
        // Objective 0 spans 0…4, objective 1 spans 0…2: the middle points get gaps/width per objective.
        let d = try CrowdingDistance.compute([[0, 2], [1, 1.5], [3, 0.5], [4, 0]])
        #expect(d[0] == .infinity && d[3] == .infinity)
        #expect(abs(d[1] - (3.0 / 4 + 1.5 / 2)) < 1e-15)
        #expect(abs(d[2] - (3.0 / 4 + 1.5 / 2)) < 1e-15)
        #expect(try CrowdingDistance.compute([[1, 1], [1, 1], [1, 1]]) == [0, 0, 0], "constant objectives add nothing")
        #expect(try CrowdingDistance.compute([]) == [])
        #expect(throws: MultiObjectiveError.wrongLength(what: "point", index: 1, expected: 2, got: 1)) {
            try CrowdingDistance.compute([[1, 2], [3]])
        }
    }

    @Test func constrainedSortingPutsFeasibleFirstThenLeastViolation() throws {
        let points: [[Double]] = [[5, 5], [0, 0], [1, 1], [3, 3], [4, 1]]
        let constraints: [[Double]?] = [[-1], [2], [0.5], [-1], nil]
        let fronts = try NondominatedSorting.fronts(points, constraints: constraints, directions: [.minimize, .minimize])
        #expect(fronts == [[3], [0], [2], [1], [4]])
    }

    @Test func badInputIsRejectedWithATypedError() {
        #expect(throws: MultiObjectiveError.wrongLength(what: "point", index: 1, expected: 2, got: 3)) {
            try NondominatedSorting.fronts([[1, 2], [1, 2, 3]], directions: [.minimize, .minimize])
        }
        #expect(throws: MultiObjectiveError.nonFinite(what: "point", index: 0, objective: 1, value: .infinity)) {
            try Pareto.nondominatedIndices([[1, .infinity]], directions: [.minimize, .minimize])
        }
        #expect(throws: MultiObjectiveError.noObjectives) {
            try NondominatedSorting.fronts([[1]], directions: [])
        }
        #expect(throws: MultiObjectiveError.self) {
            try NondominatedSorting.fronts([[1, 2]], constraints: [], directions: [.minimize, .minimize])
        }
    }

    @Test func nondominatedIndicesKeepTradeOffs() throws {
        let idx = try Pareto.nondominatedIndices([[1, 3], [2, 2], [3, 1], [2, 3], [3, 3]],
                                                 directions: [.minimize, .minimize])
        #expect(idx == [0, 1, 2])
    }
}
