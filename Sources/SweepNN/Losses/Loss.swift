/// The training loss, fixed by the task: softmax cross-entropy for classification, mean squared
/// error for regression.
public enum LossKind: String, Sendable, Codable {
    /// Mean over rows of `−log softmax(z)[label]`, computed as `logsumexp(z) − z[label]` with the
    /// row maximum subtracted first, so it is finite for any finite logits.
    case softmaxCrossEntropy = "cross_entropy"
    /// Mean over rows and outputs of `(output − target)²` (targets standardised on the training split).
    case meanSquaredError = "mse"
}

/// Loss value and gradient in one pass over the output block.
enum LossKernels {
    /// Sum over `rows` of the per-row cross-entropy, and how many rows' argmax equals the label.
    /// With `gradient`, also writes `scale · (softmax(z) − onehot(label))` there.
    @inline(__always)
    static func softmaxCrossEntropy<S: NNScalar>(
        logits: UnsafePointer<S>, rows: Int, classes: Int, labels: UnsafePointer<Int32>,
        gradient: UnsafeMutablePointer<S>?, scale: S
    ) -> (lossSum: Double, correct: Int) {
        var lossSum = 0.0
        var correct = 0
        for r in 0..<rows {
            let zr = logits + r * classes
            let label = Int(labels[r])
            var maxValue = zr[0], argmax = 0
            for j in 1..<max(classes, 1) where zr[j] > maxValue { maxValue = zr[j]; argmax = j }
            if argmax == label { correct += 1 }
            var sum: S = 0
            if let g = gradient {
                let gr = g + r * classes
                for j in 0..<classes {
                    let e = S.nnExp(zr[j] - maxValue)
                    gr[j] = e
                    sum += e
                }
                let inv = scale / sum
                for j in 0..<classes { gr[j] *= inv }
                gr[label] -= scale
            } else {
                for j in 0..<classes { sum += S.nnExp(zr[j] - maxValue) }
            }
            lossSum += Double(S.nnLog(sum) + maxValue - zr[label])
        }
        return (lossSum, correct)
    }

    /// Sum over rows of the per-row mean over outputs of `(output − target)²`.
    /// With `gradient`, writes `scale · 2(output − target)/outputs` there.
    @inline(__always)
    static func meanSquaredError<S: NNScalar>(
        outputs: UnsafePointer<S>, rows: Int, width: Int, targets: UnsafePointer<S>,
        gradient: UnsafeMutablePointer<S>?, scale: S
    ) -> Double {
        var lossSum = 0.0
        let count = rows * width
        let invWidth = 1 / Double(width)
        let factor = 2 * scale / S(width)
        for i in 0..<count {
            let d = outputs[i] - targets[i]
            lossSum += Double(d * d) * invWidth
            if let g = gradient { g[i] = factor * d }
        }
        return lossSum
    }
}
