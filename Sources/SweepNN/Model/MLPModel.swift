/// What the output layer means.
public enum ModelOutput: Sendable, Codable, Equatable {
    /// Logits over these class labels (index order).
    case classes(names: [String])
    /// One standardised value; the prediction is `output·scale + mean` in the target's units.
    case regression(mean: Double, scale: Double)
}

/// A trained network ready to predict: architecture, weights and the input/output scaling fitted
/// on its training split. `Sendable`; prediction allocates its own scratch buffers.
public struct MLPModel: Sendable, Equatable {
    public var layout: NetworkLayout
    public var activation: Activation
    /// Feature columns, in the order ``predict(features:rows:)`` expects them.
    public var featureNames: [String]
    public var targetName: String
    public var standardizer: Standardizer
    public var output: ModelOutput
    /// Flat parameters (see ``NetworkLayout``).
    public var parameters: [Float]

    public var task: TaskKind {
        if case .classes = output { return .classification }
        return .regression
    }

    /// Predicts `rows` rows of raw (unstandardised) features, row-major `rows × featureNames.count`.
    /// Processes 512 rows at a time.
    public func predict(features: [Float], rows: Int) -> MLPPredictions {
        let d = layout.inputCount, k = layout.outputCount
        precondition(features.count == rows * d, "predict: \(features.count) values for \(rows)×\(d)")
        let chunk = 512
        let engine = NetworkEngine<Float>(layout: layout, activation: activation, dropout: 0,
                                          capacity: max(1, min(chunk, rows)), parameters: parameters)
        var outputs = [Float](repeating: 0, count: rows * k)
        var scaled = [Float](repeating: 0, count: min(chunk, rows) * d)
        var start = 0
        while start < rows {
            let n = min(chunk, rows - start)
            for r in 0..<n {
                for j in 0..<d {
                    scaled[r * d + j] = (features[(start + r) * d + j] - standardizer.means[j]) / standardizer.scales[j]
                }
            }
            scaled.withUnsafeBufferPointer { engine.forward(input: $0.baseAddress!, rows: n, dropoutRNG: nil) }
            for i in 0..<(n * k) { outputs[start * k + i] = engine.outputs[i] }
            start += n
        }
        switch output {
        case let .classes(names):
            var labels = [Int](repeating: 0, count: rows)
            for r in 0..<rows {
                var best = 0
                var maxValue = outputs[r * k]
                for j in 1..<k where outputs[r * k + j] > maxValue { maxValue = outputs[r * k + j]; best = j }
                var sum: Float = 0
                for j in 0..<k { let e = Float.nnExp(outputs[r * k + j] - maxValue); outputs[r * k + j] = e; sum += e }
                for j in 0..<k { outputs[r * k + j] /= sum }
                labels[r] = best
            }
            return .classes(indices: labels, names: names, probabilities: outputs)
        case let .regression(mean, scale):
            return .values(outputs.map { Double($0) * scale + mean })
        }
    }
}

/// Predictions for a block of rows.
public enum MLPPredictions: Sendable, Equatable {
    /// Predicted class index per row, the class labels, and row-major `rows × classes` softmax
    /// probabilities.
    case classes(indices: [Int], names: [String], probabilities: [Float])
    /// Predicted target per row in the target's original units.
    case values([Double])
}
