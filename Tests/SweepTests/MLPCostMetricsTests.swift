import Foundation
import Sweep
import SweepCore
import SweepNN
import Testing

/// An `mlp` sweep kept small for debug builds (iris unless the objective names another dataset).
private func costSession(_ objective: String, trials: Int = 2, method: String = "random", workers: Int = 1) throws -> SweepSession {
    try SweepSession.open(config: try SweepConfig.parse(yaml: """
        name: cost
        seed: 5
        metric: {name: val_accuracy}
        method: \(method)
        objective: {kind: mlp, \(objective)}
        parameters:
          lr: {type: float, min: 1e-3, max: 1e-1, log: true}
        budget: {trials: \(trials), workers: \(workers)}
        storage: memory
        """, file: "cost.yaml"))
}

/// iris (4 features, 3 classes) through one hidden layer of 8: (4·8 + 8) + (8·3 + 3) = 67 parameters,
/// 2·(4·8 + 8·3) = 112 FLOPs per row, 4·67 = 268 bytes.
private let irisObjective = "dataset: iris, epochs: 4, layers: 1, nodes: 8, batch_size: 16"
private let irisExact: [String: Double] = ["parameter_count": 67, "flops_per_row": 112, "model_bytes": 268]

private func costAttributes(_ t: Trial) -> [String: AttributeValue] {
    t.attributes.filter { $0.key.hasPrefix(CostMetrics.attributePrefix) }
}

private func exactPart(_ t: Trial) -> [String: Double] {
    CostMetrics.metrics(of: t.attributes).filter { !CostMetrics.measuredNames.contains($0.key) }
}

/// The `cost` member of a trial's JSON object.
private func costField(_ json: AttributeValue) -> AttributeValue? {
    if case let .object(o) = json { return o["cost"] }
    return nil
}

@Suite struct MLPCostMetricsTests {
    @Test func digitsTwoBy128RecordsTheExactCostsOfItsLayout() throws {
        let s = try costSession("dataset: digits, epochs: 1, layers: 2, nodes: 128, batch_size: 256, cost: exact", trials: 1)
        try s.run()
        let t = try #require(try s.study.trials().first)
        #expect(t.state == .complete)
        // digits has 64 features and 10 classes; dense layers 64→128, 128→128, 128→10 with biases.
        let parameters = (64 * 128 + 128) + (128 * 128 + 128) + (128 * 10 + 10)
        let multiplyAdds = 64 * 128 + 128 * 128 + 128 * 10
        #expect(parameters == 26_122 && multiplyAdds == 25_856)
        #expect(CostMetrics.metrics(of: t.attributes) == ["parameter_count": 26_122, "flops_per_row": 51_712, "model_bytes": 104_488])
        let layout = NetworkLayout(inputCount: 64, hiddenWidths: [128, 128], outputCount: 10)
        #expect(costAttributes(t) == CostMetrics.attributes(MLPCost.exact(layout)))
    }

    @Test func measuredIsTheDefaultAndGivesPositiveFiniteTimes() throws {
        let s = try costSession(irisObjective)
        try s.run()
        for t in try s.study.trials() {
            #expect(t.state == .complete)
            #expect(exactPart(t) == irisExact, "trial \(t.number)")
            let latency = try #require(CostMetrics.value("latency_us", of: t.attributes))
            let throughput = try #require(CostMetrics.value("throughput_rows_s", of: t.attributes))
            #expect(latency.isFinite && latency > 0 && throughput.isFinite && throughput > 0, "\(latency) µs, \(throughput) rows/s")
        }
    }

    @Test func offRecordsNothingAndNoModeChangesTheTraining() throws {
        let off = try costSession(irisObjective + ", cost: off")
        let exact = try costSession(irisObjective + ", cost: exact")
        let measured = try costSession(irisObjective + ", cost: measured")
        for s in [off, exact, measured] { try s.run() }
        let (a, b, c) = (try off.study.trials(), try exact.study.trials(), try measured.study.trials())
        #expect(a.allSatisfy { costAttributes($0).isEmpty })
        #expect(a.allSatisfy { costField($0.jsonValue) == nil })
        #expect(!TrialTable.csv(a, parameters: ["lr"]).contains("parameter_count"))
        #expect(b.allSatisfy { CostMetrics.metrics(of: $0.attributes) == irisExact })
        for (x, (y, z)) in zip(a, zip(b, c)) {
            #expect(x.value?.bitPattern == y.value?.bitPattern && x.value?.bitPattern == z.value?.bitPattern)
            #expect(x.params == y.params && x.params == z.params)
        }
    }

