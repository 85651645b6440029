import Foundation

/// Sampling helpers with a fixed, documented algorithm, so the same generator state gives the same
/// numbers on every platform and Swift version (the standard library's `random(in:)` makes no such
/// promise). All of Sweep's random choices go through these.
extension RandomNumberGenerator {
    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Double` in `(0, 1)`, never zero (for logarithms).
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A uniform `Double` in `[lower, upper)`.
    @inlinable
    public mutating func nextUniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUnit()
    }

    /// A uniform integer in `0..<bound` (Lemire's nearly-divisionless method, unbiased).
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func nextIndex(_ bound: Int) -> Int {
        precondition(bound > 0, "nextIndex needs a positive bound")
        let s = UInt64(bound)
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let t = (0 &- s) % s
            while m.low < t { m = next().multipliedFullWidth(by: s) }
        }
        return Int(m.high)
    }

    /// A standard normal deviate (Box–Muller; consumes two uniforms).
    @inlinable
    public mutating func nextNormal() -> Double {
        let u1 = nextOpenUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Fills `buffer` with standard normal deviates scaled by `scale` (Box–Muller, both outputs used).
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, scale: Float = 1) {
        var i = 0
        while i < buffer.count {
            let u1 = nextOpenUnit()
            let u2 = nextUnit()
            let r = (-2 * log(u1)).squareRoot()
            let a = 2 * Double.pi * u2
            buffer[i] = Float(r * cos(a)) * scale
            if i + 1 < buffer.count { buffer[i + 1] = Float(r * sin(a)) * scale }
            i += 2
        }
    }

    /// Shuffles `array` in place (Fisher–Yates, from the back).
    ///
    /// `@inlinable` so callers specialise it: unspecialised, each `swapAt` heap-allocates its
    /// temporaries (two mallocs per element; measured in the MLP trainer's epoch shuffle).
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        if array.count < 2 { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextIndex(i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
