import Foundation
import SweepCore

/// Runs the user's program once per trial and reads the metric from its standard output.
///
/// - Arguments, environment values and the working directory are templates: `{lr}` becomes the trial's
///   value of `lr` (shortest round-trip text for floats), `{trial}` the trial number, `{seed}` the study
///   seed, `{checkpoint_dir}` a per-trial directory that survives interruptions (resume from it), and
///   `{resource}` the steps a multi-fidelity scheduler granted. `{{` and `}}` are literal braces.
///   Parameters inactive in a trial render as empty text.
/// - Environment: the parent's, plus `SWEEP_TRIAL`, `SWEEP_SEED`, `SWEEP_CHECKPOINT_DIR`,
///   `SWEEP_RESOURCE` (when set) and `SWEEP_PARAM_<NAME>` for every active parameter, plus the config's
///   `env`.
/// - Output: any line with `<metric>=<number>` (other `key=value` pairs allowed on the line) or a JSON
///   object with the metric's key. With a `step` (or `epoch`) key on the same line it is an intermediate
///   value, reported for pruning; without, it is the final value (the last one wins). With no final line,
///   the last intermediate value is the result.
/// - Exit status 0 with a value → complete; non-zero, a signal, a timeout or no value → failed, with the
///   reason and the tail of stderr. Pruned → the process group is terminated and the trial is pruned.
///   On Ctrl-C the process group gets SIGTERM and the trial is requeued.
/// - Output is appended to `<logDirectory>/trial-<number>.log` when a log directory is set.
/// - Processes: the command starts with only stdin (`/dev/null`), stdout and stderr open, in its own
///   process group, recorded with the trial (attribute `sweep.process_group`: pgid, host, start time).
///   A resumed trial whose recorded group still runs on this host (Sweep was killed with -9) stops that
///   group first (SIGTERM, 5 s grace, SIGKILL), so only one copy ever works in `{checkpoint_dir}`.
/// - Resuming: a command resumed from a checkpoint it completed must print its final value again;
///   values printed by earlier runs of the trial are kept as intermediate values, not as the result.
public struct CommandObjective: Objective {
    public let spec: CommandObjectiveSpec
    public let metric: String
    public let logDirectory: URL?
    public let checkpointRoot: URL

    /// Placeholders every command may use besides parameter names.
    public static let builtinPlaceholders = ["trial", "seed", "checkpoint_dir", "resource"]

    /// Other metrics read from the final output (a multi-objective sweep's later metrics and its
    /// constraint metrics): recorded as the `sweep.metrics` attribute, from which the study builds the
    /// objective vector and the constraint values. A missing one fails the trial.
    public var otherMetrics: [String] = []

    public init(spec: CommandObjectiveSpec, metric: String, logDirectory: URL?, checkpointRoot: URL) {
        self.spec = spec
        self.metric = metric
        self.logDirectory = logDirectory
        self.checkpointRoot = checkpointRoot
    }

