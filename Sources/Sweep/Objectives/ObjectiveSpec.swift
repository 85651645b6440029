import SweepCore

/// What a trial evaluates: the spec of one ``ObjectiveKind`` (`function`, `mlp`, `command`, or
/// `external` for a sweep file without `objective:`).
public struct ObjectiveSpec: Sendable, Equatable, CustomStringConvertible {
    /// The kind's own spec (``FunctionObjectiveSpec``, ``MLPObjectiveSpec``, ``CommandObjectiveSpec``,
    /// ``ExternalObjectiveSpec``, …).
    public let spec: any ObjectiveKind

    public init(_ spec: some ObjectiveKind) { self.spec = spec }

    /// A built-in test function (`objective: {kind: function, function: branin}`).
    public static func function(_ spec: FunctionObjectiveSpec) -> ObjectiveSpec { ObjectiveSpec(spec) }
    /// The built-in MLP trainer (`objective: {kind: mlp, dataset: digits, epochs: 50, …}`).
    public static func mlp(_ spec: MLPObjectiveSpec) -> ObjectiveSpec { ObjectiveSpec(spec) }
    /// The user's own program (`objective: {kind: command, command: [python3, train.py, --lr, "{lr}"]}`).
    public static func command(_ spec: CommandObjectiveSpec) -> ObjectiveSpec { ObjectiveSpec(spec) }
    /// No objective: trials are evaluated by an outside program through `sweep ask`/`tell`/`session`
    /// (a sweep file without `objective:`). `sweep run` refuses such a sweep.
    public static let external = ObjectiveSpec(ExternalObjectiveSpec())

    /// The kind's name: `function`, `mlp`, `command` or `external`.
    public var kind: String { type(of: spec).kind }

    /// The spec when it is of kind `K`, else nil (`config.objective.as(MLPObjectiveSpec.self)`).
    public func `as`<K: ObjectiveKind>(_: K.Type) -> K? { spec as? K }

    /// The kind's ``ObjectiveKind/fingerprint``.
    public var description: String { spec.fingerprint }

    public static func == (a: ObjectiveSpec, b: ObjectiveSpec) -> Bool { a.spec.isEqual(to: b.spec) }

    func validateMetric(_ name: String, node: ConfigNode) throws {
        if let problem = spec.metricProblem(name) { throw node.error(problem) }
    }
}
