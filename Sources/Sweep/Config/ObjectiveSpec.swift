import SweepCore

/// What a trial evaluates.
public enum ObjectiveSpec: Sendable, Equatable {
    /// A built-in test function (`objective: {kind: function, function: branin}`).
    case function(FunctionObjectiveSpec)
    /// The built-in MLP trainer (`objective: {kind: mlp, dataset: digits, epochs: 50, …}`).
    case mlp(MLPObjectiveSpec)
    /// The user's own program (`objective: {kind: command, command: [python3, train.py, --lr, "{lr}"]}`).
    case command(CommandObjectiveSpec)
    /// No objective: trials are evaluated by an outside program through `sweep ask`/`tell`/`session`
    /// (a sweep file without `objective:`). `sweep run` refuses such a sweep.
    case external

    /// `function`, `mlp`, `command` or `external`.
    public var kind: String {
        switch self {
        case .function: return "function"
        case .mlp: return "mlp"
        case .command: return "command"
        case .external: return "external"
        }
    }

    static let kinds = ["function", "mlp", "command"]

    static func parse(_ node: ConfigNode) throws -> ObjectiveSpec {
        let entries = try node.entries()
        guard let kindNode = entries.first(where: { $0.key == "kind" })?.value else {
            throw node.error("needs 'kind' (one of \(kinds.joined(separator: ", ")))")
        }
        let kind = try kindNode.nonEmptyString().lowercased()
        switch kind {
        case "function": return .function(try FunctionObjectiveSpec.parse(node))
        case "mlp": return .mlp(try MLPObjectiveSpec.parse(node))
        case "command": return .command(try CommandObjectiveSpec.parse(node))
        default:
            var message = "unknown objective kind '\(kind)'"
            if let guess = ConfigNode.closest(kind, in: kinds) { message += " (did you mean '\(guess)'?)" }
            throw kindNode.error(message + "; available: " + kinds.joined(separator: ", "))
        }
    }

    func validateMetric(_ name: String, node: ConfigNode) throws {
        switch self {
        case .function:
            guard name == "value" else { throw node.error("a function objective reports 'value', not '\(name)'") }
        case let .mlp(spec):
            try spec.validateMetric(name, node: node)
        case .command, .external:
            break
        }
    }
}

/// `objective: {kind: function, function: ackley, dimension: 5, noise: 0.1}`.
public struct FunctionObjectiveSpec: Sendable, Equatable {
    /// The test function.
    public var function: TestFunction
    /// Standard deviation of Gaussian noise added to each evaluation (0 = exact), drawn from the trial's
    /// seeded stream.
    public var noise: Double
    /// When set, each evaluation takes this many steps: step t reports f at fidelity t/steps (the
    /// multi-fidelity form of the function), so schedulers and pruners can be tested quickly.
    public var steps: Int?
    /// Seconds each step takes (a sleep), to simulate training time in tests and demos of scheduling,
    /// interruption and resume. 0 by default.
    public var stepTime: Double

    public static func == (a: FunctionObjectiveSpec, b: FunctionObjectiveSpec) -> Bool {
        a.function.name == b.function.name && a.noise == b.noise && a.steps == b.steps && a.stepTime == b.stepTime
    }

    /// Most inputs a test function may take (each is a search parameter).
    static let maxDimension = 10_000
    /// Most steps an evaluation may take (the same bound as a scheduler's `max_resource`).
    static let maxSteps = 1_000_000_000

