import SweepCore
import SweepNN

extension MLPObjective {
    /// Records the trial's cost metrics (``CostMetrics``) as attributes, per ``cost``.
    ///
    /// Called when training starts (`final == false`: the exact metrics, so pruned, paused and failed
    /// trials have them too) and after the last epoch on the final model (`final == true`: with
    /// `cost: measured`, latency and throughput timed by ``SweepNN/MLPCost/measure(model:schedule:)``
    /// on one BLAS thread with the default schedule).
    func recordCost(of trainer: MLPTrainer, for trial: RunningTrial, final: Bool) throws {
        let cost: MLPCost
        switch (self.cost, final) {
        case (.off, _), (.exact, true): return
        case (.exact, false), (.measured, false): cost = MLPCost.exact(trainer.layout)
        case (.measured, true): cost = try MLPCost.measure(model: trainer.model)
        }
        try trial.setAttributes(CostMetrics.attributes(cost))
    }

    /// The `cost` setting of `spec` (default ``MLPCostMode/measured``).
    static func costMode(_ spec: MLPObjectiveSpec, file: String) throws -> MLPCostMode {
        guard let value = spec.settings[MLPCostMode.settingKey] else { return .measured }
        guard let mode = MLPCostMode(setting: value) else {
            throw ConfigError.invalid(file: file, line: nil, key: "objective.cost", message: MLPCostMode.problem(with: value) ?? "")
        }
        return mode
    }
}
