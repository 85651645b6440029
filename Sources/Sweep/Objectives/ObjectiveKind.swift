import Foundation
import SweepCore

/// One kind of objective (`objective: {kind: …}` in a sweep file): a spec type that knows its own
/// settings, checks, descriptions and how to build the ``Objective`` that evaluates trials.
///
/// Each kind lives in its own folder under `Objectives/` (`Function/`, `MLP/`, `Command/`,
/// `External/`) and is registered by one line in `ObjectiveKinds.all`; config parsing, `sweep validate`,
/// fingerprints, reports and the runner ask the kind instead of switching over kinds.
///
/// Parsing and checking never load data or start programs: only ``makeObjective(config:artifacts:)``
/// does, and only `sweep run`, `sweep worker` and ``SweepSession`` optimisation call it (ask/tell
/// sessions never do).
public protocol ObjectiveKind: Sendable {
    /// The `kind:` value in a sweep file (`function`, `mlp`, `command`; `external` for a file without
    /// `objective:`).
    static var kind: String { get }
    /// The metric a sweep of this kind optimises when its file names none.
    static var defaultMetric: MetricSpec { get }
    /// Why this kind cannot report metric `name` (a message for the `metric.name` key), or nil.
    func metricProblem(_ name: String) -> String?
    /// One line compared across runs of a stored sweep: any change means the stored trials measured
    /// something else (`mlp dataset digits epochs=5`).
    var fingerprint: String { get }
    /// A short description for reports (`mlp on digits`).
    var summary: String { get }
    /// The steps one evaluation takes by itself (the default `max_resource` of multi-fidelity
    /// schedulers), or nil when the objective does not define steps.
    var defaultMaxResource: Int? { get }
    /// Builds the objective for `config` (whose `objective` is this spec); per-trial logs and
    /// checkpoints go under `artifacts`. May load datasets.
    func makeObjective(config: SweepConfig, artifacts: URL) throws -> any Objective
    /// Equality with a spec of any kind (`false` across kinds).
    func isEqual(to other: any ObjectiveKind) -> Bool
}

extension ObjectiveKind where Self: Equatable {
    public func isEqual(to other: any ObjectiveKind) -> Bool { (other as? Self) == self }
}

extension ObjectiveKind {
    public func metricProblem(_ name: String) -> String? { nil }
    public var defaultMaxResource: Int? { nil }
}

/// What a kind's config-time check sees besides its own `objective:` node.
struct ObjectiveCheckContext {
    /// The parsed search space.
    let space: SearchSpace
    /// The `parameters:` node, when the file has one.
    let parameters: ConfigNode?
    /// The optimised metric's name, and the node naming it (nil when defaulted).
    let metric: String
    let metricNode: ConfigNode?
    /// Whether to read files the objective names (a CSV dataset); off when a stored config is re-parsed.
    let readFiles: Bool
}

/// An objective kind a sweep file can name: it parses its `objective:` mapping and checks it against
/// the rest of the config, so `sweep validate` reports problems with the file, line and key.
protocol ConfigurableObjectiveKind: ObjectiveKind {
    /// Parses the whole `objective:` mapping (including its `kind:` key).
    static func parse(_ node: ConfigNode) throws -> Self
    /// The search space the objective defines itself, used when the file has no `parameters:`.
    var ownSpace: SearchSpace? { get }
    /// Checks the search space the file declares (`node` is `parameters:`).
    func check(space: SearchSpace, node: ConfigNode) throws
    /// Checks the objective against the parsed config (templates, datasets, parameter names).
    func check(objective node: ConfigNode, context: ObjectiveCheckContext) throws
}

extension ConfigurableObjectiveKind {
    var ownSpace: SearchSpace? { nil }
    func check(space: SearchSpace, node: ConfigNode) throws {}
    func check(objective node: ConfigNode, context: ObjectiveCheckContext) throws {}
}
