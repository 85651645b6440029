/// Where a trial's data comes from: a shipped name, a CSV path or a synthetic generator.
public enum DatasetSource: Sendable, Codable, Equatable {
    case shipped(ShippedDataset)
    /// A CSV file; `targetColumn` nil means `target` if present, else the last column.
    case csv(path: String, targetColumn: String?)
    case synthetic(SyntheticDataset)

    /// Interprets a user's `dataset` string: a shipped name (`digits`, `breast_cancer`, `wine`,
    /// `iris`, `diabetes`), a synthetic spec (`blobs:100000x100`, `spirals:5000`,
    /// `friedman1:2000x10`, see ``SyntheticDataset/parse(_:)``) or else a path to a CSV file
    /// (anything containing `/` or ending in `.csv`).
    /// - Throws: ``DatasetError/unknownDataset(name:known:)`` for anything else.
    public init(parsing spec: String, targetColumn: String? = nil) throws {
        if let shipped = ShippedDataset(rawValue: spec.lowercased()) {
            self = .shipped(shipped)
        } else if let synthetic = try SyntheticDataset.parse(spec) {
            self = .synthetic(synthetic)
        } else if spec.contains("/") || spec.lowercased().hasSuffix(".csv") {
            self = .csv(path: spec, targetColumn: targetColumn)
        } else {
            throw DatasetError.unknownDataset(name: spec, known: ShippedDataset.allCases.map(\.rawValue))
        }
    }

    /// Loads or generates the data.
    public func load() throws -> Dataset {
        switch self {
        case let .shipped(s): return try s.load()
        case let .csv(path, target): return try Dataset.loadCSV(path: path, targetColumn: target)
        case let .synthetic(s): return s.generate()
        }
    }
}
