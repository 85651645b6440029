import Foundation

/// `sweep predict`: apply a checkpoint's model to a CSV file and render the predictions as CSV.
public struct PredictionRun: Sendable {
    public var modelPath: String
    public var dataPath: String

    public init(modelPath: String, dataPath: String) {
        self.modelPath = modelPath
        self.dataPath = dataPath
    }

    /// Reads the checkpoint and the data and returns CSV text: header `row,prediction` plus, for
    /// classification, one `p_<label>` probability column per class; one line per data row
    /// (`row` is the 0-based data row). The data file needs every feature column the model was
    /// trained on (matched by header name, any order); other columns, e.g. the target, are ignored.
    /// - Throws: ``CheckpointError`` or ``DatasetError`` naming file, line and column.
    public func run() throws -> String {
        try run(model: try MLPCheckpoint.read(from: modelPath).model)
    }

    /// Like ``run()``, with a model already loaded (e.g. from the model registry); `modelPath` is unused.
    public func run(model: MLPModel) throws -> String {
        let table = try CSVTable(parsing: try Dataset.readText(path: dataPath), source: dataPath)
        var columns: [Int] = []
        for name in model.featureNames {
            guard let c = table.header.firstIndex(of: name) else {
                throw DatasetError.missingFeatureColumn(source: dataPath, column: name)
            }
            columns.append(c)
        }
        var features = [Float]()
        features.reserveCapacity(table.rows.count * columns.count)
        for (row, line) in zip(table.rows, table.lines) {
            for c in columns {
                features.append(Float(try Dataset.number(row[c], source: dataPath, line: line, column: table.header[c])))
            }
        }
        let predictions = model.predict(features: features, rows: table.rows.count)
        return Self.csv(predictions)
    }

    /// Renders predictions as CSV (see ``run()``).
    public static func csv(_ predictions: MLPPredictions) -> String {
        var out = ""
        switch predictions {
        case let .classes(indices, names, probabilities):
            out += "row,prediction," + names.map { "p_\(csvCell($0))" }.joined(separator: ",") + "\n"
            let k = names.count
            for (r, index) in indices.enumerated() {
                out += "\(r),\(csvCell(names[index]))"
                for j in 0..<k { out += ",\(probabilities[r * k + j])" }
                out += "\n"
            }
        case let .values(values):
            out += "row,prediction\n"
            for (r, v) in values.enumerated() { out += "\(r),\(v)\n" }
        }
        return out
    }

    private static func csvCell(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
