/// Why a dataset could not be loaded or used. Messages name the file (or dataset), the 1-based
/// line number in the file (the header is line 1) and the column, and say what to fix.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    case unreadable(source: String, reason: String)
    case empty(source: String)
    case noDataRows(source: String)
    case duplicateColumn(source: String, column: String)
    case unterminatedQuote(source: String, line: Int)
    case raggedRow(source: String, line: Int, expected: Int, found: Int)
    case missingTargetColumn(source: String, column: String, available: [String])
    case missingFeatureColumn(source: String, column: String)
    case nonNumeric(source: String, line: Int, column: String, value: String)
    case nonFinite(source: String, line: Int, column: String, value: String)
    case singleClass(source: String, column: String, label: String)
    case noFeatures(source: String)
    case unknownDataset(name: String, known: [String])
    case badSyntheticSpec(spec: String, reason: String)
    case badSplit(source: String, reason: String)
    case tooFewRows(source: String, rows: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(source, reason):
            return "\(source): cannot read the file (\(reason))"
        case let .empty(source):
            return "\(source): the file is empty; expected a header row and data rows"
        case let .noDataRows(source):
            return "\(source): the file has a header but no data rows"
        case let .duplicateColumn(source, column):
            return "\(source): line 1 (header): column '\(column)' appears more than once; rename one"
        case let .unterminatedQuote(source, line):
            return "\(source): line \(line): a quoted cell is not closed before the end of the file"
        case let .raggedRow(source, line, expected, found):
            return "\(source): line \(line): \(found) cells but the header has \(expected) columns; every row needs \(expected)"
        case let .missingTargetColumn(source, column, available):
            return "\(source): no target column '\(column)'; columns are \(available.joined(separator: ", "))"
        case let .missingFeatureColumn(source, column):
            return "\(source): column '\(column)', which the model was trained on, is missing"
        case let .nonNumeric(source, line, column, value):
            let shown = value.isEmpty ? "an empty cell" : "'\(value)'"
            return "\(source): line \(line), column '\(column)': \(shown) is not a number; features must be numeric"
        case let .nonFinite(source, line, column, value):
            return "\(source): line \(line), column '\(column)': '\(value)' is not finite; remove or impute NaN/inf values"
        case let .singleClass(source, column, label):
            return "\(source): target column '\(column)' has one class only ('\(label)'); classification needs at least two"
        case let .noFeatures(source):
            return "\(source): no feature columns besides the target"
        case let .unknownDataset(name, known):
            return "unknown dataset '\(name)'; shipped: \(known.joined(separator: ", ")); or give a path to a .csv file, or blobs:ROWSxFEATURES, spirals:ROWS, friedman1:ROWSxFEATURES"
        case let .badSyntheticSpec(spec, reason):
            return "synthetic dataset '\(spec)': \(reason)"
        case let .badSplit(source, reason):
            return "\(source): \(reason)"
        case let .tooFewRows(source, rows, reason):
            return "\(source): \(rows) rows are too few: \(reason)"
        }
    }
}
