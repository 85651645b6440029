import Foundation

/// A standard multi-objective benchmark (all objectives minimised) with a reference point and the
/// maximum hypervolume reachable from it, so multi-objective samplers can be scored end to end
/// (hypervolume regret = ``maxHypervolume`` − hypervolume found).
///
/// - `branincurrin` (Belakaria et al. 2019, as in BoTorch's `BraninCurrin`): x ∈ [0, 1]²; f₀ is Branin
///   on the rescaled point (15x₀ − 5, 15x₁), f₁ is Currin's exponential function
///   `(1 − e^{−1/(2x₁)})·(2300x₀³ + 1900x₀² + 2092x₀ + 60)/(100x₀³ + 500x₀² + 4x₀ + 20)` (= its limit
///   at x₁ = 0). Reference (18, 6); maximum hypervolume 59.36011874867746 (BoTorch's `_max_hv`, from a
///   dense numerical front: the front has no closed form).
/// - `zdt1` (Zitzler, Deb & Thiele 2000), n ≥ 2 inputs in [0, 1]: f₀ = x₀,
///   g = 1 + 9/(n − 1)·Σᵢ₌₁ xᵢ, f₁ = g·(1 − √(f₀/g)). Front: x₁… = 0, f₁ = 1 − √f₀.
///   Reference (11, 11); maximum hypervolume 121 − ∫₀¹(1 − √t)dt = 120 + 2/3.
/// - `dtlz2` (Deb, Thiele, Laumanns & Zitzler 2002) with M objectives and n ≥ M inputs in [0, 1]:
///   g = Σᵢ₌ₘ₋₁ (xᵢ − ½)², f_j = (1 + g)·∏ᵢ₌₀^{M−j−2} cos(xᵢπ/2)·(sin(x_{M−j−1}π/2) for j > 0).
///   Front: the positive orthant of the unit sphere (g = 0). Reference 1.1 in every objective;
///   maximum hypervolume 1.1^M − π^{M/2} / (2^M Γ(M/2 + 1)) (the cube minus the orthant of the ball).
public struct MultiObjectiveTestFunction: Sendable {
    /// Name, e.g. `zdt1`, `dtlz2`, `branincurrin`.
    public let name: String
    /// Box bounds per input, named `x0`, `x1`, … in search spaces.
    public let bounds: [ClosedRange<Double>]
    /// Number of objectives (all minimised).
    public let objectiveCount: Int
    /// Reference point for hypervolumes (worse than the whole front in every objective).
    public let referencePoint: [Double]
    /// The hypervolume of the true Pareto front with respect to ``referencePoint``.
    public let maxHypervolume: Double
    /// Number of free coordinates of ``paretoOptimalInput(_:)`` (0 when the front is not analytic).
    public let frontDimension: Int
    private let function: @Sendable ([Double]) -> [Double]
    private let frontInput: (@Sendable ([Double]) -> [Double])?

    init(name: String, bounds: [ClosedRange<Double>], objectiveCount: Int, referencePoint: [Double],
         maxHypervolume: Double, frontDimension: Int, frontInput: (@Sendable ([Double]) -> [Double])?,
         function: @escaping @Sendable ([Double]) -> [Double]) {
        self.name = name
        self.bounds = bounds
        self.objectiveCount = objectiveCount
        self.referencePoint = referencePoint
        self.maxHypervolume = maxHypervolume
        self.frontDimension = frontDimension
        self.frontInput = frontInput
        self.function = function
    }

    /// Number of inputs.
    public var dimension: Int { bounds.count }

    /// The objective vector at `x` (`x.count` must equal ``dimension``; inputs are clamped to the box).
    public func callAsFunction(_ x: [Double]) -> [Double] {
        precondition(x.count == dimension, "\(name) takes \(dimension) inputs, got \(x.count)")
        return function(zip(x, bounds).map { min($1.upperBound, max($1.lowerBound, $0)) })
    }

    /// A Pareto-optimal input for front coordinates `t` ∈ [0, 1]^``frontDimension`` (nil when the
    /// front is not known in closed form).
    public func paretoOptimalInput(_ t: [Double]) -> [Double]? {
        guard let frontInput, t.count == frontDimension else { return nil }
        return frontInput(t)
    }

