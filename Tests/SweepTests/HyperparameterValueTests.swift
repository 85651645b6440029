import Sweep
import Testing

/// Trial parameters (`ParameterValue`) and config settings (`AttributeValue`) reach the MLP trainer
/// without conversion, through the `HyperparameterValue` protocol.
@Suite struct HyperparameterValueTests {
    @Test func trialParametersApplyAsTheyAre() throws {
        var c = MLPConfiguration()
        let params: [String: ParameterValue] = ["lr": .float(0.02), "layers": .int(3), "nodes": .int(16),
                                                "activation": .string("tanh"), "dropout": .string("0.25")]
        try c.apply(params)
        #expect(c.learningRate == 0.02 && c.hiddenWidths == [16, 16, 16] && c.activation == .tanh && c.dropout == 0.25)
        #expect(throws: MLPConfigurationError.self) { try c.set("layers", ParameterValue.float(2.5)) }
        #expect(throws: MLPConfigurationError.self) { try c.set("optimizer", ParameterValue.bool(true)) }
        do { try c.set("activation", ParameterValue.string("swish")) } catch {
            #expect("\(error)" == "MLP hyperparameter 'activation' = 'swish': expected one of relu|tanh|gelu|sigmoid")
        }
    }

    @Test func configSettingsApplyAsTheyAreIncludingLists() throws {
        var c = MLPConfiguration()
        try c.set("nodes", AttributeValue.array([64, 32]))
        #expect(c.hiddenWidths == [64, 32])
        try c.set("epochs", AttributeValue.number(12))
        #expect(c.epochs == 12)
        #expect(throws: MLPConfigurationError.self) { try c.set("lr", AttributeValue.null) }
        #expect(throws: MLPConfigurationError.self) { try c.set("nodes", AttributeValue.array(["wide"])) }
        #expect(throws: MLPConfigurationError.self) { try c.set("lr", AttributeValue.object(["a": 1])) }
        #expect(c.hiddenWidths == [64, 32] && c.learningRate == MLPConfiguration().learningRate)
    }
}
