import SweepMath

/// How the trainer divides a dataset into training and validation rows.
public enum SplitStrategy: String, Sendable, Codable, CaseIterable {
    /// ``fixed`` when the dataset ships a split (digits), else ``stratified``.
    case automatic = "auto"
    /// The dataset's predefined split; an error if it has none.
    case fixed
    /// Seeded split; per class for classification (class proportions kept), plain shuffle for
    /// regression.
    case stratified
}

/// Training and validation row indices, each in increasing order.
public struct DataSplit: Sendable, Equatable {
    public var training: [Int]
    public var validation: [Int]

    /// Resolves `strategy` on `dataset`.
    ///
    /// Stratified: the validation size is `⌈fraction·rows⌉`; each class gets `⌊fraction·n_c⌋` rows,
    /// and the remaining ones go to the classes with the largest remainders (ties: lower class
    /// index). Rows within a class are chosen by a Fisher–Yates shuffle of stream
    /// `(seed, "split")`. The same seed, fraction and data give the same split everywhere.
    /// - Throws: ``DatasetError`` if `fixed` is asked of a dataset without one, or if either side
    ///   would be empty.
    public init(dataset: Dataset, strategy: SplitStrategy, validationFraction: Double, seed: UInt64) throws {
        let n = dataset.rowCount
        if strategy == .fixed || (strategy == .automatic && dataset.fixedValidationRows != nil) {
            guard let marks = dataset.fixedValidationRows else {
                throw DatasetError.badSplit(source: dataset.name, reason: "no fixed split ships with this dataset; use split: stratified")
            }
            training = marks.indices.filter { !marks[$0] }
            validation = marks.indices.filter { marks[$0] }
        } else {
            guard validationFraction > 0, validationFraction < 1 else {
                throw DatasetError.badSplit(source: dataset.name, reason: "validation fraction \(validationFraction) is not in (0, 1)")
            }
            var rng = Xoshiro256StarStar(seed: seed, stream: 0x5B117)
            let total = Int((validationFraction * Double(n)).rounded(.up))
            var isValidation = [Bool](repeating: false, count: n)
            switch dataset.target {
            case let .classes(indices, names):
                var members = [[Int]](repeating: [], count: names.count)
                for (row, c) in indices.enumerated() { members[Int(c)].append(row) }
                var take = members.map { Int(validationFraction * Double($0.count)) }
                let remainders = members.indices.map { validationFraction * Double(members[$0].count) - Double(take[$0]) }
                let order = members.indices.sorted { remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1) }
                var missing = total - take.reduce(0, +)
                for c in order where missing > 0 && take[c] < members[c].count { take[c] += 1; missing -= 1 }
                for c in members.indices {
                    var rows = members[c]
                    rng.shuffle(&rows)
                    for row in rows.prefix(take[c]) { isValidation[row] = true }
                }
            case .values:
                var rows = Array(0..<n)
                rng.shuffle(&rows)
                for row in rows.prefix(total) { isValidation[row] = true }
            }
            training = isValidation.indices.filter { !isValidation[$0] }
            validation = isValidation.indices.filter { isValidation[$0] }
        }
        guard !training.isEmpty, !validation.isEmpty else {
            throw DatasetError.tooFewRows(source: dataset.name, rows: n, reason: "the split leaves \(training.count) training and \(validation.count) validation rows")
        }
    }
}
