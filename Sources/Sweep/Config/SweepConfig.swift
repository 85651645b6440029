import Foundation
import SweepCore
import SweepStore
import Yams

/// A parsed and validated sweep file (YAML, in the spirit of W&B sweeps and Katib experiments).
///
/// ```yaml
/// name: branin-random           # [A-Za-z0-9._-], default: the file name
/// seed: 0                       # default 0
/// metric: {name: value, goal: minimize}
/// method: random                # or {name: bayes, options: {...}}
/// parameters:
///   lr: {type: float, min: 1e-4, max: 1e-1, log: true}
///   layers: {type: int, min: 1, max: 4}
///   activation: {values: [relu, tanh]}
///   momentum: {type: float, min: 0, max: 0.99, when: {optimizer: sgd}}
/// objective: {kind: function, function: branin}
/// budget: {trials: 50, workers: 1, time_limit: 10m, max_failed: 5}
/// storage: sweeps/branin-random.sqlite   # or postgresql://user@host:5432/db, or memory
/// ```
///
/// Parsing never returns a half-valid config: unknown keys, wrong types and impossible values are
/// refused with a ``ConfigError`` naming file, line and key.
public struct SweepConfig: Sendable, Equatable {
    /// Sweep name; also the default storage file name.
    public var name: String
    /// Seed of every random choice in the sweep.
    public var seed: UInt64
    /// Which value is optimised and in which direction (the first of ``metrics`` when the file has
    /// `metrics:`).
    public var metric: MetricSpec
    /// Search method and its options.
    public var method: MethodSpec
    /// The search space.
    public var space: SearchSpace
    /// What is evaluated for each trial.
    public var objective: ObjectiveSpec
    /// Limits on trials, workers, time and failures.
    public var budget: Budget
    /// Where trials are stored: a SQLite path, a `postgresql://` URL, or `memory`. Nil means the default
    /// `sweeps/<name>.sqlite`.
    public var storage: String?
    /// Optional early-stopping rule applied to intermediate values (e.g. `median`).
    public var pruner: PrunerSpec?
    /// The YAML text the config was parsed from, with any password in `storage:` replaced by `***`
    /// (stored with the sweep so it can be resumed and diffed, and shown in reports; the password is
    /// kept only in ``storage``).
    public var source: String
    /// The file the config came from (for messages).
    public var file: String
    /// `warm_start:`: an earlier sweep whose trials start this one (used when the sweep is created).
    public var warmStart: WarmStartSpec? = nil
    /// `metrics:`: the objectives of a sweep with one or more metrics, in order (empty when the file uses
    /// `metric:`; ``objectives`` is always the full list).
    public var metrics: [MetricSpec] = []
    /// `constraints:`: metrics compared with constants; a trial violating one is infeasible.
    public var constraints: [ConstraintSpec] = []

    /// Names and value kinds of the top-level keys.
    public static let topLevelKeys = ["name", "seed", "metric", "method", "parameters", "objective", "budget", "storage", "pruner", "description", "warm_start", "metrics", "constraints"]

