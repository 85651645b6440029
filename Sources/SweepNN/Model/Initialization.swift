import SweepMath

/// Weight initialisation. Biases start at zero except under ``torch``.
public enum Initialization: String, Sendable, Codable, CaseIterable {
    /// He for relu/gelu, Xavier for tanh/sigmoid (``Activation/defaultInitialization``).
    case automatic = "auto"
    /// He (Kaiming) normal: `N(0, 2/fan_in)`.
    case he
    /// Xavier (Glorot) normal: `N(0, 2/(fan_in + fan_out))`.
    case xavier
    /// PyTorch's `nn.Linear` default: weights and biases `U(−1/√fan_in, 1/√fan_in)`
    /// (Kaiming-uniform with `a = √5`), for like-for-like comparisons with PyTorch code.
    case torch

    /// Fresh parameters for `layout`, drawn from `rng` layer by layer (weights row-major).
    func initialParameters(for layout: NetworkLayout, activation: Activation,
                           rng: inout Xoshiro256StarStar) -> [Float] {
        let kind = self == .automatic ? activation.defaultInitialization : self
        var parameters = [Float](repeating: 0, count: layout.parameterCount)
        parameters.withUnsafeMutableBufferPointer { p in
            for layer in layout.layers where kind == .torch {
                let bound = 1 / Double(layer.inputs).squareRoot()
                for i in layer.weightOffset..<(layer.weightOffset + layer.inputs * layer.outputs) {
                    p[i] = Float(rng.nextUniform(-bound, bound))
                }
                for i in layer.biasOffset..<(layer.biasOffset + layer.outputs) { p[i] = Float(rng.nextUniform(-bound, bound)) }
            }
            for layer in layout.layers where kind != .torch {
                let fanIn = Double(layer.inputs), fanOut = Double(layer.outputs)
                let variance = kind == .xavier ? 2 / (fanIn + fanOut) : 2 / fanIn
                let block = UnsafeMutableBufferPointer(rebasing: p[layer.weightOffset..<(layer.weightOffset + layer.inputs * layer.outputs)])
                rng.fillNormal(block, scale: Float(variance.squareRoot()))
            }
        }
        return parameters
    }
}
