import Foundation
import SweepMath

/// The kernel density ("Parzen estimator") TPE fits to one side of its split, over one group of
/// parameters (Watanabe 2023, "Tree-structured Parzen estimator: understanding its algorithm
/// components", §3; the rules of Optuna 5's `_ParzenEstimator`).
///
/// A mixture of product kernels, one per observation plus one prior kernel:
/// - numerical dimensions: normals truncated to the range (cell-integrated on grids, in log space for
///   log-scaled parameters, see ``TPEDimension``), centred on the observation; the prior kernel sits
///   at the middle of the range with σ = its width (`high − low + step`);
/// - bandwidth (Optuna 5, per dimension): the larger distance to the neighbouring observations, the
///   range ends counting as neighbours; unless `considerEndpoints`, the lowest and highest kernels take
///   their inner distance. With `scottBandwidth` instead every kernel gets Optuna ≤ 4's multivariate
///   `σ = 0.2 · max(n, 1)^(−1/(d+4)) · width` (d = dimensions of the group);
/// - "magic clip": σ clipped into `[width / min(100, n + 2), width]` (n + 1 kernels counting the prior;
///   in general `width · max(minBandwidthFactor, 1/(n + 2)^magicClipExponent)`, Watanabe 2023 §3.4);
///   without it only the upper clip applies;
/// - categorical dimensions: kernel k puts `priorWeight/(n+1)` on every choice plus 1 on its own,
///   normalised; the prior kernel is uniform;
/// - mixture weights: Optuna's `default_weights` over the observations in trial order (all 1 below
///   25 observations; above, a ramp from 1/n to 1 for the oldest n − 25 and 1 for the newest 25),
///   then `priorWeight` for the prior kernel, normalised to sum 1.
public struct ParzenEstimator: Sendable {
    /// Settings shared by both estimators of a split.
    public struct Parameters: Sendable, Hashable {
        public var priorWeight: Double = 1
        public var considerMagicClip = true
        public var considerEndpoints = false
        public var scottBandwidth = false
        /// Floor of the magic clip as a share of the range (Optuna: 0.01).
        public var minBandwidthFactor = 0.01
        /// Exponent α of the magic clip's `1 / (n + 2)^α` (Optuna: 1).
        public var magicClipExponent = 1.0
        public init() {}
    }

    public let dimensions: [TPEDimension]
    /// Number of kernels (observations + 1 prior kernel).
    public let componentCount: Int
    /// Normalised mixture weights, one per kernel (the prior kernel last).
    public let weights: [Double]
    /// Kernel centres in kernel space, `mus[k * d + j]` (categoricals: unused).
    let mus: [Double]
    /// Kernel bandwidths, `sigmas[k * d + j]` (categoricals: unused).
    let sigmas: [Double]
    /// The centres again, one dimension after another (`musByDimension[j * componentCount + k]`), and
    /// the inverse bandwidths in the same layout: ``logDensity(_:)`` runs over all kernels at once.
    let musByDimension: [Double]
    let inverseByDimension: [Double]
    /// Per kernel: log weight minus the Gaussian and truncation normalisers of its numerical dims.
    let logConstants: [Double]
    /// Categorical kernel log-probabilities, `categoricalLogP[j][k * count + c]`.
    let categoricalLogP: [[Double]]

    /// Optuna's `default_weights(n)`.
    public static func defaultWeights(_ n: Int) -> [Double] {
        if n < 25 { return [Double](repeating: 1, count: n) }
        let ramp = n - 25
        var w = [Double](repeating: 1, count: n)
        for i in 0..<ramp {
            // numpy linspace(1/n, 1, ramp): first 1/n, last 1.
            w[i] = ramp == 1 ? 1 / Double(n) : 1 / Double(n) + (1 - 1 / Double(n)) * Double(i) / Double(ramp - 1)
        }
        return w
    }

    /// Builds the estimator over `observations` (rows of internal coordinates, oldest first).
    public init(observations: [[Double]], dimensions: [TPEDimension], parameters: Parameters) {
        self.init(rows: observations.flatMap { $0 }, count: observations.count, dimensions: dimensions, parameters: parameters)
    }

