import Testing
@testable import SweepNN
import SweepMath

@Suite(.serialized) struct DeterminismTests {
    static func run(_ config: MLPConfiguration, _ data: Dataset) throws -> ([EpochMetrics], [Float]) {
        let t = try MLPTrainer(configuration: config, dataset: data)
        let history = try t.run().map(\.withoutTimings)
        return (history, t.model.parameters)
    }

    @Test(arguments: [OptimizerKind.adam, .nesterov])
    func sameSeedGivesBitIdenticalRuns(optimizer: OptimizerKind) throws {
        BLASThreads.setThreadCount(1)
        let data = TestData.blobs(rows: 300, features: 6, classes: 3)
        let config = TestData.config {
            $0.optimizer = optimizer
            $0.dropout = 0.2
            $0.schedule = .cosine(minimumFactor: 0)
            $0.weightDecay = 1e-3
            $0.seed = 42
        }
        let (h1, w1) = try Self.run(config, data)
        let (h2, w2) = try Self.run(config, data)
        #expect(w1.map(\.bitPattern) == w2.map(\.bitPattern))
        #expect(h1 == h2)
        var other = config
        other.seed = 43
        let (h3, w3) = try Self.run(other, data)
        #expect(w3 != w1)
        #expect(h3 != h1)
    }
}
