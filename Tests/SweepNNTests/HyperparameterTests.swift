import Testing
@testable import SweepNN

@Suite struct HyperparameterTests {
    @Test func mapsSweepParameters() throws {
        var c = MLPConfiguration()
        try c.apply([
            "lr": 3e-4, "layers": 3, "nodes": 256, "batch_size": 64,
            "activation": "gelu", "optimizer": "adamw", "dropout": 0.1,
            "weight_decay": 0.01, "beta2": 0.98, "epochs": 20,
            "schedule": "cosine", "init": "xavier", "seed": 5,
        ])
        #expect(c.learningRate == 3e-4)
        #expect(c.hiddenWidths == [256, 256, 256])
        #expect(c.batchSize == 64)
        #expect(c.activation == .gelu)
        #expect(c.optimizer == .adamw)
        #expect(c.effectiveWeightDecayKind == .decoupled)
        #expect(c.dropout == 0.1 && c.weightDecay == 0.01 && c.beta2 == 0.98 && c.epochs == 20)
        #expect(c.schedule == .cosine(minimumFactor: 0))
        #expect(c.initialization == .xavier)
        #expect(c.seed == 5)
    }

    @Test func nodesAsListOrPerLayerKeys() throws {
        var c = MLPConfiguration()
        try c.set("nodes", [64, 32])
        #expect(c.hiddenWidths == [64, 32])
        try c.apply(["layers": 3, "nodes": 100, "nodes_2": 50, "nodes_3": 25.0])
        #expect(c.hiddenWidths == [100, 50, 25])
        try c.set("nodes", "8, 4")
        #expect(c.hiddenWidths == [8, 4])
        try c.set("learning_rate", "0.01")
        #expect(c.learningRate == 0.01)
        try c.apply(["epochs": 30, "schedule": "step", "gamma": 0.5])
        #expect(c.schedule == .step(everyEpochs: 10, factor: 0.5))
    }

    @Test func errorsNameTheKeyAndValue() {
        var c = MLPConfiguration()
        #expect(throws: MLPConfigurationError.self) { try c.set("learning_rat", 1) }
        do { try c.set("learning_rat", 1) } catch {
            #expect("\(error)".contains("unknown MLP hyperparameter 'learning_rat' (did you mean 'learning_rate'?)"))
        }
        #expect(throws: MLPConfigurationError.invalid(key: "dropout", value: "1.5", expected: "a probability in [0, 1)")) {
            try c.set("dropout", 1.5)
        }
        #expect(throws: MLPConfigurationError.self) { try c.set("activation", "swish") }
        do { try c.set("optimizer", "lion") } catch {
            #expect("\(error)".contains("sgd|momentum|nesterov|adam|adamw"))
        }
        #expect(throws: MLPConfigurationError.self) { try c.set("batch_size", 3.5) }
        #expect(throws: MLPConfigurationError.self) { try c.set("lr", -1) }
        #expect(throws: MLPConfigurationError.self) { try c.set("nodes_9", 3) }
        #expect(c == MLPConfiguration())  // a failed set leaves the configuration unchanged
    }

    @Test func configurationIsCodable() throws {
        var c = MLPConfiguration()
        c.schedule = .step(everyEpochs: 5, factor: 0.3)
        c.weightDecayKind = .l2
        let data = try JSONEncoder().encode(c)
        #expect(try JSONDecoder().decode(MLPConfiguration.self, from: data) == c)
    }
}

import Foundation
