import SweepMath

/// The local step every acquisition optimiser here shares: L-BFGS-B uphill on an acquisition from one
/// start inside the unit cube, with categorical coordinates and coordinates of inactive (conditional)
/// parameters held at the start's values.
enum AcquisitionClimb {
    /// L-BFGS-B settings for acquisition climbs (a few cheap iterations: the start is already good).
    static let options = LBFGSB.Options(pgtol: 1e-7, factr: 1e7, maxIterations: 20, maxEvaluations: 25)

    /// Maximises `value` (which returns the acquisition and writes its gradient) from `start`; returns
    /// the canonical end point, or nil when the solver refused the start. A non-finite value counts as
    /// the worst possible, with a zero gradient, so the solver backs off instead of stepping on NaN.
    static func climb(from start: [Double], layout: UnitCubeLayout, solver: LBFGSB = LBFGSB(options: options),
                      value: (_ u: [Double], _ gradient: inout [Double]) -> Double) -> [Double]? {
        let d = layout.dimension
        let active = layout.activeMask(start)
        var lower = [Double](repeating: 0, count: d), upper = [Double](repeating: 1, count: d)
        for j in 0..<d where layout.categorical[j] || !active[j] { lower[j] = start[j]; upper[j] = start[j] }
        let objective: (_ x: [Double], _ g: inout [Double]) -> Double = { u, g in
            let v = value(u, &g)
            guard v.isFinite else {
                for j in 0..<d { g[j] = 0 }
                return 1e300
            }
            for j in 0..<d { g[j] = (lower[j] == upper[j]) ? 0 : -g[j] }
            return -v
        }
        guard let r = try? solver.minimize(objective, from: start, lower: lower, upper: upper) else { return nil }
        var u = r.x
        layout.canonicalize(&u)
        return u
    }
}
