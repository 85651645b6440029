import SweepMath

/// A random forest of regression trees (Breiman 2001) on points of the unit cube, the surrogate model
/// behind ``ParameterImportance``.
///
/// Each tree is grown on a bootstrap sample (drawn from the seeded stream `(seed, "FOREST", tree)`, so
/// the same data and seed always give the same forest) by CART: at every node the split with the largest
/// reduction of squared error over all features, thresholds half-way between consecutive distinct
/// values. Growth stops at ``Options/maxDepth``, below `2 × minSamplesLeaf` samples, or when the node's
/// targets are all equal. Features are presorted once per tree and partitioned stably as the tree grows,
/// so growing a tree costs O(d · n · depth).
public struct RegressionForest: Sendable {
    /// Growth settings.
    public struct Options: Sendable, Equatable {
        /// Number of trees (≥ 1).
        public var trees: Int
        /// Minimum number of bootstrap samples in a leaf (≥ 1).
        public var minSamplesLeaf: Int
        /// Maximum depth of a tree (≥ 1).
        public var maxDepth: Int
        /// Seed of the bootstrap samples.
        public var seed: UInt64

        public init(trees: Int = 32, minSamplesLeaf: Int = 1, maxDepth: Int = 24, seed: UInt64 = 0) {
            self.trees = trees
            self.minSamplesLeaf = minSamplesLeaf
            self.maxDepth = maxDepth
            self.seed = seed
        }
    }

    /// The fitted trees.
    public let trees: [RegressionTree]
    /// Number of input features.
    public let dimension: Int

    /// Fits a forest to `x` (rows of `dimension` finite numbers) and targets `y`.
    /// - Throws: ``AnalysisError`` for empty or ragged data, non-finite numbers, or invalid options.
    public init(x: [[Double]], y: [Double], options: Options = Options()) throws {
        guard !x.isEmpty else { throw AnalysisError.notEnoughData(needed: 1, got: 0, what: "rows to fit a forest") }
        guard x.count == y.count else { throw AnalysisError.mismatchedLengths(rows: x.count, targets: y.count) }
        guard options.trees >= 1, options.minSamplesLeaf >= 1, options.maxDepth >= 1 else {
            throw AnalysisError.invalidOption("forest needs trees ≥ 1, minSamplesLeaf ≥ 1 and maxDepth ≥ 1")
        }
        let d = x[0].count
        var columns = [[Double]](repeating: [Double](repeating: 0, count: x.count), count: d)
        for (i, row) in x.enumerated() {
            guard row.count == d else { throw AnalysisError.raggedRows(expected: d, row: i, got: row.count) }
            for j in 0..<d {
                guard row[j].isFinite else { throw AnalysisError.nonFinite(row: i, column: j) }
                columns[j][i] = row[j]
            }
        }
        for (i, v) in y.enumerated() where !v.isFinite { throw AnalysisError.nonFinite(row: i, column: -1) }
        let n = x.count
        var trees: [RegressionTree] = []
        trees.reserveCapacity(options.trees)
        for t in 0..<options.trees {
            var rng = Xoshiro256StarStar(seed: options.seed, stream: 0x464F_5245_5354, UInt64(t))  // "FOREST"
            let sample = (0..<n).map { _ in rng.nextIndex(n) }
            trees.append(RegressionTree.grow(columns: columns, y: y, sample: sample, options: options))
        }
        self.trees = trees
        self.dimension = d
    }

    /// The forest's prediction at `point` (mean of the trees).
    public func predict(_ point: [Double]) -> Double {
        var s = 0.0
        for t in trees { s += t.predict(point) }
        return s / Double(trees.count)
    }
}

/// One binary regression tree: axis-aligned splits `x[feature] <= threshold` (left) and constant
/// leaves.
public struct RegressionTree: Sendable {
    /// Split feature of each node, or -1 for a leaf.
    public internal(set) var feature: [Int32] = []
    /// Split threshold of each node (unused for leaves).
    public internal(set) var threshold: [Double] = []
    /// Left child of each node (unused for leaves).
    public internal(set) var left: [Int32] = []
    /// Right child of each node (unused for leaves).
    public internal(set) var right: [Int32] = []
    /// Mean target of the samples in each node (the prediction at leaves).
    public internal(set) var value: [Double] = []

    /// Number of nodes (node 0 is the root).
    public var nodeCount: Int { feature.count }

    /// The leaf value reached by `point`.
    public func predict(_ point: [Double]) -> Double {
        var node = 0
        while feature[node] >= 0 {
            node = Int(point[Int(feature[node])] <= threshold[node] ? left[node] : right[node])
        }
        return value[node]
    }

    /// A leaf and the box of the unit cube (`lower[j] ..< upper[j]` per feature) it covers.
    public struct Leaf: Sendable {
        /// The leaf's prediction.
        public var value: Double
        /// Lower corner of the box, per feature.
        public var lower: [Double]
        /// Upper corner of the box, per feature.
        public var upper: [Double]
    }

