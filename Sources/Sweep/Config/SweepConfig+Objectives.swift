import SweepCore

/// `metrics:` (one or more objectives) and `constraints:` (metrics compared with constants):
///
/// ```yaml
/// metrics:
///   - {name: val_accuracy, goal: maximize}
///   - {name: latency_us, goal: minimize}
/// constraints: ["latency_us <= 50", "parameter_count <= 100000"]
/// ```
///
/// A sweep names its objective with either `metric:` (one) or `metrics:` (a list; every entry needs
/// `name` and `goal`). With several metrics, trials are told a vector of values in `metrics:` order and
/// sampled by a multi-objective sampler (`method: random | bayes | nsga2`). A trial that violates a
/// constraint is infeasible, not failed: it is complete, ranked after feasible trials.
extension SweepConfig {
    /// The objectives, in order: `metrics:` when the file has it, else `[metric]`.
    public var objectives: [MetricSpec] { metrics.isEmpty ? [metric] : metrics }

    /// One direction per objective (``objectives`` order).
    public var directions: [Direction] { objectives.map(\.goal) }

    /// Whether the sweep has several objectives (trials carry ``Trial/values``).
    public var isMultiObjective: Bool { objectives.count > 1 }

    /// The metrics the constraints name that are not objectives, in first-use order: what a tell must
    /// report besides the objective values.
    public var constraintMetrics: [String] {
        var seen = Set(objectives.map(\.name))
        return constraints.map(\.metric).filter { seen.insert($0).inserted }
    }

    /// Methods that can sample a sweep with several metrics.
    public static let multiObjectiveMethods = ["random", "bayes", "nsga2"]

    /// Parses `metrics:`: a non-empty list of `{name, goal}` mappings, names unique and reportable by
    /// the objective.
    static func parseMetrics(_ node: ConfigNode, objective: ObjectiveSpec) throws -> [MetricSpec] {
        let items = try node.list()
        guard !items.isEmpty else { throw node.error("needs at least one metric, e.g. [{name: val_accuracy, goal: maximize}]") }
        var out: [MetricSpec] = []
        for item in items {
            let f = try item.fields(allowed: ["name", "goal"])
            guard let nameNode = f["name"] else { throw item.error("needs 'name' (the metric's name)") }
            let name = try nameNode.nonEmptyString()
            guard let goalNode = f["goal"] else {
                throw item.error("metric '\(name)' needs 'goal' (minimize or maximize)")
            }
            guard !out.contains(where: { $0.name == name }) else { throw nameNode.error("metric '\(name)' is listed twice") }
            if let problem = metricProblem(name, objective: objective, objectives: nil) { throw nameNode.error(problem) }
            out.append(MetricSpec(name: name, goal: try MetricSpec.parseGoal(goalNode)))
        }
        return out
    }

    /// Parses `constraints:`: a list of `"metric <= number"` texts (also `<`, `>=`, `>`) whose metric the
    /// objective reports and is not a search parameter.
    static func parseConstraints(_ node: ConfigNode, objectives: [MetricSpec], objective: ObjectiveSpec,
                                 space: SearchSpace) throws -> [ConstraintSpec] {
        var out: [ConstraintSpec] = []
        for item in try node.list() {
            let text = try item.nonEmptyString()
            let spec: ConstraintSpec
            do {
                spec = try ConstraintSpec(parsing: text)
            } catch let error as ConstraintSpecError {
                throw item.error(error.description)
            }
            if space.parameters.contains(where: { $0.name == spec.metric }) {
                throw item.error("constraint '\(text)': '\(spec.metric)' is a search parameter, not a metric; constraints compare "
                                 + "metrics the trial reports with numbers (bound the parameter's range in 'parameters' instead)")
            }
            if !objectives.contains(where: { $0.name == spec.metric }),
               let problem = metricProblem(spec.metric, objective: objective, objectives: objectives) {
                throw item.error("constraint '\(text)': unknown metric '\(spec.metric)': \(problem)")
            }
            out.append(spec)
        }
        return out
    }

