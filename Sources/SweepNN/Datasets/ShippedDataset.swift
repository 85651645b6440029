/// The small real datasets compiled into SweepNN (provenance: `Datasets/Shipped/README.md`).
///
/// They are embedded in the binary as text, so `sweep train --dataset digits` works from an
/// installed executable with no files next to it.
public enum ShippedDataset: String, Sendable, Codable, CaseIterable {
    /// 1797 8×8 digit images (64 features, counts 0–16), 10 classes. Ships the fixed 1437/360
    /// split of the PyTorch reference runs (`train_test_split(test_size=0.2, random_state=0, stratify=y)`).
    case digits
    /// 569 rows, 30 features, 2 classes.
    case breastCancer = "breast_cancer"
    /// 178 rows, 13 features, 3 classes.
    case wine
    /// 150 rows, 4 features, 3 classes.
    case iris
    /// 442 rows, 10 raw features, regression target 25–346.
    case diabetes

    public var task: TaskKind { self == .diabetes ? .regression : .classification }

    /// The CSV text as shipped (the original file minus its final newline).
    public var csvText: String {
        switch self {
        case .digits: return ShippedCSV.digits
        case .breastCancer: return ShippedCSV.breastCancer
        case .wine: return ShippedCSV.wine
        case .iris: return ShippedCSV.iris
        case .diabetes: return ShippedCSV.diabetes
        }
    }

    /// Parses the embedded CSV (a few milliseconds for digits).
    public func load() throws -> Dataset {
        var dataset = try Dataset(csv: csvText, source: rawValue, targetColumn: "target", task: task)
        if self == .digits {
            dataset.fixedValidationRows = try Self.digitsFixedSplit(rowCount: dataset.rowCount)
        }
        return dataset
    }

    /// `digits_split_seed0.csv`: columns `row,split` with `train` / `val`.
    static func digitsFixedSplit(rowCount: Int) throws -> [Bool] {
        let source = "digits_split_seed0.csv"
        let table = try CSVTable(parsing: ShippedCSV.digitsSplitSeed0, source: source)
        guard table.header == ["row", "split"], table.rows.count == rowCount else {
            throw DatasetError.badSplit(source: source, reason: "expected columns row,split and \(rowCount) rows")
        }
        var validation = [Bool](repeating: false, count: rowCount)
        var seen = [Bool](repeating: false, count: rowCount)
        for (cells, line) in zip(table.rows, table.lines) {
            guard let row = Int(cells[0]), row >= 0, row < rowCount, !seen[row],
                  cells[1] == "train" || cells[1] == "val" else {
                throw DatasetError.badSplit(source: source, reason: "line \(line): bad entry \(cells.joined(separator: ","))")
            }
            seen[row] = true
            validation[row] = cells[1] == "val"
        }
        return validation
    }
}
