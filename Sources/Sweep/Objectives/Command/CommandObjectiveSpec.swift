import SweepCore

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