    /// The same from `count` rows stored one after another in `rows` (`rows[i * d + j]`).
    /// `observationWeights` (`count` positive numbers) replace ``defaultWeights(_:)``; the prior
    /// kernel then weighs `priorWeight` times their mean (one average observation at weight 1).
    public init(rows: [Double], count n: Int, dimensions: [TPEDimension], parameters: Parameters,
                observationWeights: [Double]? = nil) {
        let d = dimensions.count
        let k = n + 1
        self.dimensions = dimensions
        self.componentCount = k
        var w: [Double]
        if let given = observationWeights, given.count == n, n > 0 {
            w = given
            w.append(parameters.priorWeight * given.reduce(0, +) / Double(n))
        } else {
            w = ParzenEstimator.defaultWeights(n)
            w.append(parameters.priorWeight)
        }
        let total = w.reduce(0, +)
        weights = w.map { $0 / total }

        var mus = [Double](repeating: 0, count: k * d)
        var sigmas = [Double](repeating: 1, count: k * d)
        var logC = weights.map { log($0) }
        var catLogP = [[Double]](repeating: [], count: d)
        for (j, dim) in dimensions.enumerated() {
            let column = (0..<n).map { rows[$0 * d + j] }
            if case let .categorical(count) = dim.kind {
                var table = [Double](repeating: 0, count: k * count)
                let base = parameters.priorWeight / Double(k)
                for c in 0..<k {
                    let own = c < n ? Int(column[c]) : -1
                    let rowSum = base * Double(count) + (own >= 0 ? 1 : 0)
                    for v in 0..<count { table[c * count + v] = log((base + (v == own ? 1 : 0)) / rowSum) }
                }
                catLogP[j] = table
                continue
            }
            let (lo, hi) = dim.kernelRange
            let centres = column.map { dim.kernelCoordinate($0) }
            let s = ParzenEstimator.bandwidths(centres, low: lo, high: hi, dimension: d, parameters: parameters)
            let isContinuous: Bool
            if case .continuous = dim.kind { isContinuous = true } else { isContinuous = false }
            var lastSigma = Double.nan, lastLogSigma = Double.nan  // many widths are the clipped minimum
            for c in 0..<k {
                let mu = c < n ? centres[c] : 0.5 * (lo + hi)
                let sigma = c < n ? s[c] : hi - lo
                mus[c * d + j] = mu
                sigmas[c * d + j] = sigma
                logC[c] -= ParzenEstimator.logGaussMass((lo - mu) / sigma, (hi - mu) / sigma)
                if isContinuous {
                    if sigma != lastSigma { (lastSigma, lastLogSigma) = (sigma, log(sigma)) }
                    logC[c] -= lastLogSigma + 0.9189385332046727
                }
            }
        }
        self.mus = mus
        self.sigmas = sigmas
        var musT = [Double](repeating: 0, count: k * d), inverseT = [Double](repeating: 1, count: k * d)
        for c in 0..<k {
            for j in 0..<d {
                musT[j * k + c] = mus[c * d + j]
                inverseT[j * k + c] = 1 / sigmas[c * d + j]
            }
        }
        self.musByDimension = musT
        self.inverseByDimension = inverseT
        self.logConstants = logC
        self.categoricalLogP = catLogP
    }

    /// Bandwidths of the observation kernels of one numerical dimension, in kernel space where the
    /// (step-extended) range is `[low, high]` (see the type's notes).
    static func bandwidths(_ xs: [Double], low: Double, high: Double, dimension: Int, parameters: Parameters) -> [Double] {
        let n = xs.count
        let width = high - low
        var sigmas: [Double]
        if parameters.scottBandwidth {
            let s = 0.2 * pow(Double(max(n, 1)), -1.0 / Double(dimension + 4)) * width
            sigmas = [Double](repeating: s, count: n)
        } else {
            // Observation order by value (ties: by index), then the values in that order.
            let order = IncreasingOrder.order(xs)
            var ends = [Double](repeating: low, count: n + 2)
            for (rank, i) in order.enumerated() { ends[rank + 1] = xs[i] }
            ends[n + 1] = high
            var sorted = [Double](repeating: 0, count: n)
            for i in 1..<(ends.count - 1) {
                let left: Double = ends[i] - ends[i - 1]
                let right: Double = ends[i + 1] - ends[i]
                sorted[i - 1] = max(left, right)
            }
            if !parameters.considerEndpoints && ends.count >= 4 {
                sorted[0] = ends[2] - ends[1]
                sorted[sorted.count - 1] = ends[ends.count - 2] - ends[ends.count - 3]
            }
            sigmas = [Double](repeating: 0, count: n)
            for (rank, i) in order.enumerated() { sigmas[i] = sorted[rank] }
        }
        // width · max(factor, 1/(n+2)^α), written as Optuna's `width / min(100, n + 2)` at the defaults.
        let minSigma = parameters.considerMagicClip
            ? width / min(1 / parameters.minBandwidthFactor, pow(Double(n + 2), parameters.magicClipExponent)) : 1e-12
        return sigmas.map { min(width, max(minSigma, $0)) }
    }

    /// `log(Φ(b) − Φ(a))` for `a ≤ b`, accurate in both tails (−∞ when the mass underflows).
    /// With both ends beyond 9σ the result is taken as 0 (the true value is within 3e-19 of it).
    static func logGaussMass(_ a: Double, _ b: Double) -> Double {
        if a <= -9 && b >= 9 { return 0 }
        if a >= 0 { return logGaussMass(-b, -a) }
        if b <= 0 {
            let lb = NormalDistribution.logCDF(b), la = NormalDistribution.logCDF(a)
            return la < lb ? lb + NormalDistribution.log1mexp(la - lb) : -.infinity
        }
        return log1p(-NormalDistribution.cdf(a) - NormalDistribution.cdf(-b))
    }

