import Foundation
import SweepCore

/// `kind: function`: a built-in test function; its inputs `x0 … x{d-1}` are the search space.
extension FunctionObjectiveSpec: ConfigurableObjectiveKind {
    public static let kind = "function"
    public static let defaultMetric = MetricSpec(name: "value", goal: .minimize)

    public func metricProblem(_ name: String) -> String? {
        name == "value" ? nil : "a function objective reports 'value', not '\(name)'"
    }

    public var fingerprint: String {
        "function \(function.name) noise \(noise)" + (steps.map { " steps \($0)" } ?? "")
            + (stepTime > 0 ? " step_time \(stepTime)" : "")
    }

    public var summary: String { "function \(function.name)" + (noise > 0 ? ", noise \(noise)" : "") }

    public var defaultMaxResource: Int? { steps }

    public func makeObjective(config: SweepConfig, artifacts: URL) throws -> any Objective {
        if let objectives { return VectorFunctionObjective(function: objectives, noise: noise) }
        return FunctionObjective(function: function, noise: noise, steps: steps, stepTime: stepTime)
    }

    var ownSpace: SearchSpace? { function.searchSpace }

    func check(space: SearchSpace, node: ConfigNode) throws {
        let expected = function.searchSpace.parameters.map(\.name)
        let given = space.parameters.map(\.name)
        guard Set(expected) == Set(given) else {
            throw node.error("function '\(function.name)' takes parameters \(expected.joined(separator: ", ")); got \(given.joined(separator: ", "))")
        }
    }
}
