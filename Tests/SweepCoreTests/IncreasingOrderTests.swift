import Foundation
@testable import SweepCore
import SweepMath
import Testing

/// `IncreasingOrder.order` (the radix path above 64 values) gives exactly the permutation of a
/// comparison sort by value, ties by index, with −0 equal to +0.
@Suite struct IncreasingOrderTests {
    static func reference(_ xs: [Double]) -> [Int] {
        Array(0..<xs.count).sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
    }

    @Test func matchesAComparisonSortWithTiesSignedZerosAndEveryScale() {
        var rng = Xoshiro256StarStar(seed: 3, stream: 0)
        for n in [0, 1, 2, 63, 64, 65, 200, 1000] {
            // Wide and narrow values of both signs, repeated values, zeros of both signs.
            let pool: [Double] = [0, -0.0, 1, -1, 1e-300, -1e-300, 5e-324, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5]
            let xs: [Double] = (0..<n).map { i in
                switch i % 4 {
                case 0: return pool[Int(rng.nextUnit() * Double(pool.count)) % pool.count]
                case 1: return (rng.nextUnit() - 0.5) * pow(10, (rng.nextUnit() - 0.5) * 40)
                case 2: return (rng.nextUnit() * 8).rounded()  // many ties
                default: return rng.nextUnit()
                }
            }
            #expect(IncreasingOrder.order(xs) == IncreasingOrderTests.reference(xs), "n = \(n)")
        }
    }

    @Test func valuesThatShareHighBytesStillSort() {
        // All keys equal in their top bytes: those radix passes are skipped.
        let xs = (0..<300).map { 1.0 + Double(($0 * 7919) % 300) * 0x1p-52 }
        #expect(IncreasingOrder.order(xs) == IncreasingOrderTests.reference(xs))
    }
}