    /// `count` draws from the mixture: a kernel by weight, then each dimension from that kernel
    /// (truncated normals by rejection, snapped to the grid for discrete dimensions).
    public func sample<G: RandomNumberGenerator>(_ count: Int, using rng: inout G) -> [[Double]] {
        let d = dimensions.count
        var cumulative = weights
        for i in 1..<cumulative.count { cumulative[i] += cumulative[i - 1] }
        var out: [[Double]] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let u = rng.nextUnit() * (cumulative.last ?? 1)
            let c = min(cumulative.count - 1, cumulative.firstIndex { u < $0 } ?? cumulative.count - 1)
            var x = [Double](repeating: 0, count: d)
            for (j, dim) in dimensions.enumerated() {
                switch dim.kind {
                case let .categorical(n):
                    let table = categoricalLogP[j]
                    var v = rng.nextUnit()
                    var pick = n - 1
                    for choice in 0..<n {
                        v -= exp(table[c * n + choice])
                        if v < 0 { pick = choice; break }
                    }
                    x[j] = Double(pick)
                case let .continuous(low, high):
                    x[j] = ParzenEstimator.truncatedNormal(mus[c * d + j], sigmas[c * d + j], low, high, &rng)
                case let .discrete(low, high, step, log):
                    let (lo, hi) = dim.kernelRange
                    let y = ParzenEstimator.truncatedNormal(mus[c * d + j], sigmas[c * d + j], lo, hi, &rng)
                    let v = log ? exp(y) : y
                    x[j] = min(high, max(low, low + ((v - low) / step).rounded() * step))
                }
            }
            out.append(x)
        }
        return out
    }

    /// A normal(μ, σ) draw conditioned on `[lo, hi]` (rejection: μ lies in the range and σ ≤ its
    /// width, so each try succeeds with probability > 1/3; after 64 misses a uniform draw).
    static func truncatedNormal<G: RandomNumberGenerator>(_ mu: Double, _ sigma: Double, _ lo: Double, _ hi: Double,
                                                          _ rng: inout G) -> Double {
        for _ in 0..<64 {
            let y = mu + sigma * rng.nextNormal()
            if y >= lo && y <= hi { return y }
        }
        return rng.nextUniform(lo, hi)
    }

    /// Log density of the mixture at each row of `xs` (internal coordinates; discrete dimensions
    /// give the log probability of the grid cell, so log "densities" mix measures exactly as Optuna's).
    ///
    /// Per point, every kernel's log term is built as `logConstant − ½·Σ z²` (continuous dimensions
    /// in order) `+ Σ log cell mass` (discrete) `+ Σ log P(choice)` (categorical), then the terms are
    /// combined as `m + log Σ exp(term − m)` in kernel order: the same operations in the same order as
    /// kernel-by-kernel evaluation, run one dimension at a time over all kernels (contiguous, so the
    /// compiler vectorises it); the results are bit-identical to it.
    public func logDensity(_ xs: [[Double]]) -> [Double] {
        let k = componentCount
        var continuous: [Int] = [], discrete: [(j: Int, step: Double)] = [], categorical: [(j: Int, n: Int)] = []
        for (j, dim) in dimensions.enumerated() {
            switch dim.kind {
            case .continuous: continuous.append(j)
            case let .discrete(_, _, step, _): discrete.append((j, step))
            case let .categorical(n): categorical.append((j, n))
            }
        }
        var q = [Double](repeating: 0, count: k)
        var terms = [Double](repeating: 0, count: k)
        return xs.map { x in
            musByDimension.withUnsafeBufferPointer { mu in
                inverseByDimension.withUnsafeBufferPointer { inv in
                    logConstants.withUnsafeBufferPointer { constant in
                        q.withUnsafeMutableBufferPointer { q in
                            terms.withUnsafeMutableBufferPointer { s in
                                for c in 0..<k { q[c] = 0 }
                                for j in continuous {
                                    let xj = x[j], base = j * k
                                    for c in 0..<k {
                                        let z = (xj - mu[base + c]) * inv[base + c]
                                        q[c] += z * z
                                    }
                                }
                                for c in 0..<k { s[c] = constant[c] - 0.5 * q[c] }
                                for e in discrete {
                                    // Cell edges in kernel space.
                                    let lo = dimensions[e.j].kernelCoordinate(x[e.j] - e.step / 2)
                                    let hi = dimensions[e.j].kernelCoordinate(x[e.j] + e.step / 2)
                                    let base = e.j * k
                                    for c in 0..<k {
                                        let m = mu[base + c], i = inv[base + c]
                                        s[c] += ParzenEstimator.logGaussMass((lo - m) * i, (hi - m) * i)
                                    }
                                }
                                for e in categorical {
                                    let v = Int(x[e.j])
                                    categoricalLogP[e.j].withUnsafeBufferPointer { table in
                                        for c in 0..<k { s[c] += table[c * e.n + v] }
                                    }
                                }
                                let m = s.max() ?? -.infinity
                                guard m.isFinite else { return m }
                                var sum = 0.0
                                for t in s where t > m - 745 { sum += exp(t - m) }  // below, exp underflows to 0 (slowly)
                                return m + log(sum)
                            }
                        }
                    }
                }
            }
        }
    }
}
