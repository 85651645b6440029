/// Per-feature affine scaling `(x − mean) / scale`, fitted on training rows only.
///
/// `scale` is the population standard deviation, or 1 for a constant column (digits has all-zero
/// pixels), so standardised values are always finite.
public struct Standardizer: Sendable, Codable, Equatable {
    public var means: [Float]
    public var scales: [Float]

    /// Fits on the rows `rows` of a row-major `features` block with `columns` columns
    /// (accumulated in `Double`).
    public init(fitting features: [Float], columns: Int, rows: [Int]) {
        var sum = [Double](repeating: 0, count: columns)
        var sumSq = [Double](repeating: 0, count: columns)
        for r in rows {
            for j in 0..<columns {
                let v = Double(features[r * columns + j])
                sum[j] += v
            }
        }
        let count = Double(max(rows.count, 1))
        let mean = sum.map { $0 / count }
        for r in rows {
            for j in 0..<columns {
                let d = Double(features[r * columns + j]) - mean[j]
                sumSq[j] += d * d
            }
        }
        means = mean.map { Float($0) }
        scales = sumSq.map { s in
            let sd = (s / count).squareRoot()
            return sd > 1e-12 ? Float(sd) : 1
        }
    }

    public init(means: [Float], scales: [Float]) {
        self.means = means
        self.scales = scales
    }

    /// The standardised copy of `rows` (in that order) of a row-major block.
    public func transform(_ features: [Float], columns: Int, rows: [Int]) -> [Float] {
        var out = [Float](repeating: 0, count: rows.count * columns)
        for (i, r) in rows.enumerated() {
            for j in 0..<columns {
                out[i * columns + j] = (features[r * columns + j] - means[j]) / scales[j]
            }
        }
        return out
    }
}
