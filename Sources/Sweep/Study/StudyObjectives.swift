import SweepCore

/// What a study optimises: one or more named objectives with their directions, and the constraints a
/// trial must satisfy to be feasible (from the config's `metric:`/`metrics:` and `constraints:`).
///
/// With one objective trials keep a single ``Trial/value``; with several they carry ``Trial/values``
/// (one per objective, in this order) and `value` is `values[0]`. Constraint violations
/// (``ConstraintSpec/violation(of:)``, `≤ 0` = satisfied) are stored in the trial's `constraints`
/// attribute (``ProbabilityOfFeasibility/constraintsKey``), in ``constraints`` order.
public struct StudyObjectives: Sendable, Equatable {
    /// The objectives, in order (at least one).
    public var metrics: [MetricSpec]
    /// Outcome constraints (may be empty).
    public var constraints: [ConstraintSpec]

    public init(metrics: [MetricSpec], constraints: [ConstraintSpec] = []) {
        self.metrics = metrics.isEmpty ? [MetricSpec(name: "value", goal: .minimize)] : metrics
        self.constraints = constraints
    }

    /// One objective called `value` in `direction`, no constraints (``Study/open(name:storage:space:direction:sampler:pruner:scheduler:seed:lease:worker:configSource:configHash:differences:logger:objectives:)``'s default).
    public static func single(_ direction: Direction) -> StudyObjectives {
        StudyObjectives(metrics: [MetricSpec(name: "value", goal: direction)])
    }

    /// The objectives and constraints of a sweep file.
    public init(_ config: SweepConfig) {
        self.init(metrics: config.objectives, constraints: config.constraints)
    }

    /// Number of objectives (the length of a told vector).
    public var count: Int { metrics.count }
    /// One direction per objective.
    public var directions: [Direction] { metrics.map(\.goal) }
    /// Whether trials carry a vector (several objectives).
    public var isMultiObjective: Bool { metrics.count > 1 }

    /// The objective vector of a trial whose objective measured only the first metric (`first`): the
    /// others from its recorded metrics (cost attributes `cost.<name>`, or the `sweep.metrics` object),
    /// or nil when one has no value.
    func vector(first: Double, attributes: [String: AttributeValue]) -> [Double]? {
        let named = StudyObjectives.recordedMetrics(attributes)
        var out = [first]
        for m in metrics.dropFirst() {
            guard let v = named[m.name] else { return nil }
            out.append(v)
        }
        return out
    }

    /// The metrics a trial recorded by name: its cost attributes (`cost.<name>`) and the `sweep.metrics`
    /// object (a command objective's other metrics).
    static func recordedMetrics(_ attributes: [String: AttributeValue]) -> [String: Double] {
        var named = CostMetrics.metrics(of: attributes)
        if case let .object(o)? = attributes[TrialAttributeKey.metrics] {
            for (k, v) in o { if let x = v.number { named[k] = x } }
        }
        return named
    }

    /// The constraint violations of a trial with objective `values`, from the named `metrics` a tell
    /// reported and, for metrics it did not report, the metrics the trial recorded (``recordedMetrics(_:)``).
    /// - Throws: ``StudyError/missingMetric(trial:constraint:)`` when a constraint's metric has no value.
    func violations(trial: Int, values: [Double], metrics reported: [String: Double],
                    attributes: [String: AttributeValue]) throws -> [Double] {
        var named = StudyObjectives.recordedMetrics(attributes)
        for (name, v) in zip(metrics.map(\.name), values) { named[name] = v }
        named.merge(reported) { _, new in new }
        return try constraints.map { c in
            guard let v = c.violation(of: named) else { throw StudyError.missingMetric(trial: trial, constraint: c.description) }
            return v
        }
    }
}
