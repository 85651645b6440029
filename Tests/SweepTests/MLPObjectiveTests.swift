import Foundation
import Sweep
import SweepCore
import SweepStore
import Testing

/// Small and fast in debug builds: iris (150 rows), a few epochs, narrow layers.
private func session(_ extra: String, method: String = "random", trials: Int = 4, workers: Int = 1, epochs: Int = 6) throws -> SweepSession {
    try SweepSession.open(config: try SweepConfig.parse(yaml: """
        name: mlp
        seed: 3
        metric: {name: val_accuracy}
        method: \(method)
        objective: {kind: mlp, dataset: iris, epochs: \(epochs), nodes: 8, batch_size: 16}
        parameters:
          lr: {type: float, min: 1e-3, max: 1e-1, log: true}
        \(extra)
        budget: {trials: \(trials), workers: \(workers)}
        storage: memory
        """, file: "mlp.yaml"))
}

@Suite struct MLPObjectiveTests {
    @Test func trialsReportEveryEpochAndReturnTheLastValue() throws {
        let s = try session("")
        #expect(s.config.metric.goal == .maximize)
        try s.run()
        let trials = try s.study.trials()
        #expect(trials.count == 4 && trials.allSatisfy { $0.state == .complete })
        for t in trials {
            #expect(t.intermediateValues.keys.sorted() == Array(1...6))
            #expect(t.value == t.intermediateValues[6])
            #expect((0...1).contains(t.value!))
        }
        #expect(trials.best(.maximize)!.value! > 0.6)
    }

    @Test func anInterruptedTrialResumesFromItsCheckpointBitForBit() throws {
        // 40 short epochs: the watcher that plays Ctrl-C after epoch 3 polls from another thread, and on a
        // loaded machine it may run late; with 6 epochs it sometimes woke only after the last one.
        let epochs = 40
        let straight = try session("", trials: 1, epochs: epochs)
        try straight.run()
        let expected = try #require(try straight.study.trials().first)

        let resumed = try session("", trials: 1, epochs: epochs)
        // Stop the sweep as soon as epoch 3 is reported: the trial goes back to waiting with its checkpoint.
        let summary = try runUntilInterrupted(resumed, afterStep: 3)
        #expect(summary.reason == .interrupted)
        let paused = try #require(try resumed.study.trials().first)
        #expect(paused.state == .waiting)
        let checkpoint = try #require(try resumed.study.storage.checkpoint(study: resumed.study.record.id, trial: 0))
        #expect(checkpoint.step >= 3 && checkpoint.step < epochs)
        try resumed.run()
        let done = try #require(try resumed.study.trials().first)
        #expect(done.state == .complete)
        #expect(done.attributes["sweep.resumed_from_step"]?.int == checkpoint.step)
        #expect(done.value?.bitPattern == expected.value?.bitPattern)
        for step in 1...epochs {
            #expect(done.intermediateValues[step]?.bitPattern == expected.intermediateValues[step]?.bitPattern, "epoch \(step)")
        }
    }

