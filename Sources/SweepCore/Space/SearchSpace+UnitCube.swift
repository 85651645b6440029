import Foundation

/// Encoding between parameter assignments and points of the unit cube `[0, 1]^d` (one coordinate per
/// parameter, in ``SearchSpace/parameters`` order), which is where samplers and the GP work.
///
/// - float: linear, or linear in `log` for log-scaled parameters.
/// - float with step, int, categorical: the k-th of n values maps to the centre `(k + 0.5)/n` of its
///   bin; decoding takes the bin (`floor(u·n)`), so "steps are snapped".
/// - log int: linear in log over the padded range `[log(lower − ½), log(upper + ½)]`, decoded by rounding.
/// - inactive conditional parameters encode as `.nan`; decoding ignores their coordinates.
///
/// Round trip: `decode(encode(a)) == a` exactly for every discrete value, and to 1e-12 relative for
/// continuous floats.
extension SearchSpace {
    /// Unit-cube coordinates of a (normalised) assignment; inactive parameters give `.nan`.
    /// - Throws: ``SearchSpaceError`` when the assignment does not fit the space.
    public func encode(_ assignment: [String: ParameterValue]) throws -> [Double] {
        let a = try normalized(assignment)
        return parameters.map { p in
            guard let v = a[p.name] else { return .nan }
            return SearchSpace.encode(v, in: p.domain)
        }
    }

    /// The assignment at unit-cube point `u` (coordinates are clamped into `[0, 1]`; NaN counts as 0.5).
    /// Only active parameters appear in the result.
    public func decode(_ u: [Double]) throws -> [String: ParameterValue] {
        guard u.count == dimension else { throw SearchSpaceError.wrongDimension(expected: dimension, got: u.count) }
        var out: [String: ParameterValue] = [:]
        for i in evaluationOrder {
            let p = parameters[i]
            guard isActive(p, in: out) else { continue }
            out[p.name] = SearchSpace.decode(u[i], in: p.domain)
        }
        return out
    }

    /// Unit coordinate of one value (assumed to be in the domain).
    public static func encode(_ value: ParameterValue, in domain: ParameterDomain) -> Double {
        switch domain {
        case let .float(lower, upper, log, step):
            let v = value.doubleValue ?? lower
            if let step {
                let n = Double(domain.cardinality!)
                let k = ((v - lower) / step).rounded()
                return (k + 0.5) / n
            }
            if log { return (Foundation.log(v) - Foundation.log(lower)) / (Foundation.log(upper) - Foundation.log(lower)) }
            return (v - lower) / (upper - lower)
        case let .int(lower, upper, log, step):
            let v = value.intValue ?? lower
            if log {
                let a = Foundation.log(Double(lower) - 0.5), b = Foundation.log(Double(upper) + 0.5)
                return (Foundation.log(Double(v)) - a) / (b - a)
            }
            let n = Double(domain.cardinality!)
            return (Double((v - lower) / step) + 0.5) / n
        case let .categorical(choices):
            let k = choices.firstIndex { $0.matches(value) } ?? 0
            return (Double(k) + 0.5) / Double(choices.count)
        }
    }

    /// The value at unit coordinate `u` (clamped into `[0, 1]`; NaN is read as 0.5).
    public static func decode(_ u: Double, in domain: ParameterDomain) -> ParameterValue {
        let u = u.isNaN ? 0.5 : min(1, max(0, u))
        func bin(_ n: Int) -> Int { min(n - 1, Int((u * Double(n)).rounded(.down))) }
        switch domain {
        case let .float(lower, upper, log, step):
            if let step {
                let k = bin(domain.cardinality!)
                return .float(min(upper, lower + Double(k) * step))
            }
            let v: Double
            if log {
                v = exp(Foundation.log(lower) + u * (Foundation.log(upper) - Foundation.log(lower)))
            } else {
                v = lower + u * (upper - lower)
            }
            return .float(min(upper, max(lower, v)))
        case let .int(lower, upper, log, step):
            if log {
                let a = Foundation.log(Double(lower) - 0.5), b = Foundation.log(Double(upper) + 0.5)
                let v = Int(exp(a + u * (b - a)).rounded())
                return .int(min(upper, max(lower, v)))
            }
            return .int(lower + bin(domain.cardinality!) * step)
        case let .categorical(choices):
            return choices[bin(choices.count)]
        }
    }
}
