import SweepCore

/// Errors of the study API.
public enum StudyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A typed accessor asked for a parameter the trial does not have.
    case missingParameter(trial: Int, name: String, available: [String])
    /// A typed accessor asked for the wrong type.
    case wrongParameterType(trial: Int, name: String, expected: String, actual: String)
    /// A define-by-run suggestion conflicts with the declared space or with an earlier trial.
    case incompatibleSuggestion(name: String, reason: String)
    /// The sweep stored under this name was created from a different search space or objective.
    case configChanged(study: String, differences: [String])
    /// The trial is not known to this study.
    case unknownTrial(Int)
    /// Enqueued parameters do not fit the space.
    case invalidParameters(String)

    public var description: String {
        switch self {
        case let .missingParameter(trial, name, available):
            return "trial \(trial) has no parameter '\(name)'; it has: \(available.sorted().joined(separator: ", "))"
        case let .wrongParameterType(trial, name, expected, actual):
            return "trial \(trial): parameter '\(name)' is \(actual), not \(expected)"
        case let .incompatibleSuggestion(name, reason):
            return "suggestion for '\(name)' is incompatible: \(reason)"
        case let .configChanged(study, differences):
            return "sweep '\(study)' was created with a different config; refusing to mix results. Changes:\n"
                + differences.map { "  " + $0 }.joined(separator: "\n")
                + "\nUse a new sweep name (or storage) for a different search, or undo the changes. Budgets, method and pruner may change."
        case let .unknownTrial(n):
            if n < 0 { return "trial numbers start at 0, got \(n); `sweep trials NAME` lists the trials" }
            return "no trial \(n) in this study"
        case let .invalidParameters(why):
            return "invalid parameters: \(why)"
        }
    }
}