    /// Placeholder names used by a template (`{name}`), ignoring `{{`/`}}` escapes.
    static func placeholders(in template: String) throws -> [String] {
        var names: [String] = []
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            let next = template.index(after: i)
            if c == "{" {
                if next < template.endIndex, template[next] == "{" { i = template.index(after: next); continue }
                guard let close = template[next...].firstIndex(of: "}") else {
                    throw CommandTemplateError.unclosedBrace(template)
                }
                names.append(String(template[next..<close]))
                i = template.index(after: close)
                continue
            }
            i = next
        }
        return names
    }

    /// Replaces placeholders with values; a name missing from `values` (and not an inactive
    /// parameter, listed in `inactive`) is an error.
    static func render(_ template: String, values: [String: String], inactive: Set<String> = []) throws -> String {
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            let next = template.index(after: i)
            if c == "{" {
                if next < template.endIndex, template[next] == "{" { out.append("{"); i = template.index(after: next); continue }
                if let close = template[next...].firstIndex(of: "}") {
                    let name = String(template[next..<close])
                    if let v = values[name] { out += v } else if !inactive.contains(name) {
                        throw CommandTemplateError.unknownPlaceholder(name, template)
                    }
                    i = template.index(after: close)
                    continue
                }
            }
            if c == "}", next < template.endIndex, template[next] == "}" { out.append("}"); i = template.index(after: next); continue }
            out.append(c)
            i = next
        }
        return out
    }

    /// Checks every placeholder refers to a parameter or a built-in; returns the unknown ones.
    public func unknownPlaceholders(space: SearchSpace) throws -> [String] {
        let known = Set(space.parameters.map(\.name) + CommandObjective.builtinPlaceholders)
        var templates = spec.arguments + Array(spec.environment.values)
        if let dir = spec.workingDirectory { templates.append(dir) }
        return try templates.flatMap { try CommandObjective.placeholders(in: $0) }.filter { !known.contains($0) }
    }

    public func evaluate(_ trial: RunningTrial) throws -> Double {
        let checkpointDir = checkpointRoot.appendingPathComponent("trial-\(trial.number)", isDirectory: true)
        try FileManager.default.createDirectory(at: checkpointDir, withIntermediateDirectories: true)
        var values: [String: String] = [
            "trial": String(trial.number), "seed": String(trial.study.seed), "checkpoint_dir": checkpointDir.path,
        ]
        if let r = trial.resource { values["resource"] = String(r) }
        for (k, v) in trial.params { values[k] = v.description }

        var env = ProcessInfo.processInfo.environment
        env["SWEEP_TRIAL"] = String(trial.number)
        env["SWEEP_SEED"] = String(trial.study.seed)
        env["SWEEP_CHECKPOINT_DIR"] = checkpointDir.path
        if let r = trial.resource { env["SWEEP_RESOURCE"] = String(r) }
        for (k, v) in trial.params {
            let key = "SWEEP_PARAM_" + k.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            env[key] = v.description
        }
        let inactive = Set(trial.study.space?.parameters.map(\.name) ?? []).subtracting(trial.params.keys).union(["resource"])
        for (k, v) in spec.environment { env[k] = try CommandObjective.render(v, values: values, inactive: inactive) }

        let child = ChildProcess(
            arguments: try spec.arguments.map { try CommandObjective.render($0, values: values, inactive: inactive) },
            environment: env,
            workingDirectory: try spec.workingDirectory.map { try CommandObjective.render($0, values: values, inactive: inactive) },
            timeout: spec.timeout)

        let log = try logDirectory.map { try TrialLog(directory: $0, number: trial.number) }
        defer { log?.close() }
        // An earlier run of this trial (its Sweep killed with -9) may have left the command running on
        // this checkpoint directory: stop it before starting another copy.
        if let earlier = TrialProcessGroup(attributes: trial.attributes), earlier.terminate(grace: child.grace) {
            log?.write("# stopped process group \(earlier.pgid) left running by an earlier run of trial \(trial.number)")
        }
        log?.write("# trial \(trial.number): \(child.arguments.joined(separator: " "))")

        var final: Double?
        var others: [String: Double] = [:]
        var lastIntermediate: Double?
        var stderrTail: [String] = []
        var stopError: (any Error)?
        var parseProblem: String?
        let termination = try child.run(onStart: { pid in
            try trial.setAttributes([TrialProcessGroup.attribute: TrialProcessGroup.started(leader: pid).attributeValue])
        }, shouldStop: { trial.isStopRequested }) { isStdout, line in
            log?.write(line)
            guard isStdout else {
                stderrTail.append(line)
                if stderrTail.count > 20 { stderrTail.removeFirst() }
                return true
            }
            for name in otherMetrics {
                if let other = MetricLine.parse(line, metric: name), other.step == nil, let v = other.value { others[name] = v }
            }
            guard let parsed = MetricLine.parse(line, metric: metric) else { return true }
            if let problem = parsed.problem { parseProblem = problem; return true }
            guard let value = parsed.value else { return true }
            if let step = parsed.step {
                lastIntermediate = value
                do {
                    try trial.report(step: step, value: value)
                } catch {
                    stopError = error
                    return false
                }
            } else {
                final = value
            }
            return true
        }
        if let stopError { throw stopError }
        let tail = stderrTail.isEmpty ? "" : "; stderr: " + stderrTail.suffix(5).joined(separator: " | ")
        switch termination {
        case .stopped:
            throw TrialInterrupted()
        case .timedOut:
            throw ObjectiveFailure(message: "timed out after \(spec.timeout.map { String(format: "%g", $0) } ?? "?") s\(tail)")
        case let .signaled(sig):
            throw ObjectiveFailure(message: "killed by signal \(sig) (\(String(cString: strsignal(sig))))\(tail)")
        case let .exited(code) where code != 0:
            if trial.isStopRequested { throw TrialInterrupted() }
            throw ObjectiveFailure(message: "exit status \(code)\(tail)")
        case .exited:
            if let value = final ?? lastIntermediate {
                if otherMetrics.isEmpty { return value }
                if let missing = otherMetrics.first(where: { others[$0] == nil }) {
                    throw ObjectiveFailure(message: "the command printed '\(metric)' but no '\(missing)=<number>' line (nor JSON with \"\(missing)\"); "
                                           + "a sweep with several metrics or constraints needs each of \(otherMetrics.joined(separator: ", "))\(tail)")
                }
                try trial.setAttributes([TrialAttributeKey.metrics: .object(others.mapValues(AttributeValue.number))])
                return value
            }
            var message = "the command exited 0 but printed no '\(metric)=<number>' line (nor JSON with \"\(metric)\")"
            if let parseProblem { message += "; \(parseProblem)" }
            if let resumedAt = trial.snapshot.intermediateValues.keys.max() {
                // Values of earlier runs are not this run's result: the step after the last stored one
                // may have been checkpointed by the command and lost by a killed Sweep.
                message += "; this run resumed a trial that had reported up to step \(resumedAt): a command resuming from a finished checkpoint must print its final value again"
            }
            throw ObjectiveFailure(message: message + tail)
        }
    }
}

