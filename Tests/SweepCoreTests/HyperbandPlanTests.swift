import SweepCore
import Testing

private func table(_ plan: HyperbandPlan) -> [Int: String] {
    Dictionary(uniqueKeysWithValues: plan.brackets.map { b in (b.s, b.rungs.map(\.description).joined(separator: " ")) })
}

@Suite struct HyperbandPlanTests {
    @Test func reproducesTheHyperbandPaperTableForR81Eta3() throws {
        let plan = try HyperbandPlan(minResource: 1, maxResource: 81, eta: 3)
        #expect(plan.sMax == 4)
        #expect(table(plan) == [
            4: "81/1 27/3 9/9 3/27 1/81",
            3: "34/3 11/9 3/27 1/81",
            2: "15/9 5/27 1/81",
            1: "8/27 2/81",
            0: "5/81",
        ])
        #expect(plan.brackets.map(\.s) == [4, 3, 2, 1, 0])
    }

    @Test func reproducesTheTableForR8Eta2() throws {
        let plan = try HyperbandPlan(minResource: 1, maxResource: 8, eta: 2)
        #expect(table(plan) == [3: "8/1 4/2 2/4 1/8", 2: "6/2 3/4 1/8", 1: "4/4 2/8", 0: "4/8"])
    }

    @Test func sMaxUsesIntegerArithmetic() throws {
        // In IEEE doubles log(243)/log(3) = 4.999999999999999, which would give s_max = 4.
        #expect(try HyperbandPlan(minResource: 1, maxResource: 243, eta: 3).sMax == 5)
        #expect(try HyperbandPlan(minResource: 1, maxResource: 242, eta: 3).sMax == 4)
        #expect(try HyperbandPlan(minResource: 2, maxResource: 162, eta: 3).sMax == 4)
        #expect(try HyperbandPlan(minResource: 1, maxResource: 1, eta: 3).sMax == 0)
        #expect(try HyperbandPlan(minResource: 1, maxResource: 50, eta: 3).bracket(3).rungs.map(\.resource) == [2, 6, 17, 50])
    }

    @Test func resourceAccounting() throws {
        let b = try HyperbandPlan(minResource: 1, maxResource: 81, eta: 3).bracket(4)
        #expect(b.resourceWithoutCheckpoints == 81 + 81 + 81 + 81 + 81)
        #expect(b.resourceWithCheckpoints == 81 * 1 + 27 * 2 + 9 * 6 + 3 * 18 + 1 * 54)
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: SchedulerConfigError.badEta(1)) { try HyperbandPlan(minResource: 1, maxResource: 9, eta: 1) }
        #expect(throws: SchedulerConfigError.self) { try HyperbandPlan(minResource: 10, maxResource: 9, eta: 3) }
        #expect(throws: SchedulerConfigError.self) { try HyperbandPlan(minResource: 0, maxResource: 9, eta: 3) }
    }
}
