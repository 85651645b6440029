import Foundation
import SweepCore

/// `kind: command`: the user's own program, one process per trial.
extension CommandObjectiveSpec: ConfigurableObjectiveKind {
    public static let kind = "command"
    public static let defaultMetric = MetricSpec(name: "loss", goal: .minimize)

    public var fingerprint: String {
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "command [" + arguments.joined(separator: " ") + "] env [" + env.joined(separator: " ") + "] workdir \(workingDirectory ?? ".")"
    }

    public var summary: String { "command: " + arguments.joined(separator: " ") }

    public func makeObjective(config: SweepConfig, artifacts: URL) throws -> any Objective {
        var objective = CommandObjective(
            spec: self, metric: config.metric.name,
            logDirectory: artifacts.appendingPathComponent("logs", isDirectory: true),
            checkpointRoot: artifacts.appendingPathComponent("checkpoints", isDirectory: true))
        objective.otherMetrics = config.objectives.dropFirst().map(\.name) + config.constraintMetrics
        return objective
    }

    func check(objective node: ConfigNode, context: ObjectiveCheckContext) throws {
        try CommandTemplateCheck.check(objective: node, space: context.space)
    }
}
