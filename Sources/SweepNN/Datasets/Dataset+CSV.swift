import Foundation

extension Dataset {
    /// Loads a CSV file: one header row, numeric feature columns, one target column.
    ///
    /// - Parameters:
    ///   - path: the file; named in every error.
    ///   - targetColumn: the target's header name; nil means `target` if present, else the last column.
    ///   - task: nil infers it: a non-numeric target, or an integer target with at most
    ///     `min(50, max(2, rows/2))` distinct values, is classification; anything else regression.
    /// - Throws: ``DatasetError`` naming the file, line and column: unreadable or empty file, no
    ///   data rows, ragged row, non-numeric or NaN/inf cell, missing target column, single-class target.
    public static func loadCSV(path: String, targetColumn: String? = nil, task: TaskKind? = nil) throws -> Dataset {
        try Dataset(csv: try readText(path: path), source: path, targetColumn: targetColumn, task: task)
    }

    /// The file's text, or ``DatasetError/unreadable(source:reason:)`` saying whether it is missing.
    static func readText(path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file"
            throw DatasetError.unreadable(source: path, reason: reason)
        }
    }

    /// Parses CSV text (see ``loadCSV(path:targetColumn:task:)``); `source` names it in errors and
    /// becomes the dataset's ``name``.
    public init(csv text: String, source: String, targetColumn: String? = nil, task: TaskKind? = nil) throws {
        let table = try CSVTable(parsing: text, source: source)
        let targetIndex: Int
        if let targetColumn {
            guard let i = table.header.firstIndex(of: targetColumn) else {
                throw DatasetError.missingTargetColumn(source: source, column: targetColumn, available: table.header)
            }
            targetIndex = i
        } else {
            targetIndex = table.header.firstIndex(of: "target") ?? table.header.count - 1
        }
        let featureColumns = table.header.indices.filter { $0 != targetIndex }
        guard !featureColumns.isEmpty else { throw DatasetError.noFeatures(source: source) }

        var features = [Float]()
        features.reserveCapacity(table.rows.count * featureColumns.count)
        for (row, line) in zip(table.rows, table.lines) {
            for c in featureColumns {
                features.append(Float(try Self.number(row[c], source: source, line: line, column: table.header[c])))
            }
        }
        let targetName = table.header[targetIndex]
        let cells = table.rows.map { $0[targetIndex] }
        let target = try Self.target(cells: cells, lines: table.lines, source: source, column: targetName, task: task)
        self.init(name: source, featureNames: featureColumns.map { table.header[$0] }, targetName: targetName,
                  features: features, target: target)
    }

    /// A finite number from a cell, or an error naming line and column.
    static func number(_ cell: String, source: String, line: Int, column: String) throws -> Double {
        guard let v = Double(cell) else {
            throw DatasetError.nonNumeric(source: source, line: line, column: column, value: cell)
        }
        guard v.isFinite else {
            throw DatasetError.nonFinite(source: source, line: line, column: column, value: cell)
        }
        // Float overflow would turn a finite Double into inf.
        guard Float(v).isFinite else {
            throw DatasetError.nonFinite(source: source, line: line, column: column, value: cell)
        }
        return v
    }

    private static func target(cells: [String], lines: [Int], source: String, column: String,
                               task: TaskKind?) throws -> DatasetTarget {
        let numbers = cells.map { Double($0) }
        let allNumeric = numbers.allSatisfy { $0 != nil }
        let resolved: TaskKind
        if let task {
            resolved = task
        } else if !allNumeric {
            resolved = .classification
        } else {
            let values = numbers.map { $0! }
            let integral = values.allSatisfy { $0.isFinite && $0 == $0.rounded() }
            let distinct = Set(values).count
            resolved = integral && distinct <= min(50, max(2, values.count / 2)) ? .classification : .regression
        }
        switch resolved {
        case .regression:
            var values = [Double]()
            values.reserveCapacity(cells.count)
            for (cell, line) in zip(cells, lines) {
                values.append(try number(cell, source: source, line: line, column: column))
            }
            return .values(values)
        case .classification:
            for (cell, line) in zip(cells, lines) where cell.isEmpty {
                throw DatasetError.nonNumeric(source: source, line: line, column: column, value: cell)
            }
            for (cell, line) in zip(cells, lines) {
                if let v = Double(cell), !v.isFinite {
                    throw DatasetError.nonFinite(source: source, line: line, column: column, value: cell)
                }
            }
            var names = Array(Set(cells))
            if allNumeric {
                names.sort { Double($0)! < Double($1)! || (Double($0)! == Double($1)! && $0 < $1) }
            } else {
                names.sort()
            }
            guard names.count >= 2 else {
                throw DatasetError.singleClass(source: source, column: column, label: names.first ?? "")
            }
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
            return .classes(indices: cells.map { index[$0]! }, names: names)
        }
    }
}
