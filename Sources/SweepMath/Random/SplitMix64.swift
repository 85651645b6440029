/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit generator used to seed and to derive streams.
///
/// It is also a good 64-bit mixing function (``SplitMix64/mix(_:)``), which is how independent
/// streams are derived from a sweep seed plus stream keys.
public struct SplitMix64: RandomNumberGenerator, Sendable, Codable, Equatable {
    /// The current state.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche mix of 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
