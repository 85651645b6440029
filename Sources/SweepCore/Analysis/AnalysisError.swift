/// Why an analysis of trials (importance, surrogate fit) could not be computed.
public enum AnalysisError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Fewer usable data than the method needs.
    case notEnoughData(needed: Int, got: Int, what: String)
    /// `x` and `y` differ in length.
    case mismatchedLengths(rows: Int, targets: Int)
    /// A row of `x` has the wrong number of features.
    case raggedRows(expected: Int, row: Int, got: Int)
    /// A NaN or infinity in the data (`column` -1 means the target).
    case nonFinite(row: Int, column: Int)
    /// An option out of range.
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .notEnoughData(needed, got, what):
            return "needs at least \(needed) \(what), got \(got); run more trials"
        case let .mismatchedLengths(rows, targets):
            return "\(rows) input rows but \(targets) targets; pass one target per row"
        case let .raggedRows(expected, row, got):
            return "row \(row) has \(got) features, expected \(expected) like row 0"
        case let .nonFinite(row, column):
            return column < 0 ? "target \(row) is not a finite number; drop it before fitting"
                : "feature \(column) of row \(row) is not a finite number; encode missing values before fitting"
        case let .invalidOption(text):
            return "invalid option: \(text)"
        }
    }
}
