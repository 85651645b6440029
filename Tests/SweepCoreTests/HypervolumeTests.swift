import Foundation
import SweepMath
import Testing
@testable import SweepCore

@Suite struct HypervolumeTests {
    @Test func matchesPymooIn2To4Objectives() throws {
        let cases = try PymooFixture.load()
        #expect(Set(cases.map(\.reference.count)) == [2, 3, 4])
        for c in cases {
            let dirs = [Direction](repeating: .minimize, count: c.reference.count)
            let hv = try Hypervolume.compute(c.points, reference: c.reference, directions: dirs)
            #expect(abs(hv - c.hypervolume) <= 1e-12 * c.hypervolume, "\(c.name): \(hv) vs \(c.hypervolume)")
            // The same problem with every objective maximised.
            let negated = c.points.map { $0.map { -$0 } }
            let hvMax = try Hypervolume.compute(negated, reference: c.reference.map { -$0 },
                                                directions: dirs.map { _ in .maximize })
            #expect(abs(hvMax - c.hypervolume) <= 1e-12 * c.hypervolume, "\(c.name)")
        }
    }

    @Test func contributionsMatchMoocore() throws {
        for c in try PymooFixture.load() {
            let dirs = [Direction](repeating: .minimize, count: c.reference.count)
            let ours = try Hypervolume.contributions(c.points, reference: c.reference, directions: dirs)
            for (i, (a, b)) in zip(ours, c.contributions).enumerated() {
                #expect(abs(a - b) <= 1e-12 * max(c.hypervolume, 1), "\(c.name) point \(i): \(a) vs \(b)")
            }
            let shielded = try Hypervolume.contributions(c.points, reference: c.reference, directions: dirs,
                                                         ignoringDominated: false)
            for (i, (a, b)) in zip(shielded, c.contributions_with_dominated).enumerated() {
                #expect(abs(a - b) <= 1e-12 * max(c.hypervolume, 1), "\(c.name) point \(i): \(a) vs \(b)")
            }
        }
    }

    @Test func smallCasesByHand() throws {
        let two: [Direction] = [.minimize, .minimize]
        // Staircase (1,3), (2,2), (3,1) under (4,4): 3·1 + 2·1 + 1·1 = 6.
        #expect(try Hypervolume.compute([[1, 3], [2, 2], [3, 1]], reference: [4, 4], directions: two) == 6)
        // A dominated point and a point outside the box change nothing.
        #expect(try Hypervolume.compute([[1, 3], [2, 2], [3, 1], [3, 3], [5, 0]], reference: [4, 4], directions: two) == 6)
        #expect(try Hypervolume.compute([], reference: [4, 4], directions: two) == 0)
        // Mixed directions: minimise x, maximise y, reference (4, 0): (1, 3) covers 3·3.
        #expect(try Hypervolume.compute([[1, 3]], reference: [4, 0], directions: [.minimize, .maximize]) == 9)
        // 3-D: two unit-cube corners under (2,2,2): 1 + 1 − overlap... (0,0,1) and (0,1,0) → 2·2·1 + 2·1·2 − 2·1·1.
        #expect(try Hypervolume.compute([[0, 0, 1], [0, 1, 0]], reference: [2, 2, 2],
                                        directions: [.minimize, .minimize, .minimize]) == 6)
        #expect(try Hypervolume.contributions([[1, 3], [2, 2], [3, 1], [3, 3]], reference: [4, 4], directions: two)
                == [1, 1, 1, 0])
        // (2.5, 2.5) is dominated by (2, 2): counted, it shields part of (2, 2)'s exclusive region.
        #expect(try Hypervolume.contributions([[1, 3], [2, 2], [3, 1], [2.5, 2.5]], reference: [4, 4], directions: two,
                                              ignoringDominated: false) == [1, 0.75, 1, 0])
    }

    @Test func rejectsBadInput() {
        #expect(throws: MultiObjectiveError.unsupportedObjectiveCount(operation: "hypervolume", got: 5, supported: 1...4)) {
            try Hypervolume.compute([], reference: [1, 1, 1, 1, 1], directions: Array(repeating: .minimize, count: 5))
        }
        #expect(throws: MultiObjectiveError.wrongLength(what: "reference point", index: 0, expected: 2, got: 1)) {
            try Hypervolume.compute([[0, 0]], reference: [1], directions: [.minimize, .minimize])
        }
        #expect(throws: MultiObjectiveError.self) {
            try Hypervolume.compute([[0, .nan]], reference: [1, 1], directions: [.minimize, .minimize])
        }
    }
}

@Suite struct BoxDecompositionTests {
    /// Random points, then checks that the cells tile the box, that the dominated ones add up to the
    /// hypervolume, and that a probe point lies in a dominated cell exactly when a point dominates it.
    @Test(arguments: [2, 3, 4])
    func cellsTileTheBoxAndSeparateDominatedFromFree(objectives m: Int) throws {
        var rng = Xoshiro256StarStar(seed: 7, stream: UInt64(m))
        let n = m == 4 ? 12 : 20
        let points = (0..<n).map { _ in (0..<m).map { _ in rng.nextUnit() } }
        let dirs = [Direction](repeating: .minimize, count: m)
        let reference = [Double](repeating: 1.05, count: m)
        let outer = [Double](repeating: -0.1, count: m)
        let boxes = try BoxDecomposition(points: points, reference: reference, outer: outer, directions: dirs)
        let hv = try Hypervolume.compute(points, reference: reference, directions: dirs)
        let domVolume = boxes.dominated.reduce(0) { $0 + $1.volume }
        let freeVolume = boxes.nondominated.reduce(0) { $0 + $1.volume }
        #expect(abs(domVolume - hv) <= 1e-12)
        #expect(abs(domVolume + freeVolume - pow(1.15, Double(m))) <= 1e-12)
        for _ in 0..<400 {
            let y = (0..<m).map { _ in -0.1 + 1.15 * rng.nextUnit() }
            let dominated = points.contains { p in zip(p, y).allSatisfy { $0 <= $1 } }
            func inside(_ b: HyperBox) -> Bool { (0..<m).allSatisfy { b.lower[$0] < y[$0] && y[$0] < b.upper[$0] } }
            let inDom = boxes.dominated.filter(inside).count, inFree = boxes.nondominated.filter(inside).count
            #expect(inDom + inFree == 1, "a probe lies in exactly one cell")
            #expect((inDom == 1) == dominated)
        }
    }

    @Test func unboundedOuterCellsAndMaximisation() throws {
        // Maximise both: points (1, 3), (3, 1), reference (0, 0).
        let boxes = try BoxDecomposition(points: [[1, 3], [3, 1]], reference: [0, 0], directions: [.maximize, .maximize])
        #expect(boxes.dominated.reduce(0) { $0 + $1.volume } == 5)
        #expect(boxes.nondominated.allSatisfy { $0.volume == .infinity })
        #expect(boxes.nondominated.allSatisfy { b in zip(b.lower, [0.0, 0.0]).allSatisfy { $0 >= $1 } })
        #expect(boxes.nondominated.contains { $0.lower == [1, 1] && $0.upper == [.infinity, 3] })
        #expect(throws: MultiObjectiveError.self) {
            try BoxDecomposition(points: [], reference: [0, 0], outer: [-1, 5], directions: [.maximize, .maximize])
        }
    }
}
