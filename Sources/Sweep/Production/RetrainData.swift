import SweepNN

/// New labelled data laid out for a registered model: its feature columns in its order, its target
/// in its class order (classifiers) or units (regressors).
struct RetrainData {
    var dataset: Dataset

    /// Loads `path` for `model`. The target column is `targetColumn`, else the model's own target
    /// name. Columns the model does not use are ignored (they must still be numeric).
    /// - Throws: ``DatasetError`` (unreadable file, missing feature or target column, bad cell),
    ///   ``RetrainError`` (a label the classifier does not know).
    init(path: String, targetColumn: String?, model: MLPModel) throws {
        let column = targetColumn ?? model.targetName
        if model.featureNames.contains(column) {
            throw RetrainError.wrongTarget(source: path, column: column, reason: "is one of the model's feature columns (its target is '\(model.targetName)')")
        }
        let raw = try Dataset.loadCSV(path: path, targetColumn: column, task: model.task)
        var index: [Int] = []
        for name in model.featureNames {
            guard let c = raw.featureNames.firstIndex(of: name) else {
                throw DatasetError.missingFeatureColumn(source: path, column: name)
            }
            index.append(c)
        }
        let d = raw.featureCount
        var features = [Float]()
        features.reserveCapacity(raw.rowCount * index.count)
        for r in 0..<raw.rowCount {
            for c in index { features.append(raw.features[r * d + c]) }
        }
        let target: DatasetTarget
        switch (raw.target, model.output) {
        case let (.classes(indices, names), .classes(known)):
            let position = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1, Int32($0)) })
            var mapped = [Int32]()
            mapped.reserveCapacity(indices.count)
            for (row, i) in indices.enumerated() {
                guard let m = position[names[Int(i)]] else {
                    throw RetrainError.unknownLabel(source: path, column: column, label: names[Int(i)], dataRow: row + 1, known: known)
                }
                mapped.append(m)
            }
            target = .classes(indices: mapped, names: known)
        case let (.values(values), .regression):
            target = .values(values)
        default:
            throw RetrainError.wrongTarget(source: path, column: column, reason: "does not fit a \(model.task.rawValue) model")
        }
        dataset = Dataset(name: path, featureNames: model.featureNames, targetName: model.targetName,
                          features: features, target: target)
    }

    /// The rows `rows` (in that order) as a dataset of their own, named `name`.
    func subset(_ rows: [Int], name: String) -> Dataset {
        let d = dataset.featureCount
        var features = [Float]()
        features.reserveCapacity(rows.count * d)
        for r in rows { features.append(contentsOf: dataset.features[(r * d)..<((r + 1) * d)]) }
        let target: DatasetTarget
        switch dataset.target {
        case let .classes(indices, names): target = .classes(indices: rows.map { indices[$0] }, names: names)
        case let .values(values): target = .values(rows.map { values[$0] })
        }
        return Dataset(name: name, featureNames: dataset.featureNames, targetName: dataset.targetName,
                       features: features, target: target)
    }
}