    @Test func everythingButTheTimesIsDeterministic() throws {
        let first = try costSession(irisObjective, trials: 3)
        let second = try costSession(irisObjective, trials: 3)
        try first.run()
        try second.run()
        let (a, b) = (try first.study.trials(), try second.study.trials())
        #expect(a.count == 3 && b.count == 3)
        for (x, y) in zip(a, b) {
            #expect(x.value?.bitPattern == y.value?.bitPattern)
            let timed = Set(CostMetrics.measuredNames.map(CostMetrics.attributeKey))
            #expect(x.attributes.filter { !timed.contains($0.key) && $0.key.hasPrefix("cost.") }
                == y.attributes.filter { !timed.contains($0.key) && $0.key.hasPrefix("cost.") })
            #expect(Set(costAttributes(x).keys) == Set(CostMetrics.names.map(CostMetrics.attributeKey)))
        }
    }

    @Test func jsonCSVReportAndMLflowCarryTheMetrics() throws {
        let s = try costSession(irisObjective)
        try s.run()
        let trials = try s.study.trials()
        let t = try #require(trials.first)
        let cost = CostMetrics.metrics(of: t.attributes)
        #expect(cost.count == 5)
        // JSON (`sweep trials --format json`, `sweep best --json`, exports): a `cost` object by bare name.
        #expect(costField(t.jsonValue) == .object(cost.mapValues { .number($0) }))
        // CSV: one column per metric after the fixed ones, exact numbers.
        let lines = TrialTable.csv(trials, parameters: ["lr"]).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(Array(lines[0].suffix(5)) == CostMetrics.names)
        for (name, cell) in zip(CostMetrics.names, lines[1].suffix(5)) {
            #expect(Double(cell)?.bitPattern == cost[name]?.bitPattern, "\(name): \(cell)")
        }
        // Report: a column group of the five names.
        let html = SweepReport(config: s.config, record: s.study.record, trials: trials).html()
        #expect(html.contains("<colgroup class=\"cost\" span=\"5\">"))
        for name in CostMetrics.names { #expect(html.contains(">\(name)</th>"), "\(name)") }
        #expect(html.contains("<td class=\"num cost\">67</td>"))
        // MLflow: one metric point per cost metric at the trial's last step.
        let plan = MLflowRunPlan.plan(for: t, sweep: MLflowSweepInfo(name: "cost", method: "random", metric: "val_accuracy",
                                                                     direction: .maximize, createdAt: Date()), isBest: true)
        for name in CostMetrics.names {
            let points = plan.metrics.filter { $0.key == name }
            #expect(points.count == 1 && points.first?.value.bitPattern == cost[name]?.bitPattern && points.first?.step == 4, "\(name)")
        }
        #expect(plan.metrics.filter { $0.key == "val_accuracy" }.count == 4)
    }

    @Test func aResumedTrialStillRecordsThem() throws {
        // Enough epochs that the stop lands before the last one.
        let s = try costSession("dataset: iris, epochs: 40, layers: 1, nodes: 8, batch_size: 16", trials: 1)
        let summary = try runUntilInterrupted(s, afterStep: 2)
        #expect(summary.reason == .interrupted)
        let paused = try #require(try s.study.trials().first)
        #expect(paused.state == .waiting)
        // Interrupted before its last epoch: the exact metrics are there, the times are not yet.
        #expect(CostMetrics.metrics(of: paused.attributes) == irisExact)
        try s.run()
        let done = try #require(try s.study.trials().first)
        #expect(done.state == .complete && done.attributes["sweep.resumed_from_step"] != nil)
        #expect(exactPart(done) == irisExact)
        #expect((CostMetrics.value("latency_us", of: done.attributes) ?? 0) > 0)
        #expect((CostMetrics.value("throughput_rows_s", of: done.attributes) ?? 0) > 0)
    }

    @Test func prunedAndPausedTrialsHaveTheExactMetrics() throws {
        let s = try costSession(irisObjective, trials: 6, method: "{name: asha, options: {eta: 2, min_resource: 1}}")
        try s.run()
        let trials = try s.study.trials()
        #expect(trials.count == 6)
        for t in trials { #expect(exactPart(t) == irisExact, "trial \(t.number) (\(t.state))") }
        for t in trials where t.state == .complete {
            #expect(CostMetrics.value("latency_us", of: t.attributes) != nil, "trial \(t.number)")
        }
    }

    @Test func configsNameBadCostValues() {
        let message = "cost must be one of exact, measured, off"
        expectConfigsRejected([
            ("objective: {kind: mlp, dataset: digits, cost: fast}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n", message),
            ("objective: {kind: mlp, dataset: digits, cost: 1}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n", message),
            ("objective: {kind: mlp, dataset: digits, cost: false}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n", message),
            ("objective: {kind: mlp, dataset: digits,\n  cost: [off]}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n", message),
            // cost is a setting of the objective, not a trainer hyperparameter to search.
            ("objective: {kind: mlp, dataset: digits}\nparameters:\n  cost: {values: [off, exact]}\n", "cost"),
        ], file: "m.yaml", prefix: "m.yaml:")
        expectConfigsRejected([
            ("objective: {kind: mlp, dataset: digits,\n  cost: fast}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n", "objective.cost"),
        ], file: "m.yaml", prefix: "m.yaml:2")
    }
}
