import Foundation

/// One parameter as the Parzen estimators of ``TPESampler`` see it: a coordinate in the parameter's
/// *internal* scale (Optuna's "internal representation").
///
/// - float: the value, or its natural log for `log` floats; range `[lower, upper]` in that scale.
/// - float with `step`, int: the value on a grid `lower + k·step`; kernels are truncated normals on
///   `[lower − step/2, upper + step/2]` whose mass is integrated over each grid cell.
/// - log int: the value on its grid, with kernels in log space on `[log(lower − ½), log(upper + ½)]`
///   integrated over `[log(v − ½), log(v + ½)]` (Optuna 5's discrete truncated log-normal).
/// - categorical: the index of the choice.
public struct TPEDimension: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Continuous on `[low, high]`.
        case continuous(low: Double, high: Double)
        /// Grid `low, low + step, …, high`; with `log`, kernels live in log space.
        case discrete(low: Double, high: Double, step: Double, log: Bool)
        /// `count` unordered choices, coded 0..<count.
        case categorical(count: Int)
    }

    public let kind: Kind
    /// The domain the coordinate came from (for decoding).
    public let domain: ParameterDomain

    public init(_ domain: ParameterDomain) {
        self.domain = domain
        switch domain {
        case let .float(lower, upper, log, step):
            if let step {
                kind = .discrete(low: lower, high: upper, step: step, log: false)
            } else if log {
                kind = .continuous(low: Foundation.log(lower), high: Foundation.log(upper))
            } else {
                kind = .continuous(low: lower, high: upper)
            }
        case let .int(lower, upper, log, step):
            kind = .discrete(low: Double(lower), high: Double(upper), step: Double(step), log: log)
        case let .categorical(choices):
            kind = .categorical(count: choices.count)
        }
    }

    /// Where the kernels live for a numerical dimension: the internal coordinate, or its log for
    /// log-scaled grids.
    public func kernelCoordinate(_ x: Double) -> Double {
        if case let .discrete(_, _, _, log) = kind, log { return Foundation.log(x) }
        return x
    }

    /// The truncation range of the kernels in kernel space (grids extended by half a step each side);
    /// `(0, 0)` for categoricals.
    public var kernelRange: (low: Double, high: Double) {
        switch kind {
        case let .continuous(low, high): return (low, high)
        case let .discrete(low, high, step, _): return (kernelCoordinate(low - step / 2), kernelCoordinate(high + step / 2))
        case .categorical: return (0, 0)
        }
    }

    /// The internal coordinate of a value of ``domain`` (nil when the value does not fit it).
    @inline(__always) public func encode(_ value: ParameterValue) -> Double? {
        switch domain {
        case let .float(_, _, log, _):
            guard let v = value.doubleValue, v.isFinite else { return nil }
            if log { return v > 0 ? Foundation.log(v) : nil }
            return v
        case .int:
            return value.intValue.map(Double.init)
        case let .categorical(choices):
            return choices.firstIndex { $0.matches(value) }.map(Double.init)
        }
    }

    /// The value at internal coordinate `x`, snapped to the grid and clamped into the domain.
    public func decode(_ x: Double) -> ParameterValue {
        switch domain {
        case let .float(lower, upper, log, step):
            if let step {
                let k = ((x - lower) / step).rounded()
                return .float(min(upper, max(lower, lower + k * step)))
            }
            return .float(min(upper, max(lower, log ? exp(x) : x)))
        case let .int(lower, upper, _, step):
            let v = Double(lower) + ((x - Double(lower)) / Double(step)).rounded() * Double(step)
            guard v.isFinite else { return .int(lower) }
            return .int(min(upper, max(lower, Int(min(max(v, Double(lower)), Double(upper))))))
        case let .categorical(choices):
            let k = x.isFinite ? Int(min(max(x.rounded(), 0), Double(choices.count - 1))) : 0
            return choices[k]
        }
    }
}
