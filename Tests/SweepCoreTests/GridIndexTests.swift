import Testing
@testable import SweepCore

/// Issue 18 item 3: grids are indexed lazily (the n-th point computed from n), sized with overflow
/// checks, and yield the same points in the same order as expanding the whole product.
@Suite struct GridIndexTests {
    /// The materialising expansion grid search used before (kept here as the reference order).
    static func expanded(_ space: SearchSpace) -> [[String: ParameterValue]] {
        let order = space.evaluationOrder
        func values(_ p: Parameter) -> [ParameterValue] {
            if let g = p.gridValues { return g }
            switch p.domain {
            case let .categorical(c): return c
            case let .int(lower, upper, _, step): return stride(from: lower, through: upper, by: step).map(ParameterValue.int)
            case let .float(lower, upper, _, step):
                let n = Int(((upper - lower) / step!).rounded())
                return (0...n).map { .float(min(upper, lower + Double($0) * step!)) }
            }
        }
        var out: [[String: ParameterValue]] = []
        func expand(_ level: Int, _ partial: [String: ParameterValue]) {
            if level == order.count { out.append(partial); return }
            let p = space.parameters[order[level]]
            guard space.isActive(p, in: partial) else { expand(level + 1, partial); return }
            for v in values(p) {
                var next = partial
                next[p.name] = v
                expand(level + 1, next)
            }
        }
        expand(0, [:])
        return out
    }

    static let spaces: [SearchSpace] = [
        try! SearchSpace([
            .categorical("act", ["relu", "tanh"]),
            .int("layers", 1, 3),
            Parameter("lr", .float(lower: 1e-4, upper: 1e-1, log: true), gridValues: [1e-3, 1e-2]),
        ]),
        try! SearchSpace([
            .categorical("opt", ["sgd", "adam"]),
            .float("momentum", 0, 0.9, step: 0.45, when: Condition(parent: "opt", in: ["sgd"])),
            .int("batch", 32, 128, step: 32),
        ]),
        // Nested conditions, a numeric parent, a child declared before its parent, several children.
        try! SearchSpace([
            .int("depth", 1, 3, when: Condition(parent: "kind", in: ["net"])),
            .categorical("kind", ["net", "tree", "linear"]),
            .int("width", 8, 32, step: 8, when: Condition(parent: "depth", in: [2, 3])),
            .categorical("act", ["relu", "gelu"], when: Condition(parent: "width", in: [16, 32])),
            .float("alpha", 0, 1, step: 0.25, when: Condition(parent: "kind", in: ["linear", "tree"])),
            .categorical("bias", [true, false]),
        ]),
        // Every parent declared before every child.
        GridIndexTests.parentsThenChildren(6),
    ]

    /// `k` switches declared first, then one child per switch, active when its switch is on.
    static func parentsThenChildren(_ k: Int) -> SearchSpace {
        try! SearchSpace((0..<k).map { Parameter.categorical("on\($0)", [false, true]) }
            + (0..<k).map { Parameter.int("v\($0)", 1, 2, when: Condition(parent: "on\($0)", in: [true])) })
    }

    @Test func lazyGridYieldsTheMaterialisedPointsInTheSameOrder() throws {
        for space in GridIndexTests.spaces {
            let reference = GridIndexTests.expanded(space)
            let index = try GridIndex(space)
            #expect(index.count == reference.count)
            for (n, point) in reference.enumerated() { #expect(index.point(at: n) == point, "point \(n)") }
            #expect(index.point(at: reference.count) == nil)
            #expect(index.point(at: -1) == nil)
            #expect(try GridSampler().points(of: space) == reference)
        }
    }

    @Test func trillionPointGridIsIndexedWithoutMaterialising() throws {
        // 10^12 points: six parameters of 100 values each.
        let space = try SearchSpace((0..<6).map { Parameter.int("p\($0)", 0, 99) })
        let index = try GridIndex(space)
        #expect(index.count == 1_000_000_000_000)
        #expect(try GridSampler().capacity(of: space) == 1_000_000_000_000)
        // Mixed radix, last parameter fastest: 987654321012 → digits 98 76 54 32 10 12.
        let expected: [String: ParameterValue] = ["p0": 98, "p1": 76, "p2": 54, "p3": 32, "p4": 10, "p5": 12]
        #expect(index.point(at: 987_654_321_012) == expected)
        #expect(index.point(at: 999_999_999_999) == ["p0": 99, "p1": 99, "p2": 99, "p3": 99, "p4": 99, "p5": 99])
        #expect(index.point(at: 1_000_000_000_000) == nil)

        // Asking the first trials takes the first points, then the next untaken one.
        let g = GridSampler()
        var trials: [Trial] = []
        for n in 0..<3 {
            let s = try g.suggest(in: SamplingContext(space: space, trialNumber: n, seed: 1, direction: .minimize, trials: trials))
            #expect(s.params == index.point(at: n))
            trials.append(Trial(number: n, state: .complete, params: s.params, value: 0, attributes: s.attributes))
        }
    }

    @Test func manyPendingConditionsDoNotMultiplyTheWork() throws {
        // 30 switches, then their 30 children: 3^30 points; a memo of activation states would need 2^30.
        let space = GridIndexTests.parentsThenChildren(30)
        let index = try GridIndex(space)
        var expected = 1
        for _ in 0..<30 { expected *= 3 }
        #expect(index.count == expected)
        let last = try #require(index.point(at: expected - 1))
        #expect((0..<30).allSatisfy { last["on\($0)"] == true && last["v\($0)"] == 2 })
        let first = try #require(index.point(at: 0))
        #expect(first.count == 30 && (0..<30).allSatisfy { first["on\($0)"] == false })
        // Index 1: only the last switch is on, with its child at 1.
        #expect(index.point(at: 1)?["on29"] == true && index.point(at: 1)?["v29"] == 1 && index.point(at: 1)?.count == 31)
    }

    @Test func hugeIntRangeAxisCountsWithoutListingItsValues() throws {
        // One int of 10^15 values below a categorical whose value activates it: no value is listed.
        let space = try SearchSpace([
            .categorical("mode", ["a", "b"]),
            .int("seed", 0, 999_999_999_999_999, when: Condition(parent: "mode", in: ["b"])),
        ])
        let index = try GridIndex(space)
        #expect(index.count == 1 + 1_000_000_000_000_000)
        #expect(index.point(at: 0) == ["mode": "a"])
        #expect(index.point(at: 1) == ["mode": "b", "seed": 0])
        #expect(index.point(at: 1_000_000_000_000_000) == ["mode": "b", "seed": 999_999_999_999_999])
    }

    @Test func gridLargerThanIndexableIsRefusedClearly() throws {
        let limit = ParameterDomain.maxDiscreteMagnitude
        let space = try SearchSpace([.int("a", 0, limit), .int("b", 0, limit), .int("c", -limit, limit)])
        do {
            _ = try GridIndex(space)
            Issue.record("expected the grid to be refused")
        } catch let error as SamplerError {
            #expect("\(error)".contains("more than \(GridIndex.maxPoints) points"), "\(error)")
        }
    }
}
