/// xoshiro256** 1.0 (Blackman & Vigna 2018), the generator behind every random choice in Sweep.
///
/// Seeding goes through ``SplitMix64`` as the authors recommend. Independent, reproducible
/// streams come from ``init(seed:stream:)``: the stream keys (e.g. a purpose tag and a trial number)
/// are mixed into the seed, so trial 17's stream is the same whether or not trials 0…16 ran
/// in this process — which is what makes resumed sweeps replay exactly.
///
/// The state is four `UInt64`s and is `Codable`, so checkpoints can store it.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Codable, Equatable {
    public var s0: UInt64
    public var s1: UInt64
    public var s2: UInt64
    public var s3: UInt64

    /// A generator seeded from one 64-bit value (expanded with SplitMix64).
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// A generator for the stream identified by `keys` under `seed`.
    ///
    /// Different key lists give statistically independent streams; the same seed and keys always
    /// give the same stream.
    public init(seed: UInt64, stream keys: UInt64...) {
        self.init(seed: Xoshiro256StarStar.derive(seed: seed, keys: keys))
    }

    /// A generator for the stream identified by `keys` under `seed` (array form).
    public init(seed: UInt64, streamKeys keys: [UInt64]) {
        self.init(seed: Xoshiro256StarStar.derive(seed: seed, keys: keys))
    }

    /// Mixes stream keys into a seed.
    public static func derive(seed: UInt64, keys: [UInt64]) -> UInt64 {
        var h = SplitMix64.mix(seed ^ 0x5157_4545_5053_4545)  // "SWEEP" tag
        for k in keys {
            h = SplitMix64.mix(h ^ SplitMix64.mix(k &+ 0x9E37_79B9_7F4A_7C15))
        }
        return h
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A new generator whose stream does not overlap this one's next 2¹²⁸ outputs
    /// (the xoshiro jump polynomial); advances `self` past the child.
    public mutating func split() -> Xoshiro256StarStar {
        let child = self
        jump()
        return child
    }

    /// Advances the state by 2¹²⁸ steps.
    public mutating func jump() {
        let table: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
        for word in table {
            for bit in 0..<64 {
                if word & (UInt64(1) << UInt64(bit)) != 0 {
                    a ^= s0; b ^= s1; c ^= s2; d ^= s3
                }
                _ = next()
            }
        }
        s0 = a; s1 = b; s2 = c; s3 = d
    }
}
