import SweepMath

/// How much of the objective's variation each hyperparameter explains: **fANOVA main effects**
/// (Hutter, Hoos & Leyton-Brown, "An Efficient Approach for Assessing Hyperparameter Importance",
/// ICML 2014) of a random-forest surrogate.
///
/// Method:
/// 1. A ``RegressionForest`` (32 trees by default) is fitted to the complete trials with a finite value,
///    each encoded in the unit cube by ``SearchSpace/encode(_:in:)`` (log parameters in log space,
///    ints, steps and categories as equal-width bins). Above ``Options/maxTrials`` trials a seeded
///    random subset is used.
/// 2. For each tree, the variance of its prediction over the uniform cube is decomposed exactly (trees
///    are piecewise constant on boxes): the main effect of parameter j is the variance of the tree's
///    marginal `f_j(x_j) = E[f | x_j]`, and its importance is that variance divided by the tree's total
///    variance.
/// 3. The importance of a parameter is the mean of those fractions over the trees; ``Entry/spread`` is
///    their standard deviation. Fractions lie in [0, 1]; their sum is at most 1, and `1 − sum` is the
///    share of interactions between parameters.
///
/// Conditional parameters: where a parameter is inactive, its coordinate takes an extra "inactive" bin
/// `[0, w)` of width `w` = the fraction of used trials in which it is inactive, and active values map to
/// `[w, 1]`. Its importance therefore includes the effect of being switched on or off.
///
/// Deterministic: the same trials, space and seed give the same numbers.
public struct ParameterImportance: Sendable, Equatable {
    /// Method settings.
    public struct Options: Sendable, Equatable {
        /// Trees in the forest.
        public var trees: Int
        /// At most this many trials are used (a seeded random subset above it).
        public var maxTrials: Int
        /// Fewer complete trials than this is an error.
        public var minTrials: Int
        /// Seed of the subset and of the forest's bootstrap samples.
        public var seed: UInt64

        public init(trees: Int = 32, maxTrials: Int = 2000, minTrials: Int = 5, seed: UInt64 = 0) {
            self.trees = trees
            self.maxTrials = maxTrials
            self.minTrials = minTrials
            self.seed = seed
        }
    }

    /// The importance of one parameter.
    public struct Entry: Sendable, Equatable {
        /// Parameter name.
        public var name: String
        /// Mean fraction of the surrogate's variance explained by this parameter alone, in [0, 1].
        public var importance: Double
        /// Standard deviation of that fraction over the forest's trees.
        public var spread: Double
        /// Fraction of the used trials in which the parameter was active, in [0, 1].
        public var activeFraction: Double
    }

    /// One entry per parameter of the space, most important first (ties in declaration order).
    public let entries: [Entry]
    /// Number of trials the forest was fitted to.
    public let trialsUsed: Int
    /// Number of complete trials with a finite value.
    public let trialsAvailable: Int
    /// Number of trees in the forest.
    public let trees: Int

    /// Sum of the main effects (≤ 1); the rest of the variance is interactions.
    public var mainEffectTotal: Double { entries.reduce(0) { $0 + $1.importance } }

    /// One-line name of the method, for reports.
    public static let methodName = "fANOVA main effects (Hutter, Hoos & Leyton-Brown 2014) of a random-forest surrogate"

