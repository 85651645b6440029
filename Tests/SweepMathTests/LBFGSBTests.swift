import Foundation
import SweepMath
import Testing

@Suite struct LBFGSBTests {
    let solver = LBFGSB()

    /// Rosenbrock in n dimensions with its analytic gradient.
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        var f = 0.0
        for i in 0..<x.count { g[i] = 0 }
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] += -400 * a * x[i] - 2 * b
            g[i + 1] += 200 * a
        }
        return f
    }

    @Test func unconstrainedRosenbrock() throws {
        let inf = Double.infinity
        for n in [2, 5, 10] {
            let x0 = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
            let r = try solver.minimize(Self.rosenbrock, from: x0, lower: Array(repeating: -inf, count: n),
                                        upper: Array(repeating: inf, count: n))
            #expect(r.value < 1e-8, "n=\(n): f=\(r.value) status=\(r.status)")
            for v in r.x { #expect(abs(v - 1) < 1e-3) }
        }
    }

    @Test func rosenbrockWithActiveBound() throws {
        // Minimiser (1, 1) is outside x0 ≤ 0.5: the solution is on the bound x0 = 0.5, x1 = 0.25.
        let r = try solver.minimize(Self.rosenbrock, from: [-1.2, 1], lower: [-2, -2], upper: [0.5, 2])
        #expect(abs(r.x[0] - 0.5) < 1e-12)
        #expect(abs(r.x[1] - 0.25) < 1e-5)
        #expect(abs(r.value - 0.25) < 1e-8)
    }

    @Test func boundActiveQuadratic() throws {
        // f = Σ c_i (x_i − t_i)² with targets partly outside [0, 1]: the answer is clamp(t).
        let c: [Double] = [1, 10, 0.1, 5, 2, 100]
        let t: [Double] = [-1, 0.3, 2, 0.7, 1.5, -0.2]
        let f: (_ x: [Double], _ g: inout [Double]) -> Double = { x, g in
            var s = 0.0
            for i in 0..<x.count { s += c[i] * (x[i] - t[i]) * (x[i] - t[i]); g[i] = 2 * c[i] * (x[i] - t[i]) }
            return s
        }
        let r = try solver.minimize(f, from: Array(repeating: 0.5, count: 6), lower: Array(repeating: 0, count: 6),
                                    upper: Array(repeating: 1, count: 6))
        for i in 0..<6 { #expect(abs(r.x[i] - min(1, max(0, t[i]))) < 1e-7) }
        #expect(r.status == .projectedGradientConverged || r.status == .functionConverged)
    }

    @Test func coupledQuadraticWithCornerSolution() throws {
        // A linear-plus-coupled-quadratic objective whose minimiser is the corner (1, 1, 0).
        let f: (_ x: [Double], _ g: inout [Double]) -> Double = { x, g in
            let v = -3 * x[0] - 2 * x[1] + 4 * x[2] + 0.5 * (x[0] * x[0] + x[0] * x[1] + x[1] * x[1])
            g[0] = -3 + x[0] + 0.5 * x[1]
            g[1] = -2 + 0.5 * x[0] + x[1]
            g[2] = 4
            return v
        }
        let r = try solver.minimize(f, from: [0.2, 0.3, 0.9], lower: [0, 0, 0], upper: [1, 1, 1])
        #expect(r.x == [1, 1, 0])
    }

    @Test func startOutsideTheBoxIsProjected() throws {
        let f: (_ x: [Double], _ g: inout [Double]) -> Double = { x, g in
            g[0] = 2 * (x[0] - 3); return (x[0] - 3) * (x[0] - 3)
        }
        let r = try solver.minimize(f, from: [-10], lower: [-1], upper: [2])
        #expect(r.x == [2])
    }

    @Test func flatObjectiveStopsImmediately() throws {
        let f: (_ x: [Double], _ g: inout [Double]) -> Double = { x, g in
            for i in 0..<x.count { g[i] = 0 }; return 1
        }
        let r = try solver.minimize(f, from: [0.3, 0.4], lower: [0, 0], upper: [1, 1])
        #expect(r.x == [0.3, 0.4])
        #expect(r.status == .projectedGradientConverged)
        #expect(r.evaluations == 1)
    }

    @Test func nonsmoothObjectiveEndsGracefully() throws {
        // f = |x0| + 2|x1|: the gradient never vanishes, so convergence is by stalled decrease or a
        // failed line search; either way the result is close to the kink and never worse than x0.
        let f: (_ x: [Double], _ g: inout [Double]) -> Double = { x, g in
            g[0] = x[0] >= 0 ? 1 : -1; g[1] = x[1] >= 0 ? 2 : -2
            return abs(x[0]) + 2 * abs(x[1])
        }
        let r = try solver.minimize(f, from: [0.7, -0.4], lower: [-1, -1], upper: [1, 1])
        #expect(r.value <= 1.5)
        #expect(r.value < 1e-2)
        #expect(r.x.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test func nonFiniteRegionsAreAvoided() throws {
        // log barrier: NaN for x ≤ 0; the solver must back off rather than accept NaN.
        let f: (_ x: [Double], _ g: inout [Double]) -> Double = { x, g in
            g[0] = 1 - 1 / x[0]; return x[0] - log(x[0])
        }
        let r = try solver.minimize(f, from: [5], lower: [-10], upper: [10])
        #expect(abs(r.x[0] - 1) < 1e-4)
        #expect(r.value.isFinite)
    }

    @Test func invalidBoundsAreRejected() {
        #expect(throws: LBFGSB.Error.invalidBounds(index: 1, lower: 2, upper: 1)) {
            try solver.minimize({ _, _ in 0 }, from: [0, 0], lower: [0, 2], upper: [1, 1])
        }
        #expect(throws: LBFGSB.Error.dimensionMismatch(x: 2, lower: 1, upper: 2)) {
            try solver.minimize({ _, _ in 0 }, from: [0, 0], lower: [0], upper: [1, 1])
        }
    }
}
