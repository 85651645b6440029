import Foundation

/// Bound-constrained limited-memory BFGS (L-BFGS-B, Byrd, Lu, Nocedal & Zhu 1995, with the
/// projection step of Morales & Nocedal 2011) for small problems (n ≲ 100).
///
/// Each iteration
/// 1. builds the BFGS matrix `B` from `θ·I` and the last ``Options/memory`` pairs `(s, y)` (dense:
///    `B` is n × n, which is cheaper than the compact form at the sizes Sweep uses: GP
///    hyperparameters n ≤ 25, acquisition inputs n ≤ ~50);
/// 2. finds the **generalized Cauchy point**: the first local minimiser of the quadratic model along
///    the projected steepest-descent path `P(x − t·g)`, walking its breakpoints in order;
/// 3. **subspace minimisation**: minimises the model over the variables still free at the Cauchy
///    point (Cholesky of `B_FF`), projects onto the box and falls back to the Cauchy point when the
///    projected step is not a descent direction;
/// 4. a **line search** along `x̂ − x` capped at the largest feasible step, satisfying the strong Wolfe
///    conditions (`c1 = 1e-3`, `c2 = 0.9`, bracketing + safeguarded cubic zoom, as in Nocedal &
///    Wright Alg. 3.5/3.6);
/// 5. keeps the pair only when `sᵀy > ε·yᵀy` (so `B` stays positive definite).
///
/// Stops when the projected gradient `‖P(x − g) − x‖∞ ≤ pgtol`, when the relative decrease
/// `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ factr·ε_mach`, or at the iteration/evaluation
/// limits. A failed line search first resets the memory (steepest descent); a second consecutive
/// failure stops with ``Status/lineSearchFailed`` — the best point seen is always returned, so
/// nonsmooth or flat objectives end gracefully. Non-finite objective values are treated as +∞
/// (the line search backs off).
public struct LBFGSB: Sendable {
    /// Tuning knobs, with scipy's `fmin_l_bfgs_b` defaults unless stated.
    public struct Options: Sendable, Hashable {
        /// Number of correction pairs kept (scipy: 10).
        public var memory: Int = 10
        /// Projected-gradient tolerance (∞-norm) for convergence (scipy: 1e-5).
        public var pgtol: Double = 1e-5
        /// Relative-reduction tolerance in units of machine epsilon (scipy: 1e7, "moderate accuracy").
        public var factr: Double = 1e7
        /// Maximum number of iterations.
        public var maxIterations: Int = 200
        /// Maximum number of objective evaluations (including line-search trials).
        public var maxEvaluations: Int = 400
        /// Maximum trial steps per line search.
        public var maxLineSearchSteps: Int = 20

        public init(memory: Int = 10, pgtol: Double = 1e-5, factr: Double = 1e7, maxIterations: Int = 200,
                    maxEvaluations: Int = 400, maxLineSearchSteps: Int = 20) {
            self.memory = memory
            self.pgtol = pgtol
            self.factr = factr
            self.maxIterations = maxIterations
            self.maxEvaluations = maxEvaluations
            self.maxLineSearchSteps = maxLineSearchSteps
        }
    }

    /// Why the iteration stopped.
    public enum Status: String, Sendable, Hashable {
        /// Projected gradient below `pgtol`.
        case projectedGradientConverged
        /// Relative function decrease below `factr·ε`.
        case functionConverged
        /// Iteration limit reached.
        case maxIterations
        /// Evaluation limit reached.
        case maxEvaluations
        /// The line search failed twice in a row (e.g. nonsmooth or noisy objective); `x` is the best point seen.
        case lineSearchFailed
    }

    /// The outcome of ``minimize(_:from:lower:upper:)``.
    public struct Result: Sendable {
        /// Best point found (always inside the box).
        public var x: [Double]
        /// Objective at ``x``.
        public var value: Double
        /// Gradient at ``x``.
        public var gradient: [Double]
        /// Iterations performed.
        public var iterations: Int
        /// Objective evaluations performed.
        public var evaluations: Int
        /// Stopping reason.
        public var status: Status
    }

