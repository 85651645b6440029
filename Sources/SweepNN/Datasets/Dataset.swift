/// The learning task, which fixes the output layer and the loss.
public enum TaskKind: String, Sendable, Codable, CaseIterable {
    /// Integer or string labels; softmax cross-entropy; accuracy.
    case classification
    /// Real targets; mean squared error; RMSE and R².
    case regression
}

/// What a dataset's target column holds.
public enum DatasetTarget: Sendable, Equatable {
    /// Class index per row (`0..<names.count`) and the label text of each class, in index order
    /// (numeric labels sorted numerically, others lexicographically).
    case classes(indices: [Int32], names: [String])
    /// One real target per row.
    case values([Double])

    public var task: TaskKind {
        if case .classes = self { return .classification }
        return .regression
    }
}

/// A table of numeric features and one target, held in memory as `Float` (the training precision).
///
/// Values are raw (unstandardised); the trainer standardises with statistics of its training
/// split only. A dataset is a plain value and `Sendable`: load it once and hand it to many trials.
public struct Dataset: Sendable, Equatable {
    /// Shown in messages and stored in checkpoints (a shipped name, file path or synthetic spec).
    public var name: String
    /// Feature column names in column order.
    public var featureNames: [String]
    /// Name of the target column.
    public var targetName: String
    /// Row-major `rowCount × featureCount` feature values, all finite.
    public var features: [Float]
    /// The target of every row.
    public var target: DatasetTarget
    /// A predefined split: `true` marks a validation row (`digits` ships one). The trainer uses it
    /// when the split strategy is ``SplitStrategy/fixed`` or ``SplitStrategy/automatic``.
    public var fixedValidationRows: [Bool]?

    public init(name: String, featureNames: [String], targetName: String, features: [Float],
                target: DatasetTarget, fixedValidationRows: [Bool]? = nil) {
        precondition(!featureNames.isEmpty, "a dataset needs at least one feature")
        precondition(features.count % featureNames.count == 0, "features do not fill whole rows")
        self.name = name
        self.featureNames = featureNames
        self.targetName = targetName
        self.features = features
        self.target = target
        self.fixedValidationRows = fixedValidationRows
        precondition(targetCount == rowCount, "target has \(targetCount) rows, features \(rowCount)")
        precondition(fixedValidationRows.map { $0.count == rowCount } ?? true, "fixed split length mismatch")
    }

    public var featureCount: Int { featureNames.count }
    public var rowCount: Int { features.count / featureNames.count }
    public var task: TaskKind { target.task }

    /// Class count for classification, nil for regression.
    public var classCount: Int? {
        if case let .classes(_, names) = target { return names.count }
        return nil
    }

    private var targetCount: Int {
        switch target {
        case let .classes(indices, _): return indices.count
        case let .values(v): return v.count
        }
    }

    /// A 64-bit FNV-1a hash of the shapes, feature bits and targets. Checkpoints store it so a
    /// resume on different data is refused.
    public var fingerprint: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) {
            var x = v
            for _ in 0..<8 { h = (h ^ (x & 0xff)) &* 0x100_0000_01b3; x >>= 8 }
        }
        mix(UInt64(rowCount)); mix(UInt64(featureCount))
        for f in features { mix(UInt64(f.bitPattern)) }
        switch target {
        case let .classes(indices, names):
            for i in indices { mix(UInt64(UInt32(bitPattern: i))) }
            for n in names { for b in n.utf8 { mix(UInt64(b)) } }
        case let .values(values):
            for v in values { mix(v.bitPattern) }
        }
        return h
    }
}
