/// The two model steps of an L-BFGS-B iteration (Byrd, Lu, Nocedal & Zhu 1995, §4–5): the generalized
/// Cauchy point along the projected steepest-descent path, then the minimisation of the quadratic model
/// over the variables still free there.
extension LBFGSB.State {
    /// Generalized Cauchy point from x along P(x − t g) on the model g·z + ½ zᵀBz.
    mutating func cauchyPoint(x: [Double], g: [Double]) -> [Double] {
        var d = [Double](repeating: 0, count: n)
        var breaks: [(t: Double, i: Int)] = []
        for i in 0..<n {
            var t = Double.infinity
            if g[i] < 0 { t = upper[i].isFinite ? (x[i] - upper[i]) / g[i] : .infinity }
            else if g[i] > 0 { t = lower[i].isFinite ? (x[i] - lower[i]) / g[i] : .infinity }
            if t > 0 { d[i] = -g[i] }
            if t > 0 && t.isFinite { breaks.append((t, i)) }
        }
        breaks.sort { $0.t < $1.t || ($0.t == $1.t && $0.i < $1.i) }
        var z = [Double](repeating: 0, count: n)
        var tOld = 0.0
        mulB(d, into: &bd)
        var fp = dotp(g, d)
        var fpp = dotp(d, bd)
        if fp >= 0 { return x }  // stationary along the path
        var dtMin = fpp > 0 ? -fp / fpp : .infinity
        var xc = x
        var k = 0
        while k < breaks.count {
            let (tb, ib) = breaks[k]
            let dt = tb - tOld
            if dtMin < dt { break }
            // Move to the breakpoint; coordinate ib is now fixed at its bound.
            for i in 0..<n { z[i] += dt * d[i] }
            let bound = d[ib] > 0 ? upper[ib] : lower[ib]
            z[ib] = bound - x[ib]
            d[ib] = 0
            tOld = tb
            k += 1
            mulB(z, into: &bz)
            mulB(d, into: &bd)
            fp = dotp(g, d) + dotp(d, bz)
            fpp = dotp(d, bd)
            if fp >= 0 || d.allSatisfy({ $0 == 0 }) { dtMin = 0; break }
            dtMin = fpp > 0 ? -fp / fpp : .infinity
        }
        if !dtMin.isFinite { dtMin = 0 }  // only possible with an unbounded, flat direction
        let step = max(dtMin, 0)
        for i in 0..<n { xc[i] = x[i] + z[i] + step * d[i] }
        project(&xc)
        return xc
    }

    /// Minimises the model over the free variables at xc; returns the (projected) target point.
    func subspaceStep(x: [Double], g: [Double], xc: [Double]) -> [Double] {
        let free = (0..<n).filter { xc[$0] > lower[$0] && xc[$0] < upper[$0] }
        if free.isEmpty { return xc }
        var zc = [Double](repeating: 0, count: n)
        for i in 0..<n { zc[i] = xc[i] - x[i] }
        var r = [Double](repeating: 0, count: n)
        mulB(zc, into: &r)
        for i in 0..<n { r[i] += g[i] }
        let m = free.count
        var a = [Double](repeating: 0, count: m * m)
        for (p, i) in free.enumerated() { for (q, j) in free.enumerated() { a[p * m + q] = b[i * n + j] } }
        guard LBFGSB.choleskySmall(&a, m) else { return xc }
        var rhs = free.map { -r[$0] }
        LBFGSB.choleskySolveSmall(a, m, &rhs)
        var xhat = xc
        for (p, i) in free.enumerated() { xhat[i] = xc[i] + rhs[p] }
        project(&xhat)
        var gd = 0.0
        for i in 0..<n { gd += g[i] * (xhat[i] - x[i]) }
        if gd < 0 { return xhat }
        // Not a descent direction after projection: truncate the Newton step at the box instead.
        var alpha = 1.0
        for (p, i) in free.enumerated() {
            let du = rhs[p]
            if du > 0 && upper[i].isFinite { alpha = min(alpha, (upper[i] - xc[i]) / du) }
            if du < 0 && lower[i].isFinite { alpha = min(alpha, (lower[i] - xc[i]) / du) }
        }
        var xt = xc
        for (p, i) in free.enumerated() { xt[i] = xc[i] + max(alpha, 0) * rhs[p] }
        project(&xt)
        gd = 0
        for i in 0..<n { gd += g[i] * (xt[i] - x[i]) }
        return gd < 0 ? xt : xc
    }
}
