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
        #expect(try HyperbandPlan(minResource: 1, maxResource: 50, eta: 3).sMax == 3)
    }

    /// R = 50 is no power of 3: r_i = 50·3^(i−s) is rounded down (1.85 → 1, not 2 epochs), so no rung trains
    /// longer than the paper's r_i and bracket 3's first rung costs 27 epochs, not 54.
    @Test func roundsRungResourcesDownWhenRIsNoPowerOfEta() throws {
        let plan = try HyperbandPlan(minResource: 1, maxResource: 50, eta: 3)
        #expect(table(plan) == [3: "27/1 9/5 3/16 1/50", 2: "12/5 4/16 1/50", 1: "6/16 2/50", 0: "4/50"])
        #expect(plan.bracket(3).resourceWithCheckpoints == 27 * 1 + 9 * 4 + 3 * 11 + 1 * 34)
    }

    @Test func rungResourcesNeverExceedThePapersAndStayAboveTheMinimum() throws {
        var violations: [String] = []
        for eta in 2...5 {
            for minResource in 1...4 {
                for maxResource in minResource...(minResource * 130) {
                    let plan = try HyperbandPlan(minResource: minResource, maxResource: maxResource, eta: eta)
                    for b in plan.brackets {
                        let resources = b.rungs.map(\.resource)
                        let paper = resources.indices.map { Double(maxResource) / Double(plan.power(b.s - $0)) }
                        let increasing = zip(resources, resources.dropFirst()).allSatisfy { $0 < $1 }
                        let rounding = zip(resources, paper).allSatisfy { r, p in r >= minResource && Double(r) <= p && Double(r) > p - 1 }
                        if !increasing || !rounding || resources.last != maxResource {
                            violations.append("min \(minResource) R \(maxResource) η \(eta) s \(b.s): \(resources) vs \(paper)")
                        }
                    }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.count) brackets, e.g. \(violations.prefix(3))")
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