    /// The leaves with the boxes they cover inside `[lower, upper]` (by default the unit cube).
    /// Thresholds outside the box clip to it, so the boxes partition it.
    public func leaves(lower: [Double]? = nil, upper: [Double]? = nil, dimension: Int) -> [Leaf] {
        var out: [Leaf] = []
        var stack: [(Int, [Double], [Double])] = [
            (0, lower ?? [Double](repeating: 0, count: dimension), upper ?? [Double](repeating: 1, count: dimension)),
        ]
        while let (node, lo, hi) = stack.popLast() {
            let f = Int(feature[node])
            if f < 0 {
                out.append(Leaf(value: value[node], lower: lo, upper: hi))
                continue
            }
            let t = min(max(threshold[node], lo[f]), hi[f])
            var leftHi = hi, rightLo = lo
            leftHi[f] = t
            rightLo[f] = t
            stack.append((Int(right[node]), rightLo, hi))
            stack.append((Int(left[node]), lo, leftHi))
        }
        return out
    }

    /// Grows a tree on the bootstrap `sample` (indices into the columns).
    static func grow(columns: [[Double]], y: [Double], sample: [Int], options: RegressionForest.Options) -> RegressionTree {
        let d = columns.count
        let m = sample.count
        // Sample-position-based data: position p holds row sample[p].
        let ys = sample.map { y[$0] }
        let xs: [[Double]] = columns.map { col in sample.map { col[$0] } }
        // orders[j][lo..<hi] lists the node's positions sorted by feature j.
        var orders: [[Int32]] = xs.map { col in
            (0..<Int32(m)).sorted { col[Int($0)] < col[Int($1)] || (col[Int($0)] == col[Int($1)] && $0 < $1) }
        }
        var goesLeft = [Bool](repeating: false, count: m)
        var scratch = [Int32](repeating: 0, count: m)
        var tree = RegressionTree()
        let minLeaf = options.minSamplesLeaf

        func addNode(mean: Double) -> Int {
            tree.feature.append(-1)
            tree.threshold.append(0)
            tree.left.append(-1)
            tree.right.append(-1)
            tree.value.append(mean)
            return tree.feature.count - 1
        }

        // Work list: (node, lo, hi, depth).
        var sumAll = 0.0
        for v in ys { sumAll += v }
        var work: [(Int, Int, Int, Int)] = [(addNode(mean: sumAll / Double(m)), 0, m, 0)]
        while let (node, lo, hi, depth) = work.popLast() {
            let count = hi - lo
            if depth >= options.maxDepth || count < 2 * minLeaf { continue }
            var total = 0.0
            var yMin = Double.infinity, yMax = -Double.infinity
            for k in lo..<hi {
                let v = ys[Int(orders[0][k])]
                total += v
                yMin = min(yMin, v)
                yMax = max(yMax, v)
            }
            if yMax - yMin <= 1e-12 * max(1, abs(yMax)) { continue }
            // Best split: maximise sumL²/nL + sumR²/nR.
            var bestScore = total * total / Double(count) * (1 + 1e-12) + 1e-300
            var bestFeature = -1
            var bestThreshold = 0.0
            var bestLeftCount = 0
            for j in 0..<d {
                let col = xs[j]
                let order = orders[j]
                if col[Int(order[lo])] == col[Int(order[hi - 1])] { continue }
                var sumL = 0.0
                for k in lo..<(hi - 1) {
                    let p = Int(order[k])
                    sumL += ys[p]
                    let nL = k - lo + 1
                    let a = col[p], b = col[Int(order[k + 1])]
                    if a == b || nL < minLeaf || count - nL < minLeaf { continue }
                    let sumR = total - sumL
                    let score = sumL * sumL / Double(nL) + sumR * sumR / Double(count - nL)
                    if score > bestScore {
                        bestScore = score
                        bestFeature = j
                        bestThreshold = a + (b - a) / 2
                        bestLeftCount = nL
                    }
                }
            }
            if bestFeature < 0 { continue }
            // Partition every feature's order stably by the split.
            let splitCol = xs[bestFeature]
            for k in lo..<hi {
                let p = Int(orders[0][k])
                goesLeft[p] = splitCol[p] <= bestThreshold
            }
            for j in 0..<d {
                var l = lo, r = 0
                for k in lo..<hi {
                    let p = orders[j][k]
                    if goesLeft[Int(p)] { orders[j][l] = p; l += 1 } else { scratch[r] = p; r += 1 }
                }
                for k in 0..<r { orders[j][l + k] = scratch[k] }
            }
            let mid = lo + bestLeftCount
            var sumL = 0.0
            for k in lo..<mid { sumL += ys[Int(orders[0][k])] }
            let leftNode = addNode(mean: sumL / Double(bestLeftCount))
            let rightNode = addNode(mean: (total - sumL) / Double(count - bestLeftCount))
            tree.feature[node] = Int32(bestFeature)
            tree.threshold[node] = bestThreshold
            tree.left[node] = Int32(leftNode)
            tree.right[node] = Int32(rightNode)
            work.append((rightNode, mid, hi, depth + 1))
            work.append((leftNode, lo, mid, depth + 1))
        }
        return tree
    }
}
