import Foundation

/// Hyperparameters of one update, resolved from the configuration and the schedule.
struct OptimizerSettings: Sendable {
    var kind: OptimizerKind
    var learningRate: Float
    var weightDecay: Float
    var decayKind: WeightDecayKind
    var momentum: Float
    var beta1: Float
    var beta2: Float
    var epsilon: Float
}

/// Optimizer state over the flat parameter vector and its fused update loops.
///
/// The state (step count and the moment / velocity vectors) is what a checkpoint stores to resume
/// bit for bit. Vectors the rule doesn't use stay empty.
final class Optimizer {
    let kind: OptimizerKind
    /// Updates applied so far (Adam's bias correction uses it).
    private(set) var step: Int
    /// Velocity (momentum, nesterov) or first moment (adam, adamw).
    let first: Buffer<Float>
    /// Second moment (adam, adamw).
    let second: Buffer<Float>

    init(kind: OptimizerKind, parameterCount: Int) {
        self.kind = kind
        step = 0
        let uses = kind.stateVectors
        first = Buffer(count: uses.first ? parameterCount : 0, repeating: 0)
        second = Buffer(count: uses.second ? parameterCount : 0, repeating: 0)
    }

    /// Restores saved state (from a checkpoint).
    /// - Throws: ``CheckpointError/malformed(_:)`` when the vector lengths don't fit this optimizer.
    func restore(step: Int, first: [Float], second: [Float]) throws {
        guard first.count == self.first.count, second.count == self.second.count, step >= 0 else {
            throw CheckpointError.malformed("optimizer state has \(first.count)/\(second.count) values, expected \(self.first.count)/\(self.second.count)")
        }
        self.step = step
        self.first.assign(first)
        self.second.assign(second)
    }

    /// Applies one update to `parameters` from `gradients`. Weight decay touches indices
    /// `0..<weightCount` only (the weights; biases follow them in the flat layout).
    func update(parameters w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
                count: Int, weightCount: Int, settings s: OptimizerSettings) {
        step += 1
        let lr = s.learningRate
        let l2: Float = s.decayKind == .l2 ? s.weightDecay : 0
        if s.decayKind == .decoupled && s.weightDecay > 0 {
            let shrink = 1 - lr * s.weightDecay
            for i in 0..<weightCount { w[i] *= shrink }
        }
        switch kind {
        case .sgd:
            sgd(w, g, 0..<weightCount, lr: lr, l2: l2)
            sgd(w, g, weightCount..<count, lr: lr, l2: 0)
        case .momentum, .nesterov:
            let nesterov = kind == .nesterov
            momentum(w, g, 0..<weightCount, lr: lr, l2: l2, mu: s.momentum, nesterov: nesterov)
            momentum(w, g, weightCount..<count, lr: lr, l2: 0, mu: s.momentum, nesterov: nesterov)
        case .adam, .adamw:
            // PyTorch's form: w −= (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
            let t = Double(step)
            let bc1 = 1 - pow(Double(s.beta1), t)
            let bc2 = 1 - pow(Double(s.beta2), t)
            let stepSize = Float(Double(lr) / bc1)
            let invSqrtBC2 = Float(1 / bc2.squareRoot())
            adam(w, g, 0..<weightCount, l2: l2, s: s, stepSize: stepSize, invSqrtBC2: invSqrtBC2)
            adam(w, g, weightCount..<count, l2: 0, s: s, stepSize: stepSize, invSqrtBC2: invSqrtBC2)
        }
    }

    @inline(__always)
    private func sgd(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ range: Range<Int>, lr: Float, l2: Float) {
        for i in range { w[i] -= lr * (g[i] + l2 * w[i]) }
    }

    @inline(__always)
    private func momentum(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ range: Range<Int>,
                          lr: Float, l2: Float, mu: Float, nesterov: Bool) {
        let v = first.pointer
        if nesterov {
            for i in range {
                let gi = g[i] + l2 * w[i]
                let vi = mu * v[i] + gi
                v[i] = vi
                w[i] -= lr * (gi + mu * vi)
            }
        } else {
            for i in range {
                let vi = mu * v[i] + (g[i] + l2 * w[i])
                v[i] = vi
                w[i] -= lr * vi
            }
        }
    }

    @inline(__always)
    private func adam(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ range: Range<Int>,
                      l2: Float, s: OptimizerSettings, stepSize: Float, invSqrtBC2: Float) {
        let m = first.pointer, v = second.pointer
        let b1 = s.beta1, b2 = s.beta2, c1 = 1 - s.beta1, c2 = 1 - s.beta2, eps = s.epsilon
        for i in range {
            let gi = g[i] + l2 * w[i]
            let mi = b1 * m[i] + c1 * gi
            let vi = b2 * v[i] + c2 * gi * gi
            m[i] = mi
            v[i] = vi
            // `magnitude` is a no-op (vi ≥ 0) that lets LLVM drop the errno-preserving sqrtf
            // call Swift emits for squareRoot(), so this loop vectorises (vsqrtps); measured 2.5x.
            w[i] -= stepSize * mi / (vi.magnitude.squareRoot() * invSqrtBC2 + eps)
        }
    }
}
