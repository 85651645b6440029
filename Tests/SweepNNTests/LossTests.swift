import Foundation
import Testing
@testable import SweepNN

@Suite struct LossTests {
    @Test func crossEntropyIsStableForHugeLogits() {
        let logits: [Float] = [1e4, -1e4, 0, 88, 89, 90]
        let labels: [Int32] = [1, 2]
        var grad = [Float](repeating: 0, count: 6)
        let r = logits.withUnsafeBufferPointer { l in
            labels.withUnsafeBufferPointer { y in
                grad.withUnsafeMutableBufferPointer { g in
                    LossKernels.softmaxCrossEntropy(logits: l.baseAddress!, rows: 2, classes: 3, labels: y.baseAddress!,
                                                    gradient: g.baseAddress!, scale: 0.5)
                }
            }
        }
        // Row 0: −log softmax = 2e4 (exactly, up to float rounding); row 1: logsumexp(88,89,90) − 90.
        let row1 = log(exp(-2.0) + exp(-1.0) + 1)
        #expect(abs(r.lossSum - (2e4 + row1)) < 1e-2)
        #expect(grad.allSatisfy { $0.isFinite })
        #expect(r.correct == 1)  // row 1's argmax is its label
        // Each gradient row sums to zero (softmax minus one-hot).
        #expect(abs(grad[0] + grad[1] + grad[2]) < 1e-6)
        #expect(abs(grad[3] + grad[4] + grad[5]) < 1e-6)
    }

    @Test func crossEntropyMatchesDirectFormula() {
        let logits: [Double] = [0.1, -0.3, 0.7]
        let labels: [Int32] = [2]
        let r = logits.withUnsafeBufferPointer { l in
            labels.withUnsafeBufferPointer { y in
                LossKernels.softmaxCrossEntropy(logits: l.baseAddress!, rows: 1, classes: 3, labels: y.baseAddress!,
                                                gradient: nil, scale: 1)
            }
        }
        let expected = -log(exp(0.7) / (exp(0.1) + exp(-0.3) + exp(0.7)))
        #expect(abs(r.lossSum - expected) < 1e-12)
        #expect(r.correct == 1)
    }

    @Test func meanSquaredErrorAndGradient() {
        let out: [Double] = [1, 2, 3, 4], target: [Double] = [0, 2, 5, 4]
        var grad = [Double](repeating: 0, count: 4)
        let sum = out.withUnsafeBufferPointer { o in
            target.withUnsafeBufferPointer { t in
                grad.withUnsafeMutableBufferPointer { g in
                    LossKernels.meanSquaredError(outputs: o.baseAddress!, rows: 2, width: 2, targets: t.baseAddress!,
                                                 gradient: g.baseAddress!, scale: 0.5)
                }
            }
        }
        // Per-row means: (1 + 0)/2 and (4 + 0)/2.
        #expect(sum == 2.5)
        #expect(grad == [0.5, 0, -1, 0])
    }
}
