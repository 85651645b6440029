/// Errors from quasi-random sequence construction.
public enum SobolError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Requested more dimensions than the shipped direction numbers cover.
    case dimensionOutOfRange(requested: Int, supported: ClosedRange<Int>)

    public var description: String {
        switch self {
        case let .dimensionOutOfRange(requested, supported):
            return "Sobol sequences support \(supported.lowerBound)…\(supported.upperBound) dimensions; \(requested) were requested"
        }
    }
}

/// The Sobol low-discrepancy sequence in base 2 with Joe–Kuo direction numbers, optionally with
/// nested-uniform (Owen) scrambling.
///
/// - Unscrambled points equal SciPy's `qmc.Sobol(d, scramble=False)` exactly (the first point is
///   the origin); this is tested against a SciPy fixture.
/// - Scrambled points apply a hash-based nested uniform scramble per dimension (Burley 2020, with
///   Vegdahl's improved hash): each output bit depends only on the same and more significant input
///   bits, so every dimension keeps the (t, m, s)-net structure while the points become
///   randomised and unbiased. The scramble is a pure function of `scrambleSeed`.
/// - Points have 32 bits of resolution; any index in `0..<2³²` can be computed directly
///   (Gray-code form), which is what makes a trial number map to a point without state.
public struct SobolSequence: Sendable {
    /// Number of coordinates per point (1…1024).
    public let dimension: Int
    /// The scrambling seed, or nil for the unscrambled sequence.
    public let scrambleSeed: UInt64?
    /// Direction integers, `directions[d * 32 + j]` for dimension d and bit j.
    private let directions: [UInt32]
    private let dimensionSeeds: [UInt32]

    /// The largest supported dimension.
    public static let maxDimension = 1024

    public init(dimension: Int, scrambleSeed: UInt64? = nil) throws {
        guard (1...SobolSequence.maxDimension).contains(dimension) else {
            throw SobolError.dimensionOutOfRange(requested: dimension, supported: 1...SobolSequence.maxDimension)
        }
        self.dimension = dimension
        self.scrambleSeed = scrambleSeed
        self.directions = SobolSequence.directionIntegers(dimension: dimension)
        if let seed = scrambleSeed {
            var rng = Xoshiro256StarStar(seed: seed, stream: 0x5C2A_4B1E)
            self.dimensionSeeds = (0..<dimension).map { _ in UInt32(truncatingIfNeeded: rng.next() >> 32) }
        } else {
            self.dimensionSeeds = []
        }
    }

    /// Point number `index` (0-based) of the sequence, each coordinate in `[0, 1)`.
    public func point(at index: Int) -> [Double] {
        precondition(index >= 0 && UInt64(index) < (UInt64(1) << 32), "Sobol index out of range")
        var out = [Double](repeating: 0, count: dimension)
        let gray = UInt32(truncatingIfNeeded: index ^ (index >> 1))
        for d in 0..<dimension {
            var x: UInt32 = 0
            var g = gray
            var j = 0
            while g != 0 {
                if g & 1 != 0 { x ^= directions[d * 32 + j] }
                g >>= 1
                j += 1
            }
            if scrambleSeed != nil { x = SobolSequence.nestedUniformScramble(x, seed: dimensionSeeds[d]) }
            out[d] = Double(x) * 0x1.0p-32
        }
        return out
    }

    /// Points `range` of the sequence.
    public func points(_ range: Range<Int>) -> [[Double]] {
        range.map { point(at: $0) }
    }

    /// Hash-based nested uniform scramble of a 32-bit fixed-point coordinate.
    @inline(__always)
    static func nestedUniformScramble(_ x: UInt32, seed: UInt32) -> UInt32 {
        var v = x.bitReversed
        v &+= seed
        v ^= v &* 0x6C50_B47C
        v ^= v &* 0xB82F_1E52
        v ^= v &* 0xC7AF_E638
        v ^= v &* 0x8D22_F6E6
        return v.bitReversed
    }

    /// 32 direction integers per dimension from the Joe–Kuo initial numbers.
    static func directionIntegers(dimension: Int) -> [UInt32] {
        dimension <= cachedDimensions ? Array(cachedDirectionIntegers[0..<(dimension * 32)])
            : computeDirectionIntegers(dimension: dimension)
    }

    /// Direction integers of the first 64 dimensions, computed once per process: samplers that build
    /// a sequence per suggestion (the GP's candidates) would otherwise re-parse the table each time.
    static let cachedDimensions = 64
    static let cachedDirectionIntegers: [UInt32] = computeDirectionIntegers(dimension: cachedDimensions)

    static func computeDirectionIntegers(dimension: Int) -> [UInt32] {
        var v = [UInt32](repeating: 0, count: dimension * 32)
        // Dimension 1: van der Corput, m_j = 1.
        for j in 0..<32 { v[j] = UInt32(1) << UInt32(31 - j) }
        if dimension == 1 { return v }
        var d = 1
        // Only the first dimension − 1 lines are split off; the rest of the table is never scanned.
        for line in joeKuoDirectionNumbers.split(separator: "\n", maxSplits: dimension) {
            if d >= dimension { break }
            let fields = line.split(separator: " ").map { UInt64($0)! }
            let poly = fields[0]
            let degree = 63 - poly.leadingZeroBitCount
            var m = [UInt64](repeating: 0, count: 32)
            for j in 0..<degree { m[j] = fields[1 + j] }
            if degree < 32 {
                for j in degree..<32 {
                    var newM = m[j - degree]
                    var pow2: UInt64 = 1
                    for k in 0..<degree {
                        pow2 <<= 1
                        if (poly >> UInt64(degree - 1 - k)) & 1 != 0 {
                            newM ^= pow2 &* m[j - k - 1]
                        }
                    }
                    m[j] = newM
                }
            }
            for j in 0..<32 { v[d * 32 + j] = UInt32(truncatingIfNeeded: m[j] << UInt64(31 - j)) }
            d += 1
        }
        return v
    }
}

extension UInt32 {
    /// The bits in reverse order.
    @inline(__always)
    var bitReversed: UInt32 {
        var x = self
        x = ((x >> 1) & 0x5555_5555) | ((x & 0x5555_5555) << 1)
        x = ((x >> 2) & 0x3333_3333) | ((x & 0x3333_3333) << 2)
        x = ((x >> 4) & 0x0F0F_0F0F) | ((x & 0x0F0F_0F0F) << 4)
        x = ((x >> 8) & 0x00FF_00FF) | ((x & 0x00FF_00FF) << 8)
        return (x >> 16) | (x << 16)
    }
}
