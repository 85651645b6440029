/// A parsed CSV file: a header and string cells, with each row's 1-based line number.
///
/// Comma-separated, optional double quotes around a cell (`""` inside quotes is a literal quote),
/// `\n` or `\r\n` line ends, blank lines ignored. No type conversion happens here.
struct CSVTable {
    var header: [String]
    var rows: [[String]]
    var lines: [Int]

    /// Parses `text`; `source` names the file in errors. Throws ``DatasetError`` for an empty file,
    /// a header without rows, a ragged row, an unterminated quote or a duplicate column name.
    init(parsing text: String, source: String) throws {
        var records: [[String]] = []
        var recordLines: [Int] = []
        var field: [UInt8] = []
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldWasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 BOM

        func endField() {
            var s = String(decoding: field, as: UTF8.self)
            if !fieldWasQuoted { s = s.trimmingSpaces() }
            record.append(s)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            let quoted = fieldWasQuoted
            endField()
            if !(record.count == 1 && record[0].isEmpty && !quoted) {
                records.append(record)
                recordLines.append(recordLine)
            }
            record = []
        }

        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(c); i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\"") where field.allSatisfy({ $0 == UInt8(ascii: " ") }):
                    field.removeAll(keepingCapacity: true)
                    inQuotes = true
                    fieldWasQuoted = true
                default:
                    field.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw DatasetError.unterminatedQuote(source: source, line: recordLine) }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }

        guard let header = records.first else { throw DatasetError.empty(source: source) }
        guard records.count > 1 else { throw DatasetError.noDataRows(source: source) }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw DatasetError.duplicateColumn(source: source, column: name)
        }
        for (row, lineNumber) in zip(records.dropFirst(), recordLines.dropFirst()) where row.count != header.count {
            throw DatasetError.raggedRow(source: source, line: lineNumber, expected: header.count, found: row.count)
        }
        self.header = header
        rows = Array(records.dropFirst())
        lines = Array(recordLines.dropFirst())
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