    /// Issue 18.4: a kill between the last epoch's checkpoint and its report used to leave a checkpoint at
    /// the final epoch with no value; the resumed trial then returned NaN ("objective returned nan").
    @Test(arguments: ["val_accuracy", "train_loss"])
    func checkpointAndEpochReportAreOneTransaction(metric: String) throws {
        func open() throws -> SweepSession {
            try SweepSession.open(config: try SweepConfig.parse(yaml: """
                name: mlp
                seed: 3
                metric: {name: \(metric)}
                objective: {kind: mlp, dataset: iris, epochs: 3, nodes: 8, batch_size: 16}
                parameters: {lr: {type: float, min: 1e-3, max: 1e-1, log: true}}
                budget: {trials: 1}
                storage: memory
                """, file: "mlp.yaml"))
        }
        let straight = try open()
        try straight.run()
        let expected = try #require(try straight.study.trials().first)
        let finalCheckpoint = try #require(try straight.study.storage.checkpoint(study: straight.study.record.id, trial: 0))
        #expect(finalCheckpoint.step == 3)
        // Every epoch's checkpoint was stored with its value.
        #expect(expected.intermediateValues.keys.sorted() == [1, 2, 3])

        // Exactly the state a kill left behind: epochs 1-2 reported, epoch 3's checkpoint saved, its value not.
        let killed = try open()
        let trial = try #require(try killed.study.ask())
        #expect(trial.number == 0)
        for step in 1...2 { _ = try trial.reportDecision(step: step, value: expected.intermediateValues[step]!) }
        try trial.saveCheckpoint(step: 3, data: finalCheckpoint.data)
        try killed.study.storage.release(study: killed.study.record.id, trial: 0, worker: killed.study.worker, attributes: [:])

        try killed.run()
        let done = try #require(try killed.study.trials().first)
        #expect(done.state == .complete, "\(done.failureReason ?? "")")
        #expect(done.value?.bitPattern == expected.value?.bitPattern)
        #expect(done.intermediateValues[3]?.bitPattern == expected.intermediateValues[3]?.bitPattern)
    }

    @Test func aDivergingTrialFailsWithTheReasonAndTheSweepGoesOn() throws {
        let s = try SweepSession.open(config: try SweepConfig.parse(yaml: """
            name: boom
            metric: {name: val_loss}
            method: grid
            objective: {kind: mlp, dataset: diabetes, epochs: 3, nodes: 8, optimizer: sgd, momentum: 0}
            parameters:
              lr: {type: float, values: [1e6, 1e-3]}
            storage: memory
            """))
        try s.run()
        let trials = try s.study.trials()
        #expect(trials.count == 2)
        let failed = try #require(trials.first { $0.params["lr"] == .float(1e6) })
        #expect(failed.state == .failed)
        #expect(failed.failureReason?.contains("diverged") == true || failed.failureReason?.contains("became") == true, "\(failed.failureReason ?? "")")
        #expect(trials.contains { $0.state == .complete })
    }

    @Test func ashaPromotesByContinuingTheCheckpoint() throws {
        let s = try session("", method: "{name: asha, options: {eta: 2, min_resource: 2}}", trials: 8, workers: 2)
        try s.run()
        let trials = try s.study.trials()
        let promoted = trials.filter { ($0.attributes[SchedulerAttributes.rung]?.int ?? 0) > 0 }
        #expect(!promoted.isEmpty)
        for t in promoted {
            // It resumed from the checkpoint of the rung below, never from epoch 0.
            #expect((t.attributes["sweep.resumed_from_step"]?.int ?? 0) >= 2, "trial \(t.number)")
        }
    }

    @Test func configsNameBadMLPSettings() {
        expectConfigsRejected([
            ("objective: {kind: mlp, dataset: digits}\nparameters:\n  lrr: {type: float, min: 0.001, max: 0.1}\n", "lrr"),
            ("objective: {kind: mlp, dataset: digits}\nparameters:\n  dropout: {type: float, min: 0, max: 1.5}\n", "dropout"),
            ("objective: {kind: mlp, dataset: digits, optimiser: adam}\nparameters:\n  lr: {type: float, min: 0.001, max: 0.1}\n", "optimiser"),
            ("objective: {kind: mlp, dataset: digits}\nparameters:\n  activation: {values: [relu, swish]}\n", "swish"),
        ], file: "m.yaml", prefix: "m.yaml:")
        // A classification metric on a regression dataset is refused when the objective is built.
        #expect(throws: ConfigError.self) {
            _ = try SweepSession.open(config: try SweepConfig.parse(yaml: """
                metric: {name: val_accuracy}
                objective: {kind: mlp, dataset: diabetes}
                parameters:
                  lr: {type: float, min: 0.001, max: 0.1}
                storage: memory
                """))
        }
    }
}
