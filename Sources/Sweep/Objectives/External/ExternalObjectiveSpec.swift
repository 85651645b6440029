import Foundation
import SweepCore

/// A sweep file without `objective:`: trials are evaluated by an outside program through `sweep
/// ask`/`tell`/`session` or the Python client. Not a kind a file names; `sweep run` refuses it.
public struct ExternalObjectiveSpec: ObjectiveKind, Equatable {
    public static let kind = "external"
    public static let defaultMetric = MetricSpec(name: "loss", goal: .minimize)

    public init() {}

    public var fingerprint: String { "external (ask/tell)" }
    public var summary: String { "external (ask/tell)" }

    /// An objective that refuses to evaluate (``SweepConfig/requireObjective(command:)``).
    public func makeObjective(config: SweepConfig, artifacts: URL) throws -> any Objective {
        ExternalObjective(config: config)
    }
}
