import Testing
@testable import SweepNN

@Suite struct HyperparameterTests {
    @Test func mapsSweepParameters() throws {
        var c = MLPConfiguration()
        try c.apply([
            "lr": .double(3e-4), "layers": .int(3), "nodes": .int(256), "batch_size": .int(64),
            "activation": .string("gelu"), "optimizer": .string("adamw"), "dropout": .double(0.1),
            "weight_decay": .double(0.01), "beta2": .double(0.98), "epochs": .int(20),
            "schedule": .string("cosine"), "init": .string("xavier"), "seed": .int(5),
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
        try c.set("nodes", .list([.int(64), .int(32)]))
        #expect(c.hiddenWidths == [64, 32])
        try c.apply(["layers": .int(3), "nodes": .int(100), "nodes_2": .int(50), "nodes_3": .double(25)])
        #expect(c.hiddenWidths == [100, 50, 25])
        try c.set("nodes", .string("8, 4"))
        #expect(c.hiddenWidths == [8, 4])
        try c.set("learning_rate", .string("0.01"))
        #expect(c.learningRate == 0.01)
        try c.apply(["epochs": .int(30), "schedule": .string("step"), "gamma": .double(0.5)])
        #expect(c.schedule == .step(everyEpochs: 10, factor: 0.5))
    }

    @Test func errorsNameTheKeyAndValue() {
        var c = MLPConfiguration()
        #expect(throws: MLPConfigurationError.self) { try c.set("learning_rat", .double(1)) }
        do { try c.set("learning_rat", .double(1)) } catch {
            #expect("\(error)".contains("unknown MLP hyperparameter 'learning_rat'"))
        }
        #expect(throws: MLPConfigurationError.invalid(key: "dropout", value: "1.5", expected: "a probability in [0, 1)")) {
            try c.set("dropout", .double(1.5))
        }
        #expect(throws: MLPConfigurationError.self) { try c.set("activation", .string("swish")) }
        do { try c.set("optimizer", .string("lion")) } catch {
            #expect("\(error)".contains("sgd|momentum|nesterov|adam|adamw"))
        }
        #expect(throws: MLPConfigurationError.self) { try c.set("batch_size", .double(3.5)) }
        #expect(throws: MLPConfigurationError.self) { try c.set("lr", .double(-1)) }
        #expect(throws: MLPConfigurationError.self) { try c.set("nodes_9", .int(3)) }
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
