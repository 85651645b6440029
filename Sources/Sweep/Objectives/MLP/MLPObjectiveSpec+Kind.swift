import Foundation
import SweepCore
import SweepNN

/// `kind: mlp`: the built-in MLP trainer; every other key is a trainer setting (``MLPSetting``).
extension MLPObjectiveSpec: ConfigurableObjectiveKind {
    public static let kind = "mlp"
    public static let defaultMetric = MetricSpec(name: "val_loss", goal: .minimize)

    public func metricProblem(_ name: String) -> String? {
        MLPObjectiveSpec.metrics.contains(name) ? nil
            : "an mlp objective reports \(MLPObjectiveSpec.metrics.joined(separator: ", ")); '\(name)' is not one of them"
    }

    public var fingerprint: String {
        let settings = settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonText)" }
        return "mlp dataset \(dataset) " + settings.joined(separator: " ")
    }

    public var summary: String { "mlp on \(dataset)" }

    /// The epochs setting (or the trainer's default): one epoch is one step.
    public var defaultMaxResource: Int? {
        var config = MLPConfiguration()
        for (key, value) in settings where MLPSetting.named(key)?.name == "epochs" { try? config.set(key, value) }
        return config.epochs
    }

    public func makeObjective(config: SweepConfig, artifacts: URL) throws -> any Objective {
        try MLPObjective(spec: self, metric: config.metric.name, file: config.file,
                         logDirectory: artifacts.appendingPathComponent("logs", isDirectory: true))
    }

    func check(objective node: ConfigNode, context: ObjectiveCheckContext) throws {
        try MLPDatasetCheck.check(self, metric: context.metric, objective: node, metricNode: context.metricNode,
                                  readFiles: context.readFiles)
        guard let paramsNode = context.parameters else { return }
        let nodes = Dictionary(uniqueKeysWithValues: try paramsNode.entries().map { ($0.key, $0.value) })
        for p in context.space.parameters { try MLPSettings.validate(parameter: p, node: nodes[p.name] ?? paramsNode) }
    }
}
