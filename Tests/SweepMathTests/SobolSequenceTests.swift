import Foundation
import SweepMath
import SweepTestSupport
import Testing

private struct SobolFixture: Decodable {
    let points: [String: [[Double]]]
}

@Suite struct SobolSequenceTests {
    @Test func unscrambledMatchesSciPyExactly() throws {
        let fixture = try TestPaths.loadJSON(SobolFixture.self, fixture: "sobol_scipy.json")
        #expect(fixture.points.keys.count == 5)
        for (dimText, expected) in fixture.points {
            let d = Int(dimText)!
            let sobol = try SobolSequence(dimension: d)
            for (i, row) in expected.enumerated() {
                #expect(sobol.point(at: i) == row, "dimension \(d), point \(i)")
            }
        }
    }

    @Test func scrambledPointsStayANet() throws {
        // Owen scrambling preserves the net property: in every coordinate, the first 2^m points fall
        // one per interval [k/2^m, (k+1)/2^m).
        for seed in [UInt64(0), 1, 42] {
            let sobol = try SobolSequence(dimension: 8, scrambleSeed: seed)
            let m = 7, n = 1 << m
            let pts = sobol.points(0..<n)
            for d in 0..<8 {
                let bins = Set(pts.map { Int($0[d] * Double(n)) })
                #expect(bins.count == n, "seed \(seed), coordinate \(d)")
            }
            // And pairs of coordinates stay stratified into 2^3 × 2^3 boxes (t small for the first dims).
            let boxes = Set(pts.map { Int($0[0] * 8) * 8 + Int($0[1] * 8) })
            #expect(boxes.count == 64)
        }
    }

    @Test func scramblingDependsOnSeedAndIsReproducible() throws {
        let a = try SobolSequence(dimension: 3, scrambleSeed: 7)
        let b = try SobolSequence(dimension: 3, scrambleSeed: 7)
        let c = try SobolSequence(dimension: 3, scrambleSeed: 8)
        #expect(a.point(at: 5) == b.point(at: 5))
        #expect(a.point(at: 5) != c.point(at: 5))
        #expect(a.point(at: 0) != [0, 0, 0])
    }

    @Test func highDimensionsAreAvailableAndDistinct() throws {
        let sobol = try SobolSequence(dimension: 1024)
        let p = sobol.point(at: 1)
        #expect(p.allSatisfy { $0 == 0.5 })
        let q = sobol.point(at: 3)
        #expect(Set(q).count > 1)
        #expect(throws: SobolError.self) { try SobolSequence(dimension: 1025) }
        #expect(throws: SobolError.self) { try SobolSequence(dimension: 0) }
    }

    @Test func meanOfUniformIsAccurate() throws {
        // Integration error of a smooth function falls much faster than Monte Carlo's N^-1/2.
        let sobol = try SobolSequence(dimension: 4, scrambleSeed: 3)
        let n = 4096
        var sum = 0.0
        for i in 0..<n { sum += sobol.point(at: i).reduce(1) { $0 * (2 * $1) } }  // ∫ Π 2x = 1
        #expect(abs(sum / Double(n) - 1) < 2e-3)
    }
}