    /// Errors in the problem statement.
    public enum Error: Swift.Error, CustomStringConvertible, Equatable, Sendable {
        /// `lower`, `upper` and `x0` have different lengths.
        case dimensionMismatch(x: Int, lower: Int, upper: Int)
        /// A lower bound exceeds its upper bound, or a bound is NaN.
        case invalidBounds(index: Int, lower: Double, upper: Double)

        public var description: String {
            switch self {
            case let .dimensionMismatch(x, lower, upper):
                return "L-BFGS-B: x0 has \(x) elements but lower has \(lower) and upper \(upper); give one bound per variable"
            case let .invalidBounds(i, lower, upper):
                return "L-BFGS-B: bounds of variable \(i) are [\(lower), \(upper)]; need lower ≤ upper (use ±infinity for none)"
            }
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Minimises `f` over the box `lower ≤ x ≤ upper` (use `±.infinity` for unbounded variables).
    ///
    /// - Parameters:
    ///   - f: returns f(x) and writes ∇f(x) into its second argument (already sized n).
    ///   - x0: starting point (projected into the box first).
    /// - Throws: ``Error`` for inconsistent bounds.
    public func minimize(
        _ f: (_ x: [Double], _ gradient: inout [Double]) -> Double,
        from x0: [Double], lower: [Double], upper: [Double]
    ) throws -> Result {
        let n = x0.count
        guard lower.count == n, upper.count == n else {
            throw Error.dimensionMismatch(x: n, lower: lower.count, upper: upper.count)
        }
        for i in 0..<n where !(lower[i] <= upper[i]) {
            throw Error.invalidBounds(index: i, lower: lower[i], upper: upper[i])
        }
        var state = State(n: n, lower: lower, upper: upper, options: options)
        return state.run(f, x0: x0)
    }
}

// MARK: - Implementation

extension LBFGSB {
    struct State {
        let n: Int
        let lower: [Double]
        let upper: [Double]
        let options: Options
        var sPairs: [[Double]] = []
        var yPairs: [[Double]] = []
        var evaluations = 0
        // Dense model matrix and scratch.
        var b: [Double]
        var bd: [Double]
        var bz: [Double]

        init(n: Int, lower: [Double], upper: [Double], options: Options) {
            self.n = n
            self.lower = lower
            self.upper = upper
            self.options = options
            b = [Double](repeating: 0, count: n * n)
            bd = [Double](repeating: 0, count: n)
            bz = [Double](repeating: 0, count: n)
        }

        func project(_ x: inout [Double]) {
            for i in 0..<n { x[i] = min(upper[i], max(lower[i], x[i])) }
        }

        func projectedGradientNorm(_ x: [Double], _ g: [Double]) -> Double {
            var m = 0.0
            for i in 0..<n {
                let p = min(upper[i], max(lower[i], x[i] - g[i])) - x[i]
                m = max(m, abs(p))
            }
            return m
        }

        mutating func evaluate(_ f: (_ x: [Double], _ g: inout [Double]) -> Double, _ x: [Double], _ g: inout [Double]) -> Double {
            evaluations += 1
            let v = f(x, &g)
            if !v.isFinite || !g.allSatisfy({ $0.isFinite }) { return .infinity }
            return v
        }

        /// B = θI + Σ BFGS updates with the stored pairs, oldest first.
        mutating func buildB() {
            for i in 0..<(n * n) { b[i] = 0 }
            var theta = 1.0
            if let s = sPairs.last, let y = yPairs.last {
                theta = dotp(y, y) / dotp(s, y)
            }
            for i in 0..<n { b[i * n + i] = theta }
            var bs = [Double](repeating: 0, count: n)
            for (s, y) in zip(sPairs, yPairs) {
                mulB(s, into: &bs)
                let sbs = dotp(s, bs), ys = dotp(y, s)
                guard sbs > 0, ys > 0 else { continue }
                for i in 0..<n {
                    let yi = y[i] / ys, bi = bs[i] / sbs
                    for j in 0..<n { b[i * n + j] += yi * y[j] - bi * bs[j] }
                }
            }
        }

        func mulB(_ v: [Double], into out: inout [Double]) {
            for i in 0..<n {
                var acc = 0.0
                for j in 0..<n { acc += b[i * n + j] * v[j] }
                out[i] = acc
            }
        }

