import Foundation
import Testing
@testable import SweepNN
import SweepMath
import SweepTestSupport

@Suite(.serialized) struct CheckpointTests {
    static let data = TestData.blobs(rows: 260, features: 5, classes: 3)

    static func config(_ optimizer: OptimizerKind) -> MLPConfiguration {
        TestData.config {
            $0.optimizer = optimizer
            $0.dropout = 0.25
            $0.epochs = 6
            $0.batchSize = 24  // 208 training rows: a partial last batch
            $0.schedule = .cosine(minimumFactor: 0.1)
            $0.weightDecay = 1e-2
            $0.seed = 9
        }
    }

    /// Training resumed from epoch k equals the uninterrupted run bit for bit: weights, optimizer
    /// state, generators and every later epoch's metrics.
    @Test(arguments: OptimizerKind.allCases)
    func resumeIsBitExact(optimizer: OptimizerKind) throws {
        BLASThreads.setThreadCount(1)
        let config = Self.config(optimizer)
        let full = try MLPTrainer(configuration: config, dataset: Self.data)
        let fullHistory = try full.run().map(\.withoutTimings)

        let first = try MLPTrainer(configuration: config, dataset: Self.data)
        for _ in 0..<2 { _ = try first.trainEpoch() }
        let bytes = first.checkpoint()
        let resumed = try MLPTrainer(restoringFrom: bytes, dataset: Self.data)
        #expect(resumed.epoch == 2)
        #expect(resumed.samplesSeen == 2 * first.trainingRowCount)
        let rest = try resumed.run().map(\.withoutTimings)
        #expect(rest == Array(fullHistory[2...]))
        #expect(resumed.model.parameters.map(\.bitPattern) == full.model.parameters.map(\.bitPattern))
        #expect(resumed.checkpoint() == full.checkpoint())
    }

    @Test func checkpointRoundTripsThroughAFile() throws {
        let t = try MLPTrainer(configuration: Self.config(.adam), dataset: Self.data)
        _ = try t.trainEpoch()
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("m.ckpt").path
            try MLPCheckpoint.write(t.checkpoint(), to: path)
            let c = try MLPCheckpoint.read(from: path)
            #expect(c.epoch == 1)
            #expect(c.configuration == t.configuration)
            #expect(c.model == t.model)
            // Predictions from the file equal the live trainer's.
            let rows = 10
            let x = Array(Self.data.features.prefix(rows * Self.data.featureCount))
            #expect(c.model.predict(features: x, rows: rows) == t.predict(features: x, rows: rows))
        }
    }

    @Test func corruptOrForeignBytesAreRejectedClearly() throws {
        let t = try MLPTrainer(configuration: Self.config(.sgd), dataset: Self.data)
        let good = t.checkpoint()

        var flipped = good
        flipped[flipped.count / 2] ^= 0x40
        #expect(throws: CheckpointError.self) { try MLPCheckpoint(data: flipped, source: "x.ckpt") }
        do {
            _ = try MLPCheckpoint(data: flipped, source: "x.ckpt")
        } catch let e as CheckpointError {
            guard case .checksumMismatch(source: "x.ckpt", _, _) = e else { Issue.record("got \(e)"); return }
            #expect(e.description.contains("corrupt"))
        }

        #expect(throws: CheckpointError.notACheckpoint(source: "x.ckpt")) {
            try MLPCheckpoint(data: Data("row,prediction\n0,1\n".utf8), source: "x.ckpt")
        }
        #expect(throws: CheckpointError.notACheckpoint(source: "x.ckpt")) { try MLPCheckpoint(data: Data(), source: "x.ckpt") }

        var future = good
        future[8] = 2  // format version 2
        #expect(throws: CheckpointError.unsupportedVersion(source: "x.ckpt", found: 2, supported: 1)) {
            try MLPCheckpoint(data: future, source: "x.ckpt")
        }

        let cut = good.prefix(good.count - 100)
        #expect(throws: CheckpointError.self) { try MLPCheckpoint(data: Data(cut), source: "x.ckpt") }

        #expect(throws: CheckpointError.unreadable(source: "/nonexistent/m.ckpt", reason: "no such file")) {
            try MLPCheckpoint.read(from: "/nonexistent/m.ckpt")
        }
    }

    @Test func resumeOnOtherDataIsRefused() throws {
        let t = try MLPTrainer(configuration: Self.config(.adam), dataset: Self.data)
        let other = TestData.blobs(rows: 260, features: 5, classes: 3, seed: 77)
        #expect(throws: CheckpointError.self) { try MLPTrainer(restoringFrom: t.checkpoint(), dataset: other) }
    }

    @Test func crcIsZlibs() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