    /// Checks `metrics:` against what the objective measures: a multi-objective test function has one
    /// metric per output (named by `metrics:`); a single-objective one reports `value`; an `mlp` trains
    /// for its first metric, so that one must be a training metric (cost metrics follow it).
    static func checkObjectiveMetrics(_ objectives: [MetricSpec], objective: ObjectiveSpec, metricsNode: ConfigNode?,
                                      top: ConfigNode) throws {
        let items = (try? metricsNode?.list()) ?? nil
        if let f = objective.as(FunctionObjectiveSpec.self) {
            if let vector = f.objectives {
                guard let metricsNode, objectives.count == vector.objectiveCount else {
                    throw (metricsNode ?? top).error("function '\(vector.name)' has \(vector.objectiveCount) objectives; name each, in order, "
                                                     + "in 'metrics' (e.g. [{name: f0, goal: minimize}, {name: f1, goal: minimize}]), got \(metricsNode == nil ? 0 : objectives.count)")
                }
            } else if metricsNode != nil, objectives.count > 1 || objectives[0].name != "value" {
                throw (items?.first ?? metricsNode ?? top).error("function '\(f.function.name)' has one objective, reported as 'value'; "
                                                                  + "use a multi-objective function (\(FunctionObjectiveSpec.multiObjectiveNames.joined(separator: ", "))) for several")
            }
        }
        if objective.as(MLPObjectiveSpec.self) != nil, let first = objectives.first, CostMetrics.names.contains(first.name), let metricsNode {
            throw (items?.first ?? metricsNode).error("an mlp trains for its first metric, so '\(first.name)' (a cost metric) cannot come first; "
                                                      + "list a training metric (\(MLPObjectiveSpec.metrics.joined(separator: ", "))) first")
        }
    }

    /// Why the objective cannot report metric `name` (nil when it can). `objectives` is nil while the
    /// objectives themselves are parsed.
    static func metricProblem(_ name: String, objective: ObjectiveSpec, objectives: [MetricSpec]?) -> String? {
        if let mlp = objective.as(MLPObjectiveSpec.self), CostMetrics.names.contains(name) {
            let mode = mlp.settings[MLPCostMode.settingKey].flatMap(MLPCostMode.init(setting:)) ?? .measured
            switch mode {
            case .off:
                return "'\(name)' is a cost metric but objective.cost is off; set cost: measured (the default)"
            case .exact where CostMetrics.measuredNames.contains(name):
                return "'\(name)' is measured but objective.cost is exact; set cost: measured (the default)"
            case .exact, .measured:
                return nil
            }
        }
        if objective.as(FunctionObjectiveSpec.self) != nil {
            // A function's outputs are named by `metrics:` in order; it reports nothing else.
            guard let objectives else { return nil }
            return "a function objective reports only its metrics (\(objectives.map(\.name).joined(separator: ", "))), "
                + "not '\(name)'"
        }
        return objective.spec.metricProblem(name)
    }

    /// Refuses what cannot handle several objectives: methods other than ``multiObjectiveMethods`` and
    /// pruners. `methodNode`/`prunerNode` are where the file names them.
    static func checkMultiObjective(metrics: [MetricSpec], method: MethodSpec, methodNode: ConfigNode?,
                                    pruner: PrunerSpec?, prunerNode: ConfigNode?, budget: Budget, budgetNode: ConfigNode?,
                                    top: ConfigNode) throws {
        guard metrics.count > 1 else { return }
        let names = metrics.map(\.name).joined(separator: ", ")
        if budget.target != nil, let node = budgetNode {
            let target = (try? node.entries())?.first { $0.key == "target" }?.value ?? node
            throw target.error("a target value stops a sweep with one metric; with several (\(names)) no single value says "
                               + "'good enough': remove budget.target")
        }
        if !multiObjectiveMethods.contains(method.name) {
            let why = MethodRegistry.multiFidelity.contains(method.name)
                ? "multi-fidelity schedulers rank trials by one value"
                : method.name == "tpe" ? "TPE has no multi-objective mode" : "\(method.name) does not rank several objectives"
            throw (methodNode ?? top).error("method '\(method.name)' cannot optimise several metrics (\(names)): \(why); use "
                                            + multiObjectiveMethods.joined(separator: ", ") + ", or a single metric")
        }
        do {
            _ = try MethodRegistry.makeMultiObjectiveSampler(method, directions: metrics.map(\.goal))
        } catch let error as MethodOptionError {
            let options = methodNode.flatMap { m in (try? m.entries())?.first { $0.key == "options" }?.value }
            let target = options.flatMap { o in (try? o.entries())?.first { $0.key == error.option }?.value } ?? options ?? methodNode ?? top
            throw target.error(error.message)
        }
        if let pruner, pruner.name != "none" {
            throw (prunerNode ?? top).error("pruner '\(pruner.name)' compares one intermediate value per step and cannot prune a sweep with "
                                            + "several metrics (\(names)); remove 'pruner' or optimise a single metric")
        }
    }
}

extension MetricSpec {
    /// `goal: minimize | maximize` (also `minimise`, `min`, …).
    static func parseGoal(_ node: ConfigNode) throws -> Direction {
        let text = try node.string().lowercased()
        switch text {
        case "minimize", "minimise", "min": return .minimize
        case "maximize", "maximise", "max": return .maximize
        default: throw node.error("goal must be minimize or maximize, got '\(text)'")
        }
    }
}