extension CommandObjective {
    /// Parses one output line for `metric`: `(value, step)`, or nil when the line does not mention it.
    public static func parseMetricLine(_ line: String, metric: String) -> (value: Double?, step: Int?)? {
        MetricLine.parse(line, metric: metric).map { ($0.value, $0.step) }
    }
}


/// A bad `{placeholder}` in a command template.
public enum CommandTemplateError: Error, CustomStringConvertible, Sendable {
    case unclosedBrace(String)
    case unknownPlaceholder(String, String)
    public var description: String {
        switch self {
        case let .unclosedBrace(t): return "unclosed '{' in '\(t)' (write '{{' for a literal brace)"
        case let .unknownPlaceholder(name, t):
            return "placeholder {\(name)} in '\(t)' is not a parameter or one of {trial}, {seed}, {checkpoint_dir}, {resource} (write {{ and }} for literal braces)"
        }
    }
}

/// One stdout line read for a metric.
struct MetricLine: Equatable {
    var value: Double?
    var step: Int?
    var problem: String?

    static let stepKeys = ["step", "epoch", "iteration", "iter"]

    /// The metric on `line`, or nil when the line does not mention it.
    static func parse(_ line: String, metric: String) -> MetricLine? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{"), let object = try? AttributeValue.parseJSON(trimmed), case let .object(o) = object {
            guard let raw = o[metric] else { return nil }
            guard let v = raw.number else { return MetricLine(problem: "'\(metric)' in a JSON line is not a number: \(raw)") }
            let step = stepKeys.lazy.compactMap { o[$0]?.int }.first
            return MetricLine(value: v, step: step)
        }
        var fields: [String: Substring] = [:]
        for token in trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == ";" }) {
            guard let eq = token.firstIndex(of: "=") else { continue }
            fields[String(token[..<eq])] = token[token.index(after: eq)...]
        }
        guard let text = fields[metric] else { return nil }
        guard let v = Double(text) else { return MetricLine(problem: "'\(metric)=\(text)' is not a number") }
        let step = stepKeys.lazy.compactMap { fields[$0].flatMap { Int($0) } }.first
        return MetricLine(value: v, step: step)
    }
}
