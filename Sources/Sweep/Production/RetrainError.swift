/// Why `sweep retrain` refused its input. Every case is bad input (exit 2); nothing is registered and
/// no alias moves.
public enum RetrainError: Error, CustomStringConvertible, Sendable, Equatable {
    /// An option is out of its range.
    case badOption(name: String, value: String, expected: String)
    /// A target label of the new data is not one of the registered classifier's classes.
    case unknownLabel(source: String, column: String, label: String, dataRow: Int, known: [String])
    /// The new data's target column holds numbers that do not fit the model's task.
    case wrongTarget(source: String, column: String, reason: String)

    public var description: String {
        switch self {
        case let .badOption(name, value, expected):
            return "--\(name) \(value): expected \(expected)"
        case let .unknownLabel(source, column, label, row, known):
            let shown = known.count > 12 ? known.prefix(12).joined(separator: ", ") + ", …" : known.joined(separator: ", ")
            return "\(source): data row \(row), column '\(column)': label '\(label)' is not one of the model's classes (\(shown)); "
                + "retraining keeps the model's classes: fix the label, or name the right column with --target"
        case let .wrongTarget(source, column, reason):
            return "\(source): target column '\(column)' \(reason); name the model's target column with --target"
        }
    }
}
