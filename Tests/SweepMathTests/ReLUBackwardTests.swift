import SweepMath
import Testing

/// Both paths of ``ReLUBackward`` against the scalar definition, bit for bit, on lengths that
/// leave 8-lane tails, with z = ±0, NaN and negative values and delta = −0, NaN and ±∞.
@Suite struct ReLUBackwardTests {
    @Test(arguments: PanelGEMM.Path.allCases, [0, 1, 7, 8, 9, 64, 131])
    func matchesScalarDefinition(path: PanelGEMM.Path, count: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(count), stream: 7)
        let specials: [Float] = [0, -0.0, .nan, .infinity, -.infinity, 1e-40, -1e-40]
        let z = (0..<count).map { i in i % 5 == 0 ? specials[i % specials.count] : Float(rng.nextUniform(-1, 1)) }
        let delta = (0..<count).map { i in i % 3 == 0 ? specials[(i / 3) % specials.count] : Float(rng.nextUniform(-1, 1)) }
        let expected = zip(delta, z).map { d, zi in zi > 0 ? d : Float(0) }
        var got = delta
        got.withUnsafeMutableBufferPointer { dp in
            z.withUnsafeBufferPointer { zp in
                if count > 0 { ReLUBackward.apply(count: count, delta: dp.baseAddress!, z: zp.baseAddress!, path: path) }
            }
        }
        #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(path), count \(count)")
    }
}
