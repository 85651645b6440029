import Foundation
import SweepCore

extension SweepConfig {
    /// Whether the sweep has no `objective:` and is evaluated from outside (`sweep ask`/`tell`,
    /// `sweep session`, the Python client).
    public var isAskTellOnly: Bool { objective == .external }

    /// Refuses to run trials of an ask/tell-only sweep (what `sweep run`, `resume` and `worker` need).
    /// - Throws: ``ConfigError/invalid(file:line:key:message:)`` saying the sweep has no objective.
    public func requireObjective(command: String) throws {
        guard isAskTellOnly else { return }
        throw ConfigError.invalid(
            file: file, line: nil, key: "objective",
            message: "sweep '\(name)' has no objective: it is for ask/tell (sweep ask/tell, sweep session, the Python client "
                + "sweep_client), so `\(command)` has nothing to evaluate. Add objective: {kind: command, command: [...]} "
                + "(or function/mlp) to run it here")
    }
}

/// The objective of an ask/tell-only sweep: evaluating it is refused (trials come from outside).
struct ExternalObjective: Objective {
    let config: SweepConfig
    func evaluate(_ trial: RunningTrial) throws -> Double {
        try config.requireObjective(command: "sweep run")
        return .nan
    }
}