    /// Importance of each parameter of `space` for the objective values of `trials`.
    ///
    /// Only complete trials with a finite value count; parameters a trial lacks (inactive conditional
    /// ones) or holds outside the space's domain count as inactive.
    /// - Throws: ``AnalysisError/notEnoughData(needed:got:what:)`` with fewer than
    ///   ``Options/minTrials`` usable trials or when all their values are equal.
    public static func fanova(space: SearchSpace, trials: [Trial], options: Options = Options()) throws -> ParameterImportance {
        var usable = trials.filter { t in t.state == .complete && (t.value.map { $0.isFinite } ?? false) }
        let available = usable.count
        guard available >= max(2, options.minTrials) else {
            throw AnalysisError.notEnoughData(needed: max(2, options.minTrials), got: available, what: "complete trials for parameter importance")
        }
        if usable.count > options.maxTrials {
            var rng = Xoshiro256StarStar(seed: options.seed, stream: 0x494D_504F_5254, 0)  // "IMPORT"
            for i in 0..<options.maxTrials {
                usable.swapAt(i, i + rng.nextIndex(usable.count - i))
            }
            usable = Array(usable.prefix(options.maxTrials)).sorted { $0.number < $1.number }
        }
        let y = usable.map { $0.value! }
        guard let lo = y.min(), let hi = y.max(), hi > lo else {
            throw AnalysisError.notEnoughData(needed: 2, got: 1, what: "distinct objective values for parameter importance")
        }
        let d = space.dimension
        var x = [[Double]](repeating: [Double](repeating: 0, count: d), count: usable.count)
        var active = [Int](repeating: 0, count: d)
        for (i, t) in usable.enumerated() {
            for (j, p) in space.parameters.enumerated() {
                if let v = t.params[p.name], p.domain.contains(v) {
                    x[i][j] = min(1, max(0, SearchSpace.encode(v, in: p.domain)))
                    active[j] += 1
                } else {
                    x[i][j] = .nan
                }
            }
        }
        // Conditional parameters: an "inactive" bin of width w, active values in [w, 1].
        let n = Double(usable.count)
        for j in 0..<d {
            let w = 1 - Double(active[j]) / n
            guard w > 0 else { continue }
            for i in x.indices {
                x[i][j] = x[i][j].isNaN ? w / 2 : w + (1 - w) * x[i][j]
            }
        }
        let forest = try RegressionForest(
            x: x, y: y, options: .init(trees: options.trees, minSamplesLeaf: 1, maxDepth: 24, seed: options.seed))
        let (mean, spread) = mainEffects(of: forest)
        var entries = space.parameters.enumerated().map { j, p in
            Entry(name: p.name, importance: mean[j], spread: spread[j], activeFraction: Double(active[j]) / n)
        }
        let order = Dictionary(uniqueKeysWithValues: space.parameters.enumerated().map { ($1.name, $0) })
        entries.sort { a, b in a.importance > b.importance || (a.importance == b.importance && order[a.name]! < order[b.name]!) }
        return ParameterImportance(entries: entries, trialsUsed: usable.count, trialsAvailable: available, trees: options.trees)
    }

    /// Per-feature main-effect fractions of a forest over the unit cube: mean and standard deviation
    /// over the trees whose prediction varies (constant trees are skipped; all zeros when every tree is
    /// constant).
    public static func mainEffects(of forest: RegressionForest) -> (mean: [Double], spread: [Double]) {
        let d = forest.dimension
        var sum = [Double](repeating: 0, count: d)
        var sumSq = [Double](repeating: 0, count: d)
        var counted = 0
        for tree in forest.trees {
            let leaves = tree.leaves(dimension: d)
            var mu = 0.0, second = 0.0
            var volumes = [Double](repeating: 0, count: leaves.count)
            for (k, leaf) in leaves.enumerated() {
                var vol = 1.0
                for j in 0..<d { vol *= leaf.upper[j] - leaf.lower[j] }
                volumes[k] = vol
                mu += vol * leaf.value
                second += vol * leaf.value * leaf.value
            }
            let total = second - mu * mu
            guard total > 1e-12 * max(second, 1e-300) else { continue }
            counted += 1
            var events: [(Double, Double)] = []
            events.reserveCapacity(2 * leaves.count)
            for j in 0..<d {
                events.removeAll(keepingCapacity: true)
                for (k, leaf) in leaves.enumerated() {
                    let width = leaf.upper[j] - leaf.lower[j]
                    guard width > 0, volumes[k] > 0 else { continue }
                    let density = leaf.value * volumes[k] / width
                    events.append((leaf.lower[j], density))
                    events.append((leaf.upper[j], -density))
                }
                events.sort { $0.0 < $1.0 }
                // ∫ f_j(x)² dx over [0, 1], f_j piecewise constant between event positions.
                var f = 0.0, position = 0.0, integral = 0.0
                for (at, delta) in events {
                    integral += (at - position) * f * f
                    position = at
                    f += delta
                }
                let fraction = min(1, max(0, (integral - mu * mu) / total))
                sum[j] += fraction
                sumSq[j] += fraction * fraction
            }
        }
        guard counted > 0 else { return ([Double](repeating: 0, count: d), [Double](repeating: 0, count: d)) }
        let c = Double(counted)
        let mean = sum.map { $0 / c }
        let spread = (0..<d).map { j in (max(0, sumSq[j] / c - mean[j] * mean[j])).squareRoot() }
        return (mean, spread)
    }
}
