import SweepCore
import Testing

@Suite struct DecimationTests {
    @Test func evenlySpacedKeepsBothEnds() {
        #expect(Decimation.evenlySpaced(10, count: 3) == [0, 5, 9])
        #expect(Decimation.evenlySpaced(5, count: 10) == [0, 1, 2, 3, 4])
        #expect(Decimation.evenlySpaced(10_000, count: 500).count == 500)
        #expect(Decimation.evenlySpaced(10_000, count: 500).last == 9_999)
        #expect(Decimation.evenlySpaced(0, count: 3).isEmpty)
        #expect(Decimation.evenlySpaced(7, count: 1) == [0])
    }

    @Test func selectKeepsWhatMustStayAndFillsEvenly() {
        let s = Decimation.select(count: 10_000, cap: 100, keep: [9_998, 17, 17, 5_000, -3, 20_000])
        #expect(s.count == 100)
        #expect(Set([17, 5_000, 9_998]).isSubset(of: Set(s)))
        #expect(s == s.sorted() && Set(s).count == 100)
        #expect(Decimation.select(count: 5, cap: 100, keep: []) == [0, 1, 2, 3, 4])
        // More to keep than the cap: the first `cap` of them.
        #expect(Decimation.select(count: 100, cap: 3, keep: [50, 40, 30, 20]) == [30, 40, 50])
    }
}

@Suite struct BestSoFarTests {
    @Test func followsTheDirectionAndSkipsUnfinishedTrials() {
        let values: [Double?] = [5, 7, 3, nil, 3, 1, .nan, 2]
        let trials = values.enumerated().map { n, v in
            Trial(number: n, state: v == nil ? .failed : .complete, value: v)
        }
        #expect(BestSoFar.improvements(trials, direction: .minimize).map(\.number) == [0, 2, 5])
        #expect(BestSoFar.improvements(trials, direction: .maximize).map(\.number) == [0, 1])
        #expect(BestSoFar.improvements(trials.reversed(), direction: .minimize).map(\.value) == [5, 3, 1])
    }
}

@Suite struct RungSummaryTests {
    /// Hyperband-style trials: bracket 0 with rungs at 1, 3, 9 steps.
    static func rungTrials() -> [Trial] {
        func t(_ n: Int, bracket: Int, rung: Int, resource: Int, state: TrialState, curve: (Int) -> Double, final: Double? = nil,
               paused: Bool = false) -> Trial {
            var attrs: [String: AttributeValue] = [
                RungSummary.bracketAttribute: .number(Double(bracket)), RungSummary.rungAttribute: .number(Double(rung)),
                RungSummary.resourceAttribute: .number(Double(resource)),
            ]
            if paused { attrs["sweep.paused"] = .bool(true) }
            var iv: [Int: Double] = [:]
            for s in 1...resource { iv[s] = curve(s) }
            return Trial(number: n, state: state, value: final ?? (state == .failed ? nil : iv[resource]), intermediateValues: iv, attributes: attrs)
        }
        return [
            t(0, bracket: 0, rung: 2, resource: 9, state: .complete, curve: { 1.0 / Double($0) }, final: 0.1),
            t(1, bracket: 0, rung: 0, resource: 1, state: .complete, curve: { 5.0 / Double($0) }),
            t(2, bracket: 0, rung: 1, resource: 3, state: .complete, curve: { 2.0 / Double($0) }),
            t(3, bracket: 0, rung: 0, resource: 1, state: .failed, curve: { 9.0 / Double($0) }),
            t(4, bracket: 0, rung: 1, resource: 3, state: .waiting, curve: { 1.5 / Double($0) }, paused: true),
            t(5, bracket: 1, rung: 0, resource: 3, state: .running, curve: { 1.2 / Double($0) }),
            Trial(number: 6, state: .complete, value: 4),  // not scheduled
        ]
    }

    @Test func readsBracketsRungsAndOutcomes() throws {
        let s = try #require(RungSummary(trials: Self.rungTrials(), direction: .minimize))
        #expect(s.brackets.map(\.number) == [0, 1])
        let b = s.brackets[0]
        #expect(b.rungs.map(\.resource) == [1, 3, 9])
        #expect(b.rungs.map(\.entered) == [5, 3, 1])
        #expect(b.rungs.map(\.promoted) == [3, 1, 0])
        #expect(b.rungs[0].best == 1.0 && b.rungs[2].best == 0.1)
        let top = b.paths.first { $0.number == 0 }!
        #expect(top.values == [1.0, 1.0 / 3, 0.1] && top.outcome == .completedTopRung)
        #expect(b.paths.first { $0.number == 1 }!.outcome == .stopped)
        #expect(b.paths.first { $0.number == 3 }!.outcome == .failed)
        #expect(b.paths.first { $0.number == 3 }!.values == [9.0])
        #expect(b.paths.first { $0.number == 4 }!.outcome == .paused)
        #expect(s.brackets[1].paths.map(\.outcome) == [.running])
    }

    @Test func bestAtARungFollowsTheDirection() throws {
        let s = try #require(RungSummary(trials: Self.rungTrials(), direction: .maximize))
        #expect(s.brackets[0].rungs[0].best == 9.0)
    }

    @Test func absentWithoutSchedulerAttributes() {
        #expect(RungSummary(trials: [Trial(number: 0, state: .complete, value: 1)], direction: .minimize) == nil)
    }
}
