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
    /// A tell gave `got` values to a study with `expected` objectives (`metrics` names them in order).
    case wrongValueCount(trial: Int, expected: Int, got: Int, metrics: [String])
    /// A tell gave no value for the metric of a constraint.
    case missingMetric(trial: Int, constraint: String)

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
        case let .wrongValueCount(trial, expected, got, metrics):
            return "trial \(trial): the sweep has \(expected) metric\(expected == 1 ? "" : "s") (\(metrics.joined(separator: ", "))) "
                + "but the tell gave \(got) value\(got == 1 ? "" : "s"); tell one value per metric, in that order. Nothing was stored."
        case let .missingMetric(trial, constraint):
            let name = constraint.split(separator: " ").first.map(String.init) ?? constraint
            return "trial \(trial): no value for metric '\(name)' of constraint '\(constraint)'; report it with the tell "
                + "(e.g. --metric \(name)=VALUE, or \"metrics\": {\"\(name)\": VALUE}). Nothing was stored."
        }
    }
}