    /// Reads and parses a sweep file.
    /// - Parameter checkFiles: also read the files the config names (an `mlp` objective's CSV) as a
    ///   run would (`sweep validate`, `sweep run`); pass false where only the spec is needed (ask/tell
    ///   sessions), so no dataset is read.
    public static func load(path: String, checkFiles: Bool = true) throws -> SweepConfig {
        let text: String
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        guard !isDirectory.boolValue else {
            throw ConfigError.unreadable(file: path, reason: "is a directory; pass the sweep's YAML file")
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError.unreadable(file: path, reason: exists ? "not readable as UTF-8 text" : "no such file")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(yaml: text, file: path, defaultName: stem, checkFiles: checkFiles)
    }

    /// Parses sweep YAML. `file` is only used in messages; `defaultName` is used when `name` is absent.
    /// Files the config refers to (an `mlp` objective's CSV) are not read; ``load(path:)`` checks them.
    public static func parse(yaml: String, file: String = "<config>", defaultName: String? = nil) throws -> SweepConfig {
        try parse(yaml: yaml, file: file, defaultName: defaultName, checkFiles: false)
    }

    /// Parses sweep YAML; with `checkFiles`, also reads the files it refers to as a run would (an `mlp`
    /// objective's CSV: that it exists, has the target column and suits the metric).
    static func parse(yaml: String, file: String, defaultName: String?, checkFiles: Bool) throws -> SweepConfig {
        SessionProbe.count(\.configParses)
        let root: Node
        do {
            // Sweep reads every scalar as text and converts it itself (`ConfigNode`), and composing never
            // consults a tag (Yams applies merge keys only when constructing Swift values), so the
            // basic resolver gives the same nodes; the default one compiles seven regular expressions
            // through ICU on first use, a millisecond and a half of every `sweep ask`/`tell`.
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                throw ConfigError.invalid(file: file, line: nil, key: "", message: "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw ConfigError.fromYams(error, file: file, source: yaml)
        }
        let top = ConfigNode(node: root, file: file, path: "")
        guard case .mapping = root else { throw top.error("a sweep file must be a mapping of keys (name, method, parameters, objective, …), got \(top.kindDescription)") }
        let f = try top.fields(allowed: topLevelKeys)

        let name = try f["name"].map { try parseName($0) } ?? defaultName.map { try validatedName($0, node: top) } ?? "sweep"
        let seed: UInt64 = try f["seed"].map { node in
            let v = try node.int()
            guard v >= 0 else { throw node.error("must be zero or more, got \(v)") }
            return UInt64(v)
        } ?? 0
        // Without `objective:` the sweep is evaluated from outside (ask/tell, `sweep session`).
        let objectiveNode = f["objective"]
        let objective = try objectiveNode.map { try ObjectiveKinds.parse($0) } ?? .external
        if let both = f["metrics"], f["metric"] != nil {
            throw both.error("use either 'metric' (one objective) or 'metrics' (a list), not both")
        }
        let metrics = try f["metrics"].map { try parseMetrics($0, objective: objective) } ?? []
        let metric = try metrics.first ?? f["metric"].map { try MetricSpec.parse($0, objective: objective) } ?? MetricSpec.default(for: objective)
        let space = try parseSpace(f["parameters"], objective: objective, top: top)
        if let kind = objective.spec as? any ConfigurableObjectiveKind, let objectiveNode {
            let metricNode = (f["metrics"].flatMap { try? $0.list().first } ?? f["metric"]).flatMap { m in (try? m.entries())?.first { $0.key == "name" }?.value ?? m }
            try kind.check(objective: objectiveNode, context: ObjectiveCheckContext(
                space: space, parameters: f["parameters"], metric: metric.name, metricNode: metricNode, readFiles: checkFiles))
        }
        let method = try f["method"].map { try MethodSpec.parse($0, space: space) } ?? MethodSpec(name: "random", options: [:])
        var budget = try f["budget"].map { try Budget.parse($0) } ?? Budget()
        if let m = f["method"], MethodRegistry.multiFidelity.contains(method.name) {
            let probe = SweepConfig(name: name, seed: seed, metric: metric, method: method, space: space, objective: objective,
                                    budget: budget, storage: nil, pruner: nil, source: yaml, file: file)
            do {
                _ = try MethodRegistry.makeScheduler(method, config: probe)
            } catch let error as MethodOptionError {
                let options = (try? m.entries())?.first { $0.key == "options" }?.value
                let target = options.flatMap { o in (try? o.entries())?.first { $0.key == error.option }?.value } ?? options ?? m
                throw target.error(error.message)
            }
        }
        if budget.trials == nil, method.name == "grid" {
            budget.trials = try GridSampler().capacity(of: space)
        }
        let storage = try f["storage"].map { node -> String in
            let text = try node.nonEmptyString()
            do {
                _ = try StorageLocation.parse(text, sweepName: name)
            } catch let error as StorageError {
                throw node.error("\(error)")
            }
            return text
        }
        let pruner = try f["pruner"].map { try PrunerSpec.parse($0) }
        let objectives = metrics.isEmpty ? [metric] : metrics
        try checkObjectiveMetrics(objectives, objective: objective, metricsNode: f["metrics"], top: top)
        let constraints = try f["constraints"].map { try parseConstraints($0, objectives: objectives, objective: objective, space: space) } ?? []
        try checkMultiObjective(metrics: objectives, method: method, methodNode: f["method"], pruner: pruner, prunerNode: f["pruner"],
                                budget: budget, budgetNode: f["budget"], top: top)
        if let d = f["description"] { _ = try d.string() }
        return SweepConfig(
            name: name, seed: seed, metric: metric, method: method, space: space, objective: objective,
            budget: budget, storage: storage, pruner: pruner,
            source: ConfigRedaction.redacted(yaml, storage: storage, line: f["storage"]?.line, column: f["storage"]?.node.mark?.column),
            file: file, warmStart: try f["warm_start"].map { try WarmStartSpec.parse($0) }, metrics: metrics, constraints: constraints)
    }

    static func parseName(_ node: ConfigNode) throws -> String {
        try validatedName(try node.nonEmptyString(), node: node)
    }

    /// Sweep names become file names and arguments, so only `[A-Za-z0-9._-]` starting with a letter,
    /// digit or `_` is allowed (a leading `-` reads as an option, a leading `.` hides the file).
    static func validatedName(_ name: String, node: ConfigNode) throws -> String {
        guard let problem = SweepConfig.nameProblem(name) else { return name }
        throw node.error(problem)
    }

    /// Why `name` is not a valid sweep name, or nil when it is.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "sweep name must not be empty" }
        if name.count > 128 { return "sweep name is longer than 128 characters" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        if let bad = name.first(where: { !allowed.contains($0) }) {
            return "sweep name '\(name)' contains '\(bad)'; use letters, digits, '.', '_' and '-' only (names become file names)"
        }
        if let first = name.first, !(first.isASCII && (first.isLetter || first.isNumber || first == "_")) {
            return "sweep name '\(name)' must start with a letter, digit or '_' (names become file names and command arguments)"
        }
        return nil
    }

    static func parseSpace(_ node: ConfigNode?, objective: ObjectiveSpec, top: ConfigNode) throws -> SearchSpace {
        guard let node else {
            if let space = (objective.spec as? any ConfigurableObjectiveKind)?.ownSpace { return space }
            throw top.error("missing required key 'parameters' (the search space)")
        }
        var params: [Parameter] = []
        var nodes: [String: ConfigNode] = [:]
        for (name, spec) in try node.entries() {
            params.append(try ParameterSpecParser.parse(name: name, spec))
            nodes[name] = spec
        }
        guard !params.isEmpty else { throw node.error("needs at least one parameter") }
        do {
            let space = try SearchSpace(params)
            try (objective.spec as? any ConfigurableObjectiveKind)?.check(space: space, node: node)
            return space
        } catch let error as SearchSpaceError {
            // Point at the parameter the error names.
            let target = error.parameterName.flatMap { nodes[$0] } ?? node
            throw ConfigError.invalid(file: target.file, line: target.line, key: target.path, message: error.description)
        }
    }
}

extension SearchSpaceError {
    /// The parameter an error is about, when there is one.
    var parameterName: String? {
        switch self {
        case .emptySpace, .emptyName, .conditionCycle, .wrongDimension: return nil
        case let .duplicateName(p), let .unknownParameter(p): return p
        case let .nonFiniteBound(p, _, _), let .emptyRange(p, _, _), let .invertedRange(p, _, _),
             let .rangeTooWide(p, _, _), let .intBoundOutOfRange(p, _, _), let .tooManyValues(p, _),
             let .logNeedsPositiveLower(p, _), let .logWithStep(p), let .nonPositiveStep(p, _),
             let .stepDoesNotDivideRange(p, _, _, _), let .emptyChoices(p), let .duplicateChoice(p, _),
             let .danglingCondition(p, _), let .conditionValueNotInParent(p, _, _), let .emptyConditionValues(p),
             let .gridValueOutsideDomain(p, _, _), let .missingValue(p), let .valueOutsideDomain(p, _, _),
             let .inactiveParameterGiven(p, _):
            return p
        }
    }
}

extension ConfigError {
    static func fromYams(_ error: YamlError, file: String, source: String) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return .syntax(file: file, line: mark.line, column: mark.column, message: text)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Point at the second occurrence of the first duplicated key, at or after the mapping's line.
            let lines = source.components(separatedBy: "\n")
            var line = context.mark.line
            if let key = duplicates.sorted().first {
                let hits = lines.indices.filter { i in
                    i + 1 >= context.mark.line && lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(key + ":")
                }
                if hits.count >= 2 { line = hits[1] + 1 }
            }
            return .syntax(file: file, line: line, column: 1,
                           message: "duplicate key(s) " + duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))
        default:
            return .syntax(file: file, line: 1, column: 1, message: "\(error)")
        }
    }
}
