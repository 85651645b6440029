import Foundation

/// A standard optimisation benchmark with a known global minimum, so search algorithms can be
/// checked end to end (regret = best found − ``minimum``).
///
/// Definitions follow the Surjanovic & Bingham virtual library of simulation experiments, on the
/// boxes used by `../shared/peers/optimizers.md`:
/// - `branin` on [-5, 10] × [0, 15], minimum 0.397887357729738 (three minimisers);
/// - `hartmann6` on [0, 1]^6, minimum −3.322368011391339;
/// - `ackley` (any d ≥ 1) on [-32.768, 32.768]^d, minimum 0 at the origin;
/// - `rosenbrock` (any d ≥ 2) on [-5, 10]^d, minimum 0 at (1, …, 1);
/// - `rastrigin` (any d ≥ 1) on [-5.12, 5.12]^d, minimum 0 at the origin (10^d local minima on the
///   integer lattice);
/// - `levy` (any d ≥ 1) on [-10, 10]^d, minimum 0 at (1, …, 1);
/// - `griewank` (any d ≥ 1) on [-600, 600]^d, minimum 0 at the origin (a bowl with a product of
///   cosines on top: many shallow local minima).
public struct TestFunction: Sendable {
    /// Config name, e.g. `branin`, `hartmann6`, `ackley5`.
    public let name: String
    /// Box bounds per coordinate, named `x0`, `x1`, … in search spaces.
    public let bounds: [ClosedRange<Double>]
    /// The global minimum value.
    public let minimum: Double
    /// A global minimiser.
    public let minimizer: [Double]
    private let function: @Sendable ([Double]) -> Double
    private let lowFidelity: (@Sendable ([Double], Double) -> Double)?

    public init(name: String, bounds: [ClosedRange<Double>], minimum: Double, minimizer: [Double],
                fidelity: (@Sendable ([Double], Double) -> Double)? = nil,
                function: @escaping @Sendable ([Double]) -> Double) {
        self.name = name
        self.bounds = bounds
        self.minimum = minimum
        self.minimizer = minimizer
        self.lowFidelity = fidelity
        self.function = function
    }

    /// Whether ``callAsFunction(_:fidelity:)`` has a published multi-fidelity form for this function.
    public var hasFidelity: Bool { lowFidelity != nil }

    /// f(x) at fidelity z ∈ [0, 1]; z = 1 is the true function. Branin and Hartmann6 use the
    /// multi-fidelity forms of Kandasamy et al. (ICML 2017, "Multi-fidelity Bayesian optimisation with
    /// continuous approximations"): cheaper fidelities are biased versions whose bias shrinks linearly
    /// to zero at z = 1. Functions without such a form return f(x) at every fidelity.
    public func callAsFunction(_ x: [Double], fidelity z: Double) -> Double {
        precondition(x.count == dimension, "\(name) takes \(dimension) inputs, got \(x.count)")
        guard let lowFidelity, z < 1 else { return function(x) }
        return lowFidelity(x, max(0, z))
    }

    /// Number of inputs.
    public var dimension: Int { bounds.count }

    /// f(x). `x.count` must equal ``dimension``.
    public func callAsFunction(_ x: [Double]) -> Double {
        precondition(x.count == dimension, "\(name) takes \(dimension) inputs, got \(x.count)")
        return function(x)
    }

    /// The search space `x0 … x{d-1}` over ``bounds``.
    public var searchSpace: SearchSpace {
        try! SearchSpace(bounds.enumerated().map { .float("x\($0.offset)", $0.element.lowerBound, $0.element.upperBound) })
    }

    /// The input vector of an assignment over ``searchSpace``.
    public func inputs(_ params: [String: ParameterValue]) -> [Double]? {
        var x: [Double] = []
        for i in 0..<dimension {
            guard let v = params["x\(i)"]?.doubleValue else { return nil }
            x.append(v)
        }
        return x
    }

    /// Looks a function up by config name: `branin`, `hartmann6`, `ackley` (d = 2) or `ackley<d>`,
    /// `rosenbrock` (d = 2) or `rosenbrock<d>`; an explicit `dimension` overrides the suffix.
    public static func named(_ name: String, dimension: Int? = nil) -> TestFunction? {
        let lower = name.lowercased()
        func suffix(_ prefix: String) -> Int? {
            guard lower.hasPrefix(prefix) else { return nil }
            let rest = lower.dropFirst(prefix.count)
            return rest.isEmpty ? (dimension ?? 2) : (dimension ?? Int(rest))
        }
        if lower == "branin" { return .branin }
        if lower == "hartmann6" { return .hartmann6 }
        if let d = suffix("ackley"), d >= 1 { return .ackley(dimension: d) }
        if let d = suffix("rosenbrock"), d >= 2 { return .rosenbrock(dimension: d) }
        if let d = suffix("rastrigin"), d >= 1 { return .rastrigin(dimension: d) }
        if let d = suffix("levy"), d >= 1 { return .levy(dimension: d) }
        if let d = suffix("griewank"), d >= 1 { return .griewank(dimension: d) }
        return nil
    }

    /// Names accepted by ``named(_:dimension:)``, for error messages.
    public static let availableNames = ["branin", "hartmann6", "ackley<d>", "rosenbrock<d>", "rastrigin<d>", "levy<d>", "griewank<d>"]