    /// The search space `x0 … x{n-1}` over ``bounds``.
    public var searchSpace: SearchSpace {
        // Non-empty, finite, ordered bounds by construction: the init cannot fail.
        try! SearchSpace(bounds.indices.map { .float("x\($0)", bounds[$0].lowerBound, bounds[$0].upperBound) })
    }

    /// Looks a problem up by name: `branincurrin`, `zdt1` (30 inputs, or `zdt1_<n>`), `dtlz2` (3
    /// objectives, 12 inputs, or `dtlz2_<m>` for m objectives and m + 9 inputs). Nil for other names.
    public static func named(_ name: String) -> MultiObjectiveTestFunction? {
        let parts = name.lowercased().split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
            .map(String.init)
        let number = parts.count == 2 ? Int(parts[1]) : nil
        if parts.count == 2 && number == nil { return nil }
        switch parts.first ?? "" {
        case "branincurrin" where parts.count == 1: return braninCurrin
        case "zdt1" where (number ?? 30) >= 2: return zdt1(dimension: number ?? 30)
        case "dtlz2" where (number ?? 3) >= 2 && (number ?? 3) <= 16: return dtlz2(objectives: number ?? 3)
        default: return nil
        }
    }

    /// Names accepted by ``named(_:)``, for error messages.
    public static let availableNames = ["branincurrin", "zdt1", "zdt1_<inputs>", "dtlz2", "dtlz2_<objectives>"]

    // MARK: - Definitions

    public static let braninCurrin = MultiObjectiveTestFunction(
        name: "branincurrin", bounds: [0...1, 0...1], objectiveCount: 2, referencePoint: [18, 6],
        maxHypervolume: 59.36011874867746, frontDimension: 0, frontInput: nil
    ) { x in
        let b = TestFunction.branin([15 * x[0] - 5, 15 * x[1]])
        let x0 = x[0]
        let factor = x[1] > 0 ? 1 - exp(-1 / (2 * x[1])) : 1
        let currin = factor * (2300 * x0 * x0 * x0 + 1900 * x0 * x0 + 2092 * x0 + 60)
            / (100 * x0 * x0 * x0 + 500 * x0 * x0 + 4 * x0 + 20)
        return [b, currin]
    }

    /// ZDT1 with `n ≥ 2` inputs (30 in the original paper).
    public static func zdt1(dimension n: Int = 30) -> MultiObjectiveTestFunction {
        let n = max(2, n)
        return MultiObjectiveTestFunction(
            name: "zdt1", bounds: Array(repeating: 0...1, count: n), objectiveCount: 2, referencePoint: [11, 11],
            maxHypervolume: 120 + 2.0 / 3, frontDimension: 1,
            frontInput: { t in [t[0]] + Array(repeating: 0, count: n - 1) }
        ) { x in
            let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(x.count - 1)
            return [x[0], g * (1 - (x[0] / g).squareRoot())]
        }
    }

    /// DTLZ2 with `m ≥ 2` objectives and `n ≥ m` inputs (Deb et al. use n = m + 9).
    public static func dtlz2(objectives m: Int = 3, dimension n: Int? = nil) -> MultiObjectiveTestFunction {
        let m = max(2, m)
        let n = max(m, n ?? m + 9)
        let md = Double(m)
        let maxHV = pow(1.1, md) - pow(Double.pi, md / 2) / (pow(2, md) * tgamma(md / 2 + 1))
        return MultiObjectiveTestFunction(
            name: "dtlz2", bounds: Array(repeating: 0...1, count: n), objectiveCount: m,
            referencePoint: Array(repeating: 1.1, count: m), maxHypervolume: maxHV, frontDimension: m - 1,
            frontInput: { t in t + Array(repeating: 0.5, count: n - m + 1) }
        ) { x in
            let g = x[(m - 1)...].reduce(0) { $0 + ($1 - 0.5) * ($1 - 0.5) }
            return (0..<m).map { j in
                var f = 1 + g
                for i in 0..<(m - 1 - j) { f *= cos(x[i] * Double.pi / 2) }
                if j > 0 { f *= sin(x[m - 1 - j] * Double.pi / 2) }
                return f
            }
        }
    }
}