    static func parse(_ node: ConfigNode) throws -> FunctionObjectiveSpec {
        let f = try node.fields(allowed: ["kind", "function", "dimension", "noise", "steps", "step_time"])
        guard let nameNode = f["function"] else {
            throw node.error("needs 'function' (one of \(TestFunction.availableNames.joined(separator: ", ")))")
        }
        let name = try nameNode.nonEmptyString()
        let dimension = try f["dimension"]?.positiveInt()
        if let d = dimension, d > maxDimension, let n = f["dimension"] { throw n.error("must be at most \(maxDimension), got \(d)") }
        let digits = String(name.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        if !digits.isEmpty, (Int(digits) ?? Int.max) > maxDimension {
            throw nameNode.error("'\(name)': dimension \(digits) is more than \(maxDimension)")
        }
        guard let function = TestFunction.named(name, dimension: dimension) else {
            throw nameNode.error("unknown test function '\(name)'" + (dimension.map { " with dimension \($0)" } ?? "")
                                 + "; available: " + TestFunction.availableNames.joined(separator: ", "))
        }
        let noise = try f["noise"]?.finiteDouble() ?? 0
        if noise < 0, let n = f["noise"] { throw n.error("must be zero or more, got \(noise)") }
        let steps = try f["steps"]?.positiveInt()
        if let n = steps, n > maxSteps, let node = f["steps"] { throw node.error("must be at most \(maxSteps), got \(n)") }
        let stepTime = try f["step_time"]?.finiteDouble() ?? 0
        if let n = f["step_time"] {
            guard stepTime >= 0 else { throw n.error("must be zero or more seconds, got \(stepTime)") }
            guard steps != nil else { throw n.error("needs 'steps'") }
        }
        return FunctionObjectiveSpec(function: function, noise: noise, steps: steps, stepTime: stepTime)
    }
}

/// `objective: {kind: command, command: [python3, train.py, --lr, "{lr}"], timeout: 30m}`.
///
/// Each `{name}` in the arguments, environment values and working directory is replaced by the trial's
/// value of parameter `name` (also `{trial}` for the trial number, `{seed}` for the study seed,
/// `{checkpoint_dir}` for a per-trial directory the program may write checkpoints to). Every parameter
/// is also exported as `SWEEP_PARAM_<NAME>`.
public struct CommandObjectiveSpec: Sendable, Equatable {
    /// Program and arguments (templates).
    public var arguments: [String]
    /// Extra environment variables (templates).
    public var environment: [String: String]
    /// Seconds before the program is killed and the trial failed (nil: no limit).
    public var timeout: Double?
    /// Working directory (template; nil: the current directory).
    public var workingDirectory: String?

    public init(arguments: [String], environment: [String: String] = [:], timeout: Double? = nil, workingDirectory: String? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
        self.workingDirectory = workingDirectory
    }

    static func parse(_ node: ConfigNode) throws -> CommandObjectiveSpec {
        let f = try node.fields(allowed: ["kind", "command", "env", "timeout", "workdir"])
        guard let c = f["command"] else { throw node.error("needs 'command' (a list like [python3, train.py, --lr, \"{lr}\"] or a string)") }
        let args: [String]
        if case .sequence = c.node {
            args = try c.list().map { try $0.string() }
        } else {
            args = try CommandObjectiveSpec.splitCommandLine(try c.nonEmptyString(), node: c)
        }
        guard let first = args.first, !first.isEmpty else { throw c.error("the command is empty") }
        var env: [String: String] = [:]
        if let e = f["env"] {
            for (k, v) in try e.entries() {
                guard case .scalar = v.node, !v.isNull else { throw v.error("environment values must be text") }
                env[k] = try v.string()
            }
        }
        return CommandObjectiveSpec(
            arguments: args, environment: env, timeout: try f["timeout"]?.duration(),
            workingDirectory: try f["workdir"]?.nonEmptyString())
    }

    /// Splits a command line on spaces, honouring single and double quotes and backslash escapes
    /// (no other shell features: no variables, globs or pipes — use `[sh, -c, "..."]` for those).
    static func splitCommandLine(_ text: String, node: ConfigNode) throws -> [String] {
        var args: [String] = []
        var current = "", inWord = false
        var quote: Character?
        var escape = false
        for ch in text {
            if escape { current.append(ch); escape = false; inWord = true; continue }
            if ch == "\\" && quote != "'" { escape = true; continue }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "'" || ch == "\"" { quote = ch; inWord = true; continue }
            if ch == " " || ch == "\t" {
                if inWord { args.append(current); current = ""; inWord = false }
                continue
            }
            current.append(ch)
            inWord = true
        }
        if let q = quote { throw node.error("unterminated \(q) quote in the command") }
        if inWord { args.append(current) }
        return args
    }
}
