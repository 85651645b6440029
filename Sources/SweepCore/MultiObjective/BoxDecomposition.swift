/// An axis-aligned box `[lower, upper]` in objective space (bounds may be infinite).
public struct HyperBox: Sendable, Hashable {
    /// Smaller end of each side (may be `−∞`).
    public var lower: [Double]
    /// Larger end of each side (may be `+∞`).
    public var upper: [Double]

    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// Product of the side lengths (`+∞` when a side is unbounded, 0 when a side is empty).
    public var volume: Double {
        zip(lower, upper).reduce(1.0) { $0 * max(0, $1.1 - $1.0) }
    }
}

/// Disjoint decomposition of the box between a lower bound and a reference point into hyper-rectangles
/// dominated by a point set and hyper-rectangles not dominated by it — what hypervolume-based
/// acquisition functions (EHVI, LogEHVI) integrate over, as BoTorch's `NondominatedPartitioning`.
///
/// Built by slicing objectives (the recursion of ``Hypervolume``): along the last objective the range
/// is cut at every point's value; in each slab the cross-section is decomposed recursively with the
/// points below the slab, down to one objective, where the dominated part is `[min, ref]` and the rest
/// is non-dominated. The cells of both lists are pairwise disjoint (they may share faces) and
/// together tile `[lower, reference]`; the dominated cells' volumes sum to the hypervolume.
///
/// Coordinates are in the objectives' own frame: for a minimised objective a cell spans
/// `[lower_k, upper_k]` with the reference as the upper end; for a maximised one the reference is the
/// lower end and the outer bound the upper end. The number of cells is O(N^{M−1}) (BoTorch's
/// algorithm reaches O(N^{⌊M/2⌋})); for M ≤ 4 and the populations Sweep produces this stays small.
public struct BoxDecomposition: Sendable {
    /// Cells dominated by at least one point (their volumes sum to the hypervolume).
    public let dominated: [HyperBox]
    /// Cells dominated by no point, bounded by the reference point and the outer bound.
    public let nondominated: [HyperBox]

    /// Decomposes `[outer, reference]` for `points`.
    ///
    /// - Parameters:
    ///   - outer: the other corner of the box: the best value of each objective that matters (e.g.
    ///     the ideal point), or nil for unbounded (`−∞` for minimised objectives, `+∞` for maximised
    ///     ones, as EHVI needs). Points beyond it are clipped to it.
    /// - Throws: ``MultiObjectiveError`` for wrong lengths, non-finite values, or more than 4 objectives.
    public init(points: [[Double]], reference: [Double], outer: [Double]? = nil, directions: [Direction]) throws {
        let (m, r) = try Hypervolume.prepare(points, reference: reference, directions: directions,
                                             operation: "box decomposition")
        var l = [Double](repeating: -.infinity, count: directions.count)
        if let outer {
            guard outer.count == directions.count else {
                throw MultiObjectiveError.wrongLength(what: "outer bound", index: 0, expected: directions.count, got: outer.count)
            }
            l = zip(outer, directions).map { $1.minimizing($0) }
            for (k, v) in l.enumerated() where v.isNaN || v > r[k] {
                throw MultiObjectiveError.invalidSetting(
                    name: "outer[\(k)]", value: "\(outer[k])", expected: "a value at least as good as the reference \(reference[k])")
            }
        }
        let inside = m.filter { p in zip(p, r).allSatisfy { $0 < $1 } }.map { p in zip(p, l).map { max($0, $1) } }
        var dom: [HyperBox] = [], free: [HyperBox] = []
        BoxDecomposition.split(inside, lower: l, upper: r, dimension: r.count, dominated: &dom, nondominated: &free)
        func back(_ b: HyperBox) -> HyperBox {
            var out = b
            for (k, d) in directions.enumerated() where d == .maximize {
                out.lower[k] = -b.upper[k]
                out.upper[k] = -b.lower[k]
            }
            return out
        }
        dominated = dom.map(back)
        nondominated = free.map(back)
    }

    /// Decomposes the first `d` coordinates of `[lower, upper]`; later coordinates of the emitted boxes
    /// are filled in by the callers (as prefixes are built, suffixes are appended on return).
    private static func split(_ points: [[Double]], lower: [Double], upper: [Double], dimension d: Int,
                              dominated: inout [HyperBox], nondominated: inout [HyperBox]) {
        let k = d - 1
        func emit(_ boxes: inout [HyperBox], from start: Int, low: Double, high: Double) {
            for i in start..<boxes.count {
                boxes[i].lower.append(low)
                boxes[i].upper.append(high)
            }
        }
        if points.isEmpty {
            nondominated.append(HyperBox(lower: Array(lower[0..<d]), upper: Array(upper[0..<d])))
            return
        }
        if d == 1 {
            let best = points.map { $0[0] }.min()!
            dominated.append(HyperBox(lower: [best], upper: [upper[0]]))
            if best > lower[0] { nondominated.append(HyperBox(lower: [lower[0]], upper: [best])) }
            return
        }
        let sorted = points.sorted { $0[k] < $1[k] }
        if sorted[0][k] > lower[k] {
            nondominated.append(HyperBox(lower: Array(lower[0..<d]),
                                         upper: Array(upper[0..<k]) + [sorted[0][k]]))
        }
        var active: [[Double]] = []
        for (i, p) in sorted.enumerated() {
            Hypervolume.insertNondominated(p, into: &active, dimension: k)
            let top = i + 1 < sorted.count ? sorted[i + 1][k] : upper[k]
            guard top > p[k] else { continue }
            let d0 = dominated.count, n0 = nondominated.count
            split(active, lower: lower, upper: upper, dimension: k, dominated: &dominated, nondominated: &nondominated)
            emit(&dominated, from: d0, low: p[k], high: top)
            emit(&nondominated, from: n0, low: p[k], high: top)
        }
    }
}
