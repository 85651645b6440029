import SweepMath
import Testing

@Suite struct PanelGEMMTests {
    /// Against BLAS sgemm for every transposition and shapes that exercise the 6-, 4- and 1-row
    /// kernels, full and partial 16-column panels, several depth blocks (k > 256) and padded
    /// leading dimensions. Tolerance:
    /// float32 sums of k products in a different order differ by at most ~k·ε·Σ|aᵢbᵢ|; 1e-5
    /// relative to that bound is far above it and far below any indexing error.
    @Test(arguments: [(1, 1, 1), (6, 16, 5), (11, 37, 64), (29, 10, 128), (64, 33, 7), (128, 48, 256), (7, 20, 300), (13, 16, 513)])
    func matchesBLAS(m: Int, n: Int, k: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(m * 1000 + n * 10 + k))
        for transA in [false, true] {
            for transB in [false, true] {
                let lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 1
                let a = (0..<((transA ? k : m) * lda)).map { _ in Float(rng.nextUniform(-1, 1)) }
                let b = (0..<((transB ? n : k) * ldb)).map { _ in Float(rng.nextUniform(-1, 1)) }
                var expected = [Float](repeating: 0, count: m * ldc)
                var got = [Float](repeating: .nan, count: m * ldc)
                var scratch = [Float](repeating: .nan, count: PanelGEMM.scratchCount(k: k))
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        expected.withUnsafeMutableBufferPointer { cp in
                            Float.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: ap.baseAddress!,
                                       lda: lda, b: bp.baseAddress!, ldb: ldb, beta: 0, c: cp.baseAddress!, ldc: ldc)
                        }
                        got.withUnsafeMutableBufferPointer { cp in
                            scratch.withUnsafeMutableBufferPointer { sp in
                                PanelGEMM.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!,
                                                   lda: lda, b: bp.baseAddress!, ldb: ldb, c: cp.baseAddress!, ldc: ldc,
                                                   scratch: sp.baseAddress!)
                            }
                        }
                    }
                }
                var worst: Float = 0
                for i in 0..<m {
                    for j in 0..<n { worst = max(worst, abs(got[i * ldc + j] - expected[i * ldc + j])) }
                    #expect(got[i * ldc + n].isNaN, "wrote past column n")  // padding column untouched
                }
                #expect(worst <= 1e-5 * Float(k), "transA \(transA) transB \(transB): max error \(worst)")
            }
        }
    }

    @Test func emptyInnerDimensionGivesZeros() {
        var c = [Float](repeating: 7, count: 6)
        let a: [Float] = [0], b: [Float] = [0]
        var scratch: [Float] = [0]
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    scratch.withUnsafeMutableBufferPointer { sp in
                        PanelGEMM.multiply(transA: false, transB: false, m: 2, n: 3, k: 0, a: ap.baseAddress!, lda: 1,
                                           b: bp.baseAddress!, ldb: 3, c: cp.baseAddress!, ldc: 3, scratch: sp.baseAddress!)
                    }
                }
            }
        }
        #expect(c == [0, 0, 0, 0, 0, 0])
    }
}