        func dotp(_ a: [Double], _ c: [Double]) -> Double {
            var s = 0.0
            for i in 0..<a.count { s += a[i] * c[i] }
            return s
        }

        struct Point { var t: Double; var f: Double; var dphi: Double; var x: [Double]; var g: [Double] }

        /// Strong-Wolfe line search along d from (x, f0, g0); nil when no acceptable step was found.
        mutating func lineSearch(
            _ f: (_ x: [Double], _ g: inout [Double]) -> Double,
            x: [Double], f0: Double, g0: [Double], d: [Double], initial: Double, stpmax: Double
        ) -> Point? {
            let c1 = 1e-3, c2 = 0.9
            let dphi0 = dotp(g0, d)
            guard dphi0 < 0 else { return nil }
            var g = [Double](repeating: 0, count: n)
            func trial(_ t: Double) -> Point {
                var xt = x
                for i in 0..<n { xt[i] = x[i] + t * d[i] }
                project(&xt)
                let v = evaluate(f, xt, &g)
                return Point(t: t, f: v, dphi: v.isFinite ? dotp(g, d) : .nan, x: xt, g: g)
            }
            func armijo(_ p: Point) -> Bool { p.f.isFinite && p.f <= f0 + c1 * p.t * dphi0 }
            var best: Point? = nil
            func consider(_ p: Point) { if armijo(p), p.f < (best?.f ?? .infinity) { best = p } }

            var prev = Point(t: 0, f: f0, dphi: dphi0, x: x, g: g0)
            var t = min(initial, stpmax)
            var lo: Point, hi: Point
            var steps = 0
            while true {
                if evaluations >= options.maxEvaluations || steps >= options.maxLineSearchSteps { return best }
                let p = trial(t)
                steps += 1
                consider(p)
                if !armijo(p) || (steps > 1 && p.f >= prev.f) { lo = prev; hi = p; break }
                if abs(p.dphi) <= -c2 * dphi0 { return p }
                if p.dphi >= 0 { lo = p; hi = prev; break }
                if t >= stpmax { return p }  // at the box: sufficient decrease holds, cannot go further
                prev = p
                t = min(stpmax, t * 4)
            }
            // Zoom between lo (satisfies Armijo, lowest so far) and hi.
            while true {
                if evaluations >= options.maxEvaluations || steps >= options.maxLineSearchSteps { return best }
                let width = abs(hi.t - lo.t)
                if width <= 1e-12 * max(1, abs(lo.t)) { return best }
                var tn = LBFGSB.cubicMinimizer(lo, hi)
                let a = min(lo.t, hi.t), c = max(lo.t, hi.t)
                if !(tn.isFinite) || tn < a + 0.1 * width || tn > c - 0.1 * width { tn = 0.5 * (lo.t + hi.t) }
                let p = trial(tn)
                steps += 1
                consider(p)
                if !armijo(p) || p.f >= lo.f {
                    hi = p
                } else {
                    if abs(p.dphi) <= -c2 * dphi0 { return p }
                    if p.dphi * (hi.t - lo.t) >= 0 { hi = lo }
                    lo = p
                }
            }
        }

