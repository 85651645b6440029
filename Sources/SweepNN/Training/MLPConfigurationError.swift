/// A bad hyperparameter name or value.
public enum MLPConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The key is not a known MLP hyperparameter; `suggestion` is the nearest known key, if any is near.
    case unknownKey(String, suggestion: String?, known: [String])
    /// The value has the wrong type or is out of range.
    case invalid(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .unknownKey(key, suggestion, known):
            return "unknown MLP hyperparameter '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                + "; known: \(known.joined(separator: ", "))"
        case let .invalid(key, value, expected):
            return "MLP hyperparameter '\(key)' = \(value): expected \(expected)"
        }
    }
}
