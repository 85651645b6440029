import Foundation
import Sweep
import Testing

/// The held-out metrics champion and challenger are compared on, against direct computations from
/// the model's predictions, and the metric chosen from a version's lineage.
@Suite struct HoldoutMetricTests {
    static func irisModel() throws -> (MLPModel, Dataset) {
        var c = MLPConfiguration()
        c.hiddenWidths = [8]
        c.epochs = 3
        c.learningRate = 0.01
        let data = try ShippedDataset.iris.load()
        let trainer = try MLPTrainer(configuration: c, dataset: data)
        _ = try trainer.run()
        return (trainer.model, data)
    }

    @Test func classifierAccuracyAndLossMatchThePredictions() throws {
        let (model, data) = try Self.irisModel()
        guard case let .classes(predicted, _, p) = model.predict(features: data.features, rows: data.rowCount),
              case let .classes(truth, names) = data.target else { Issue.record("not a classifier"); return }
        let k = names.count, n = Double(data.rowCount)
        let accuracy = Double(zip(predicted, truth).filter { $0 == Int($1) }.count) / n
        let loss = truth.indices.map { -log(Double(p[$0 * k + Int(truth[$0])])) }.reduce(0, +) / n
        let acc = HoldoutMetric(lineageMetrics: ["val_accuracy": 0.5, "epoch": 3], task: .classification)
        let nll = HoldoutMetric(lineageMetrics: ["val_loss": 0.5], task: .classification)
        #expect(acc.goal == .maximize && nll.goal == .minimize)
        #expect(acc.evaluate(model, features: data.features, rows: data.rowCount, target: data.target) == accuracy)
        #expect(abs(nll.evaluate(model, features: data.features, rows: data.rowCount, target: data.target) - loss) < 1e-12)
        #expect(accuracy > 0.3 && loss.isFinite && loss > 0)
    }

    @Test func theMetricComesFromTheLineageWhenTheTaskAllowsIt() {
        #expect(HoldoutMetric(lineageMetrics: ["val_r2": 0.3], task: .regression) == HoldoutMetric(lineageMetrics: ["val_r2": 1], task: .regression))
        #expect(HoldoutMetric(lineageMetrics: ["val_r2": 0.3], task: .regression).goal == .maximize)
        #expect(HoldoutMetric(lineageMetrics: ["val_rmse": 3], task: .classification).name == "val_accuracy")
        #expect(HoldoutMetric(lineageMetrics: ["train_loss": 3, "epoch": 2], task: .regression).name == "val_rmse")
        #expect(HoldoutMetric(lineageMetrics: [:], task: .classification).name == "val_accuracy")
    }
}
