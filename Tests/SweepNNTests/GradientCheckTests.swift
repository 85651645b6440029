import Testing
@testable import SweepNN
import SweepMath

/// Backpropagation against central finite differences, in Double (the same generic engine code
/// the Float trainer runs). With h = 1e-5 the truncation error is O(h^2 f''') ~ 1e-10 and the
/// rounding error O(eps |L| / h) ~ 1e-11. The bound is |numeric - analytic| <= 1e-6 max(|numeric| +
/// |analytic|, 1e-3): relative 1e-6 for ordinary gradients, absolute 1e-9 for tiny ones (where
/// the FD noise dominates any relative measure). A wrong term (missing factor, transposed index)
/// gives errors of order 1.
@Suite struct GradientCheckTests {
    struct Case: CustomStringConvertible, Sendable {
        var activation: Activation
        var task: TaskKind
        var dropout: Double
        var widths: [Int]
        var description: String { "\(activation) \(task) dropout \(dropout) \(widths)" }
    }

    static let cases: [Case] = Activation.allCases.flatMap { act in
        [
            Case(activation: act, task: .classification, dropout: 0, widths: [7, 5]),
            Case(activation: act, task: .regression, dropout: 0, widths: [6]),
            Case(activation: act, task: .classification, dropout: 0.3, widths: [6, 4]),
        ]
    } + [Case(activation: .relu, task: .classification, dropout: 0, widths: [])]

    @Test(arguments: cases)
    func backpropMatchesFiniteDifferences(_ c: Case) {
        let inputs = 4, rows = 5
        let outputs = c.task == .classification ? 3 : 2
        let layout = NetworkLayout(inputCount: inputs, hiddenWidths: c.widths, outputCount: outputs)
        let params = TestData.uniform(layout.parameterCount, seed: 7).map { $0 * 0.9 }
        let x = TestData.uniform(rows * inputs, seed: 8).map { $0 * 2 }
        let labels: [Int32] = (0..<rows).map { Int32($0 % outputs) }
        let targets = TestData.uniform(rows * outputs, seed: 9)
        let engine = NetworkEngine<Double>(layout: layout, activation: c.activation, dropout: c.dropout,
                                           capacity: rows, parameters: params)
        let rngStart = Xoshiro256StarStar(seed: 3)
        var rng = rngStart

        /// Mean loss; with `backprop`, leaves the gradient in engine.gradients. The dropout
        /// generator restarts from the same state, so every evaluation sees the same masks.
        func loss(backprop: Bool) -> Double {
            rng = rngStart
            return x.withUnsafeBufferPointer { xp in
                withUnsafeMutablePointer(to: &rng) { rp in
                    engine.forward(input: xp.baseAddress!, rows: rows, dropoutRNG: c.dropout > 0 ? rp : nil)
                }
                let g: UnsafeMutablePointer<Double>? = backprop ? engine.outputGradient : nil
                let sum: Double
                switch c.task {
                case .classification:
                    sum = labels.withUnsafeBufferPointer {
                        LossKernels.softmaxCrossEntropy(logits: engine.outputs, rows: rows, classes: outputs,
                                                        labels: $0.baseAddress!, gradient: g, scale: 1 / Double(rows)).lossSum
                    }
                case .regression:
                    sum = targets.withUnsafeBufferPointer {
                        LossKernels.meanSquaredError(outputs: engine.outputs, rows: rows, width: outputs,
                                                     targets: $0.baseAddress!, gradient: g, scale: 1 / Double(rows))
                    }
                }
                if backprop { engine.backward(input: xp.baseAddress!, rows: rows, training: c.dropout > 0) }
                return sum / Double(rows)
            }
        }

        _ = loss(backprop: true)
        let analytic = engine.gradients.array
        let h = 1e-5
        var worst = 0.0
        for i in 0..<layout.parameterCount {
            let saved = engine.parameters.pointer[i]
            engine.parameters.pointer[i] = saved + h
            let up = loss(backprop: false)
            engine.parameters.pointer[i] = saved - h
            let down = loss(backprop: false)
            engine.parameters.pointer[i] = saved
            let numeric = (up - down) / (2 * h)
            let error = abs(numeric - analytic[i]) / max(abs(numeric) + abs(analytic[i]), 1e-3)
            worst = max(worst, error)
        }
        #expect(worst < 1e-6, "\(c): worst scaled gradient error \(worst)")
        // The check is not vacuous: most gradients are non-zero.
        #expect(analytic.filter { $0 != 0 }.count > layout.parameterCount / 2)
    }

    /// The Float path agrees with the Double path to float32 accuracy on the same inputs
    /// (relative 1e-3: a handful of float32 roundings through two layers).
    @Test func floatEngineMatchesDoubleEngine() {
        let layout = NetworkLayout(inputCount: 4, hiddenWidths: [8], outputCount: 3)
        let params = TestData.uniform(layout.parameterCount, seed: 11)
        let x = TestData.uniform(12, seed: 12)
        let labels: [Int32] = [0, 1, 2]
        func gradients<S: NNScalar>(_: S.Type) -> [Double] {
            let e = NetworkEngine<S>(layout: layout, activation: .gelu, dropout: 0, capacity: 3,
                                     parameters: params.map { S($0) })
            let xs = x.map { S($0) }
            xs.withUnsafeBufferPointer { xp in
                e.forward(input: xp.baseAddress!, rows: 3, dropoutRNG: nil)
                _ = labels.withUnsafeBufferPointer {
                    LossKernels.softmaxCrossEntropy(logits: e.outputs, rows: 3, classes: 3, labels: $0.baseAddress!,
                                                    gradient: e.outputGradient, scale: S(1) / 3)
                }
                e.backward(input: xp.baseAddress!, rows: 3, training: false)
            }
            return e.gradients.array.map { Double($0) }
        }
        let f = gradients(Float.self), d = gradients(Double.self)
        let scale = d.map(abs).max()!
        for (a, b) in zip(f, d) { #expect(abs(a - b) <= 1e-3 * scale) }
    }
}