    // MARK: - Definitions

    public static let branin = TestFunction(
        name: "branin", bounds: [-5...10, 0...15], minimum: 0.397887357729738, minimizer: [Double.pi, 2.275],
        fidelity: { x, z in braninValue(x, z) }
    ) { x in braninValue(x, 1) }

    /// Branin with Kandasamy et al.'s fidelity terms: b = 5.1/(4π²) − 0.01(1−z), c = 5/π − 0.1(1−z),
    /// t = 1/(8π) + 0.05(1−z).
    private static func braninValue(_ x: [Double], _ z: Double) -> Double {
        let a = 1.0, r = 6.0, s = 10.0
        let b = 5.1 / (4 * Double.pi * Double.pi) - 0.01 * (1 - z)
        let c = 5 / Double.pi - 0.1 * (1 - z)
        let t = 1 / (8 * Double.pi) + 0.05 * (1 - z)
        let u = x[1] - b * x[0] * x[0] + c * x[0] - r
        return a * u * u + s * (1 - t) * cos(x[0]) + s
    }

    public static let hartmann6 = TestFunction(
        name: "hartmann6", bounds: Array(repeating: 0...1, count: 6), minimum: -3.322368011391339,
        minimizer: [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054],
        fidelity: { x, z in hartmann6Value(x, z) }
    ) { x in hartmann6Value(x, 1) }

    /// Hartmann6 with Kandasamy et al.'s fidelity shift α′ = α − 0.1(1 − z)·(1, 1, 1, 1).
    private static func hartmann6Value(_ x: [Double], _ z: Double) -> Double {
        let alpha: [Double] = [1.0, 1.2, 3.0, 3.2].map { $0 - 0.1 * (1 - z) }
        let a: [[Double]] = [
            [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
            [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
        ]
        let p: [[Double]] = [
            [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
            [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
        ]
        var total = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<6 { let d = x[j] - p[i][j]; inner += a[i][j] * d * d }
            total += alpha[i] * exp(-inner)
        }
        return -total
    }

    public static func ackley(dimension d: Int) -> TestFunction {
        TestFunction(name: "ackley\(d)", bounds: Array(repeating: -32.768...32.768, count: d), minimum: 0,
                     minimizer: Array(repeating: 0, count: d)) { x in
            let n = Double(x.count)
            var s1 = 0.0, s2 = 0.0
            for v in x { s1 += v * v; s2 += cos(2 * Double.pi * v) }
            return -20 * exp(-0.2 * (s1 / n).squareRoot()) - exp(s2 / n) + 20 + M_E
        }
    }

    public static func rosenbrock(dimension d: Int) -> TestFunction {
        TestFunction(name: "rosenbrock\(d)", bounds: Array(repeating: -5...10, count: d), minimum: 0,
                     minimizer: Array(repeating: 1, count: d)) { x in
            var s = 0.0
            for i in 0..<(x.count - 1) {
                let a = x[i + 1] - x[i] * x[i], b = x[i] - 1
                s += 100 * a * a + b * b
            }
            return s
        }
    }

    /// Rastrigin: 10d + Σ (xᵢ² − 10 cos 2πxᵢ).
    public static func rastrigin(dimension d: Int) -> TestFunction {
        TestFunction(name: "rastrigin\(d)", bounds: Array(repeating: -5.12...5.12, count: d), minimum: 0,
                     minimizer: Array(repeating: 0, count: d)) { x in
            var s = 10 * Double(x.count)
            for v in x { s += v * v - 10 * cos(2 * Double.pi * v) }
            return s
        }
    }

    /// Levy: with wᵢ = 1 + (xᵢ − 1)/4, sin²(πw₁) + Σ_{i<d} (wᵢ − 1)²(1 + 10 sin²(πwᵢ + 1))
    /// + (w_d − 1)²(1 + sin²(2πw_d)).
    public static func levy(dimension d: Int) -> TestFunction {
        TestFunction(name: "levy\(d)", bounds: Array(repeating: -10...10, count: d), minimum: 0,
                     minimizer: Array(repeating: 1, count: d)) { x in
            let w = x.map { 1 + ($0 - 1) / 4 }
            func sin2(_ a: Double) -> Double { let s = sin(a); return s * s }
            var s = sin2(Double.pi * w[0])
            for i in 0..<(w.count - 1) { s += (w[i] - 1) * (w[i] - 1) * (1 + 10 * sin2(Double.pi * w[i] + 1)) }
            let last = w[w.count - 1]
            return s + (last - 1) * (last - 1) * (1 + sin2(2 * Double.pi * last))
        }
    }

    /// Griewank: Σ xᵢ²/4000 − Π cos(xᵢ/√i) + 1 (i from 1).
    public static func griewank(dimension d: Int) -> TestFunction {
        TestFunction(name: "griewank\(d)", bounds: Array(repeating: -600...600, count: d), minimum: 0,
                     minimizer: Array(repeating: 0, count: d)) { x in
            var sum = 0.0, product = 1.0
            for (i, v) in x.enumerated() {
                sum += v * v / 4000
                product *= cos(v / Double(i + 1).squareRoot())
            }
            return sum - product + 1
        }
    }
}
