import Foundation
import Testing
@testable import SweepNN
import SweepTestSupport

@Suite struct PredictionTests {
    @Test func predictionRunReadsCSVByColumnName() throws {
        let data = TestData.blobs(rows: 150, features: 3, classes: 3)
        let t = try MLPTrainer(configuration: TestData.config { $0.epochs = 3 }, dataset: data)
        _ = try t.run()
        try withTemporaryDirectory { dir in
            let model = dir.appendingPathComponent("m.ckpt").path
            try MLPCheckpoint.write(t.checkpoint(), to: model)
            // Columns reordered, plus the target column, which is ignored.
            var csv = "target,f2,f0,f1\n"
            for r in 0..<4 {
                let f = (0..<3).map { data.features[r * 3 + $0] }
                csv += "0,\(f[2]),\(f[0]),\(f[1])\n"
            }
            let path = dir.appendingPathComponent("x.csv").path
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            let out = try PredictionRun(modelPath: model, dataPath: path).run()
            let expected = PredictionRun.csv(t.predict(features: Array(data.features.prefix(12)), rows: 4))
            #expect(out == expected)
            let lines = out.split(separator: "\n")
            #expect(lines.first == "row,prediction,p_0,p_1,p_2")
            #expect(lines.count == 5)

            try "f0,f1\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: DatasetError.missingFeatureColumn(source: path, column: "f2")) {
                try PredictionRun(modelPath: model, dataPath: path).run()
            }
            #expect(throws: CheckpointError.notACheckpoint(source: path)) {
                try PredictionRun(modelPath: path, dataPath: path).run()
            }
        }
    }

    @Test func probabilitiesSumToOneAndRegressionIsInTargetUnits() throws {
        let data = TestData.blobs(rows: 90, features: 2, classes: 3)
        let t = try MLPTrainer(configuration: TestData.config { $0.epochs = 1 }, dataset: data)
        guard case let .classes(indices, _, p) = t.predict(features: Array(data.features.prefix(10)), rows: 5) else {
            Issue.record("expected classes"); return
        }
        for r in 0..<5 {
            let row = p[(r * 3)..<(r * 3 + 3)]
            #expect(abs(row.reduce(0, +) - 1) < 1e-5)
            #expect(row.firstIndex(of: row.max()!)! - r * 3 == indices[r])
        }
        let reg = try MLPTrainer(configuration: TestData.config { $0.epochs = 0 }, dataset: TestData.friedman())
        guard case let .values(v) = reg.predict(features: [Float](repeating: 0.5, count: 6), rows: 1) else {
            Issue.record("expected values"); return
        }
        // Untrained outputs are near the standardised 0, i.e. near the training mean (≈ 14 for Friedman #1).
        #expect(v[0] > 0 && v[0] < 40)
    }
}