        mutating func run(_ f: (_ x: [Double], _ g: inout [Double]) -> Double, x0: [Double]) -> Result {
            var x = x0
            project(&x)
            var g = [Double](repeating: 0, count: n)
            var fx = evaluate(f, x, &g)
            var iterations = 0
            if !fx.isFinite {
                return Result(x: x, value: fx, gradient: g, iterations: 0, evaluations: evaluations, status: .lineSearchFailed)
            }
            var failures = 0
            while true {
                if projectedGradientNorm(x, g) <= options.pgtol {
                    return Result(x: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations, status: .projectedGradientConverged)
                }
                if iterations >= options.maxIterations {
                    return Result(x: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations, status: .maxIterations)
                }
                if evaluations >= options.maxEvaluations {
                    return Result(x: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations, status: .maxEvaluations)
                }
                buildB()
                let xc = cauchyPoint(x: x, g: g)
                let target = subspaceStep(x: x, g: g, xc: xc)
                var d = [Double](repeating: 0, count: n)
                var dnorm = 0.0
                for i in 0..<n { d[i] = target[i] - x[i]; dnorm += d[i] * d[i] }
                dnorm = dnorm.squareRoot()
                // Largest feasible step along d (≥ 1 because target is feasible).
                var stpmax = Double.infinity
                for i in 0..<n {
                    if d[i] > 0 && upper[i].isFinite { stpmax = min(stpmax, (upper[i] - x[i]) / d[i]) }
                    if d[i] < 0 && lower[i].isFinite { stpmax = min(stpmax, (lower[i] - x[i]) / d[i]) }
                }
                let boxed = lower.allSatisfy(\.isFinite) && upper.allSatisfy(\.isFinite)
                if sPairs.isEmpty { stpmax = min(stpmax, 1) }
                let initial = (sPairs.isEmpty && !boxed && dnorm > 0) ? min(1 / dnorm, stpmax) : min(1, stpmax)
                guard dnorm > 0, let p = lineSearch(f, x: x, f0: fx, g0: g, d: d, initial: initial, stpmax: max(stpmax, 1e-300)) else {
                    failures += 1
                    if failures >= 2 || sPairs.isEmpty {
                        let status: Status = evaluations >= options.maxEvaluations ? .maxEvaluations : .lineSearchFailed
                        return Result(x: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations, status: status)
                    }
                    sPairs.removeAll(); yPairs.removeAll()
                    continue
                }
                failures = 0
                iterations += 1
                var s = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
                for i in 0..<n { s[i] = p.x[i] - x[i]; y[i] = p.g[i] - g[i] }
                let fOld = fx
                x = p.x; g = p.g; fx = p.f
                let sy = dotp(s, y), yy = dotp(y, y)
                if sy > 2.2e-16 * yy && sy > 0 {
                    sPairs.append(s); yPairs.append(y)
                    if sPairs.count > options.memory { sPairs.removeFirst(); yPairs.removeFirst() }
                }
                if (fOld - fx) <= options.factr * Double.ulpOfOne * max(abs(fOld), abs(fx), 1) {
                    return Result(x: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations, status: .functionConverged)
                }
            }
        }
    }

    /// Minimiser of the cubic interpolating f and f' at two points (nan when undefined).
    static func cubicMinimizer(_ a: State.Point, _ b: State.Point) -> Double {
        guard a.f.isFinite, b.f.isFinite, a.dphi.isFinite, b.dphi.isFinite else { return .nan }
        let d1 = a.dphi + b.dphi - 3 * (a.f - b.f) / (a.t - b.t)
        let disc = d1 * d1 - a.dphi * b.dphi
        guard disc >= 0 else { return .nan }
        let d2 = (b.t > a.t ? 1.0 : -1.0) * disc.squareRoot()
        return b.t - (b.t - a.t) * (b.dphi + d2 - d1) / (b.dphi - a.dphi + 2 * d2)
    }

    /// In-place lower Cholesky of a small dense row-major matrix; false when not positive definite.
    static func choleskySmall(_ a: inout [Double], _ m: Int) -> Bool {
        for j in 0..<m {
            var s = a[j * m + j]
            for k in 0..<j { s -= a[j * m + k] * a[j * m + k] }
            guard s > 0, s.isFinite else { return false }
            let ljj = s.squareRoot()
            a[j * m + j] = ljj
            for i in (j + 1)..<max(m, j + 1) {
                var t = a[i * m + j]
                for k in 0..<j { t -= a[i * m + k] * a[j * m + k] }
                a[i * m + j] = t / ljj
            }
        }
        return true
    }

    /// Solves (L Lᵀ) x = rhs in place with the factor from ``choleskySmall(_:_:)``.
    static func choleskySolveSmall(_ l: [Double], _ m: Int, _ rhs: inout [Double]) {
        for i in 0..<m {
            var s = rhs[i]
            for k in 0..<i { s -= l[i * m + k] * rhs[k] }
            rhs[i] = s / l[i * m + i]
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            var s = rhs[i]
            for k in (i + 1)..<max(m, i + 1) { s -= l[k * m + i] * rhs[k] }
            rhs[i] = s / l[i * m + i]
        }
    }
}
