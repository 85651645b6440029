import SweepCore

/// `metric: {name: val_accuracy, goal: maximize}`.
public struct MetricSpec: Sendable, Equatable {
    /// Name of the value optimised (e.g. `value` for test functions, `val_accuracy`, or the key a
    /// command prints as `name=value`).
    public var name: String
    /// Minimise or maximise.
    public var goal: Direction

    public init(name: String, goal: Direction) {
        self.name = name
        self.goal = goal
    }

    static func parse(_ node: ConfigNode, objective: ObjectiveSpec) throws -> MetricSpec {
        let f = try node.fields(allowed: ["name", "goal"])
        let fallback = MetricSpec.default(for: objective)
        let name = try f["name"]?.nonEmptyString() ?? fallback.name
        let goal: Direction
        if let g = f["goal"] {
            goal = try parseGoal(g)
        } else {
            goal = MetricSpec.defaultGoal(for: name) ?? fallback.goal
        }
        try objective.validateMetric(name, node: f["name"] ?? node)
        return MetricSpec(name: name, goal: goal)
    }

    static func `default`(for objective: ObjectiveSpec) -> MetricSpec {
        type(of: objective.spec).defaultMetric
    }

    /// Accuracy-like names default to maximize, loss/error-like ones to minimize.
    static func defaultGoal(for name: String) -> Direction? {
        let n = name.lowercased()
        if ["accuracy", "acc", "auc", "f1", "r2", "precision", "recall", "score", "reward"].contains(where: { n.hasSuffix($0) }) { return .maximize }
        if ["loss", "error", "rmse", "mse", "mae", "regret", "value"].contains(where: { n.hasSuffix($0) }) { return .minimize }
        return nil
    }
}

/// `method: random` or `method: {name: bayes, options: {...}}`.
public struct MethodSpec: Sendable, Equatable {
    /// Method name (see ``MethodSpec/known``).
    public var name: String
    /// Method-specific options, validated when the sampler is built.
    public var options: [String: AttributeValue]

    public init(name: String, options: [String: AttributeValue]) {
        self.name = name
        self.options = options
    }

    static func parse(_ node: ConfigNode, space: SearchSpace) throws -> MethodSpec {
        let spec: MethodSpec
        var optionsNode: ConfigNode?
        var nameNode = node
        if case .scalar = node.node {
            spec = MethodSpec(name: try node.nonEmptyString().lowercased(), options: [:])
        } else {
            let f = try node.fields(allowed: ["name", "options"])
            guard let n = f["name"] else { throw node.error("needs 'name' (one of \(MethodRegistry.names.joined(separator: ", ")))") }
            nameNode = n
            optionsNode = f["options"]
            var options: [String: AttributeValue] = [:]
            if let o = optionsNode {
                for (k, v) in try o.entries() { options[k] = try v.attributeValue() }
            }
            spec = MethodSpec(name: try n.nonEmptyString().lowercased(), options: options)
        }
        guard MethodRegistry.names.contains(spec.name) else {
            var message = "unknown method '\(spec.name)'"
            if let guess = ConfigNode.closest(spec.name, in: MethodRegistry.names) { message += " (did you mean '\(guess)'?)" }
            throw nameNode.error(message + "; available: " + MethodRegistry.names.joined(separator: ", "))
        }
        do {
            _ = try MethodRegistry.makeSampler(spec, space: space)
        } catch let error as MethodOptionError {
            let target = optionsNode.flatMap { o in (try? o.entries())?.first { $0.key == error.option }?.value } ?? optionsNode ?? node
            throw target.error(error.message)
        } catch let error as SamplerError {
            throw nameNode.error(error.description)
        }
        return spec
    }
}

/// `budget: {trials: 50, workers: 2, time_limit: 10m, max_failed: 5, target: 0.97}`.
public struct Budget: Sendable, Equatable {
    /// Total trials to create (nil: unlimited, stop on time limit or Ctrl-C; grid search defaults to its size).
    public var trials: Int?
    /// Concurrent workers in this process (≥ 1).
    public var workers: Int
    /// Wall-clock limit in seconds for this run (nil: none).
    public var timeLimit: Double?
    /// Stop creating trials once this many have failed (nil: no limit).
    public var maxFailed: Int?
    /// Stop once a trial reports a metric value at least this good (≥ when maximizing, ≤ when
    /// minimizing), as an intermediate or a final value (nil: no target). See ``OptimizeOptions/target``.
    public var target: Double?

    public init(trials: Int? = nil, workers: Int = 1, timeLimit: Double? = nil, maxFailed: Int? = nil, target: Double? = nil) {
        self.trials = trials
        self.workers = workers
        self.timeLimit = timeLimit
        self.maxFailed = maxFailed
        self.target = target
    }

    static func parse(_ node: ConfigNode) throws -> Budget {
        let f = try node.fields(allowed: ["trials", "workers", "time_limit", "max_failed", "target"])
        var b = Budget()
        b.trials = try f["trials"]?.positiveInt()
        b.workers = try f["workers"]?.positiveInt() ?? 1
        if let w = f["workers"], b.workers > 256 { throw w.error("at most 256 workers per process, got \(b.workers)") }
        b.timeLimit = try f["time_limit"]?.duration()
        b.maxFailed = try f["max_failed"]?.nonNegativeInt()
        b.target = try f["target"]?.finiteDouble()
        return b
    }
}

/// `pruner: {name: median, warmup_trials: 5, warmup_steps: 2}`.
public struct PrunerSpec: Sendable, Equatable {
    public var name: String
    public var options: [String: AttributeValue]

    public init(name: String, options: [String: AttributeValue] = [:]) {
        self.name = name
        self.options = options
    }

    static func parse(_ node: ConfigNode) throws -> PrunerSpec {
        if case .scalar = node.node {
            let name = try node.nonEmptyString().lowercased()
            try validate(name, node: node)
            return PrunerSpec(name: name)
        }
        var name: String?
        var options: [String: AttributeValue] = [:]
        for (k, v) in try node.entries() {
            if k == "name" { name = try v.nonEmptyString().lowercased(); try validate(name!, node: v) } else { options[k] = try v.attributeValue() }
        }
        guard let name else { throw node.error("needs 'name' (one of \(PrunerRegistry.names.joined(separator: ", ")))") }
        let spec = PrunerSpec(name: name, options: options)
        do {
            _ = try PrunerRegistry.make(spec)
        } catch let error as MethodOptionError {
            let target = (try? node.entries())?.first { $0.key == error.option }?.value ?? node
            throw target.error(error.message)
        }
        return spec
    }

    static func validate(_ name: String, node: ConfigNode) throws {
        guard PrunerRegistry.names.contains(name) else {
            throw node.error("unknown pruner '\(name)'; available: " + PrunerRegistry.names.joined(separator: ", "))
        }
    }
}
