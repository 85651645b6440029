/// Shapes and parameter offsets of a fully connected network.
///
/// All parameters live in one flat `Float` vector: every layer's weights first (layer 0 to the
/// output layer), then every layer's biases. Layer `l`'s weights are an `inputs × outputs` row-major
/// block (so a batch-major forward pass is `Z = X·W` without transposes). Keeping the weights in one
/// prefix lets weight decay skip the biases with a single range, and lets optimizers treat the
/// model as one vector.
public struct NetworkLayout: Sendable, Codable, Equatable {
    /// One dense layer's place in the flat parameter vector.
    public struct Layer: Sendable, Codable, Equatable {
        public let inputs: Int
        public let outputs: Int
        public let weightOffset: Int
        public let biasOffset: Int
    }

    /// Input features (≥ 1).
    public let inputCount: Int
    /// Hidden layer widths, input side first (may be empty: a linear model).
    public let hiddenWidths: [Int]
    /// Outputs: the class count for classification, 1 for regression.
    public let outputCount: Int
    /// Hidden layers then the output layer.
    public let layers: [Layer]
    /// Number of weights (the decayed prefix of the parameter vector).
    public let weightCount: Int
    /// Weights plus biases.
    public let parameterCount: Int

    public init(inputCount: Int, hiddenWidths: [Int], outputCount: Int) {
        precondition(inputCount > 0 && outputCount > 0 && hiddenWidths.allSatisfy { $0 > 0 },
                     "layer sizes must be positive")
        self.inputCount = inputCount
        self.hiddenWidths = hiddenWidths
        self.outputCount = outputCount
        let sizes = [inputCount] + hiddenWidths + [outputCount]
        let weights = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        var layers: [Layer] = []
        var w = 0, b = weights
        for (i, o) in zip(sizes, sizes.dropFirst()) {
            layers.append(Layer(inputs: i, outputs: o, weightOffset: w, biasOffset: b))
            w += i * o
            b += o
        }
        self.layers = layers
        weightCount = weights
        parameterCount = b
    }

    /// The widest layer output (sizes scratch buffers).
    var maxWidth: Int { layers.map(\.outputs).max() ?? outputCount }
}
