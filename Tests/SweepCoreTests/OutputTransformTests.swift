import Foundation
@testable import SweepCore
import Testing

@Suite struct OutputTransformTests {
    @Test func warpIsMonotoneAndStandardised() {
        // Rosenbrock-like heavy tail.
        let ys = (0..<40).map { i in pow(Double(i) / 4, 4) + 0.3 }
        let w = OutputTransform.powerStandardise(ys)
        for i in 1..<w.count { #expect(w[i] > w[i - 1]) }
        let mean = w.reduce(0, +) / Double(w.count)
        let variance = w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count)
        #expect(abs(mean) < 1e-12 && abs(variance - 1) < 1e-9)
        // The warp compresses the tail: λ < 1.
        #expect(OutputTransform.maximumLikelihoodLambda(OutputTransform.standardise(ys)) < 1)
    }

    @Test func constantAndTinySeriesAreSafe() {
        #expect(OutputTransform.powerStandardise([5, 5, 5, 5]) == [0, 0, 0, 0])
        let two = OutputTransform.powerStandardise([1, 2]).allSatisfy { $0.isFinite }
        let huge = OutputTransform.standardise([1e300, 1e300]).allSatisfy { $0.isFinite }
        #expect(two && huge)
    }

    @Test func yeoJohnsonInvertsAtLambdaOne() {
        for y in [-3.0, -0.5, 0, 0.7, 12] { #expect(abs(OutputTransform.yeoJohnson(y, 1) - y) < 1e-12) }
        #expect(abs(OutputTransform.yeoJohnson(2, 0) - log(3)) < 1e-15)
        #expect(abs(OutputTransform.yeoJohnson(-2, 2) + log(3)) < 1e-15)
    }
}
