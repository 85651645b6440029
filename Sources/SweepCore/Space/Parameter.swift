/// One named hyperparameter: its domain, an optional activation condition and optional grid points.
public struct Parameter: Sendable, Hashable, Codable {
    /// Unique name within the search space (e.g. `lr`).
    public var name: String
    /// The values the parameter may take.
    public var domain: ParameterDomain
    /// When set, the parameter exists only in trials where the condition holds.
    public var condition: Condition?
    /// Explicit points for grid search; must lie in ``domain``. Continuous floats without `step`
    /// need them for `GridSampler`.
    public var gridValues: [ParameterValue]?

    public init(_ name: String, _ domain: ParameterDomain, condition: Condition? = nil, gridValues: [ParameterValue]? = nil) {
        self.name = name
        self.domain = domain
        self.condition = condition
        self.gridValues = gridValues
    }

    /// A float in `[lower, upper]`.
    public static func float(_ name: String, _ lower: Double, _ upper: Double, log: Bool = false, step: Double? = nil,
                             when condition: Condition? = nil) -> Parameter {
        Parameter(name, .float(lower: lower, upper: upper, log: log, step: step), condition: condition)
    }

    /// An integer in `[lower, upper]`.
    public static func int(_ name: String, _ lower: Int, _ upper: Int, log: Bool = false, step: Int = 1,
                           when condition: Condition? = nil) -> Parameter {
        Parameter(name, .int(lower: lower, upper: upper, log: log, step: step), condition: condition)
    }

    /// One of `choices`.
    public static func categorical(_ name: String, _ choices: [ParameterValue], when condition: Condition? = nil) -> Parameter {
        Parameter(name, .categorical(choices), condition: condition)
    }
}

/// Activation rule of a conditional parameter: active when `parent` is active and takes one of `values`.
public struct Condition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Name of the parameter this one depends on.
    public var parent: String
    /// Values of the parent that activate the child.
    public var values: [ParameterValue]

    public init(parent: String, in values: [ParameterValue]) {
        self.parent = parent
        self.values = values
    }

    /// True when `value` is one of ``values`` (numbers compared numerically).
    public func isSatisfied(by value: ParameterValue?) -> Bool {
        guard let value else { return false }
        return values.contains { $0.matches(value) }
    }

    public var description: String {
        "\(parent) in [" + values.map(\.description).joined(separator: ", ") + "]"
    }
}
