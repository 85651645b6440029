import Foundation
import Testing
@testable import SweepNN

/// Each update rule against a direct Double transcription of PyTorch's formulas, over three steps
/// with changing gradients. Float32 agreement to 1e-5 relative.
@Suite struct OptimizerTests {
    static let w0: [Double] = [0.5, -1.0, 2.0, 0.25]  // first 3 are weights, the last a bias
    static let grads: [[Double]] = [[0.1, -0.2, 0.3, 0.4], [0.05, 0.1, -0.3, 0.2], [-0.1, 0.0, 0.2, -0.4]]
    static let weightCount = 3

    static func settings(_ kind: OptimizerKind, wd: Double, decay: WeightDecayKind) -> OptimizerSettings {
        OptimizerSettings(kind: kind, learningRate: 0.1, weightDecay: Float(wd), decayKind: decay, momentum: 0.9,
                          beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    }

    /// The reference: PyTorch's SGD (no dampening), Adam (L2 via the gradient) and AdamW.
    static func reference(_ kind: OptimizerKind, wd: Double, decay: WeightDecayKind) -> [Double] {
        var w = w0
        var v = [Double](repeating: 0, count: 4), m = v, s = v
        for (t, g0) in grads.enumerated() {
            for i in 0..<4 {
                let decayed = i < weightCount
                var g = g0[i]
                if decayed && decay == .decoupled { w[i] *= 1 - 0.1 * wd }
                if decayed && decay == .l2 { g += wd * w[i] }
                switch kind {
                case .sgd: w[i] -= 0.1 * g
                case .momentum: v[i] = 0.9 * v[i] + g; w[i] -= 0.1 * v[i]
                case .nesterov: v[i] = 0.9 * v[i] + g; w[i] -= 0.1 * (g + 0.9 * v[i])
                case .adam, .adamw:
                    m[i] = 0.9 * m[i] + 0.1 * g
                    s[i] = 0.999 * s[i] + 0.001 * g * g
                    let bc1 = 1 - pow(0.9, Double(t + 1)), bc2 = 1 - pow(0.999, Double(t + 1))
                    w[i] -= 0.1 / bc1 * m[i] / (s[i].squareRoot() / bc2.squareRoot() + 1e-8)
                }
            }
        }
        return w
    }

    @Test(arguments: OptimizerKind.allCases, [0.0, 0.05])
    func updateMatchesReference(kind: OptimizerKind, wd: Double) {
        for decay in WeightDecayKind.allCases {
            let opt = Optimizer(kind: kind, parameterCount: 4)
            var w = Self.w0.map { Float($0) }
            for g in Self.grads {
                let gf = g.map { Float($0) }
                w.withUnsafeMutableBufferPointer { wp in
                    gf.withUnsafeBufferPointer { gp in
                        opt.update(parameters: wp.baseAddress!, gradients: gp.baseAddress!, count: 4,
                                   weightCount: Self.weightCount, settings: Self.settings(kind, wd: wd, decay: decay))
                    }
                }
            }
            let expected = Self.reference(kind, wd: wd, decay: decay)
            for (a, b) in zip(w, expected) {
                #expect(abs(Double(a) - b) <= 1e-5 * max(1, abs(b)), "\(kind) wd \(wd) \(decay): \(a) vs \(b)")
            }
            #expect(opt.step == 3)
        }
    }

    @Test func decayKindDefaultsFollowTheOptimizer() {
        var c = MLPConfiguration()
        c.optimizer = .adamw
        #expect(c.effectiveWeightDecayKind == .decoupled)
        c.optimizer = .adam
        #expect(c.effectiveWeightDecayKind == .l2)
        c.weightDecayKind = .decoupled
        #expect(c.effectiveWeightDecayKind == .decoupled)
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.constant.factor(epoch: 7, totalEpochs: 10) == 1)
        let cosine = LearningRateSchedule.cosine(minimumFactor: 0.1)
        #expect(cosine.factor(epoch: 0, totalEpochs: 10) == 1)
        #expect(abs(cosine.factor(epoch: 5, totalEpochs: 10) - 0.55) < 1e-12)
        #expect(abs(cosine.factor(epoch: 10, totalEpochs: 10) - 0.1) < 1e-12)
        let step = LearningRateSchedule.step(everyEpochs: 3, factor: 0.5)
        #expect(step.factor(epoch: 2, totalEpochs: 10) == 1)
        #expect(step.factor(epoch: 3, totalEpochs: 10) == 0.5)
        #expect(step.factor(epoch: 7, totalEpochs: 10) == 0.25)
    }

    @Test func initialisationHasTheDocumentedVariance() {
        let layout = NetworkLayout(inputCount: 400, hiddenWidths: [300], outputCount: 10)
        var rng = SweepMath.Xoshiro256StarStar(seed: 1)
        let he = Initialization.he.initialParameters(for: layout, activation: .relu, rng: &rng)
        let first = he[0..<(400 * 300)].map { Double($0) }
        let variance = first.reduce(0) { $0 + $1 * $1 } / Double(first.count)
        #expect(abs(variance / (2.0 / 400) - 1) < 0.02)
        let xavier = Initialization.automatic.initialParameters(for: layout, activation: .tanh, rng: &rng)
        let xv = xavier[0..<(400 * 300)].map { Double($0) }
        let variance2 = xv.reduce(0) { $0 + $1 * $1 } / Double(xv.count)
        #expect(abs(variance2 / (2.0 / 700) - 1) < 0.02)
        #expect(he[layout.weightCount...].allSatisfy { $0 == 0 })  // biases start at zero
        let torch = Initialization.torch.initialParameters(for: layout, activation: .relu, rng: &rng)
        let bound = Float(1 / 20.0)  // 1/√400 for the first layer
        #expect(torch[0..<(400 * 300)].allSatisfy { abs($0) <= bound })
        #expect(torch[0..<(400 * 300)].max()! > 0.99 * bound)
        #expect(torch[layout.weightCount..<(layout.weightCount + 300)].allSatisfy { $0 != 0 && abs($0) <= bound })
    }
}

import SweepMath
