import Foundation
import SweepMath
import Testing

/// Both kernel paths of ``PanelGEMM`` (portable C, AVX2+FMA C) against naive references that sum
/// over `k` in the same order (0, 1, …, k−1): the AVX2+FMA path must equal a chain of fused
/// multiply-adds (`Float.addingProduct`, one rounding per term) bit for bit, the portable path a
/// chain of multiply-then-add (two roundings) bit for bit. Both must also lie within float tolerance
/// of the product computed in Double. Shapes exercise the 6-, 4- and 1-row kernels, full and partial
/// panels, several depth blocks and padded leading dimensions.
@Suite struct PanelGEMMPathTests {
    static let shapes = [(1, 1, 1), (6, 16, 5), (11, 37, 64), (29, 10, 128), (7, 20, 300), (13, 16, 513), (10, 33, 257)]

    struct Operands {
        let m: Int, n: Int, k: Int, transA: Bool, transB: Bool
        let lda: Int, ldb: Int, ldc: Int
        let a: [Float], b: [Float]

        func opA(_ i: Int, _ kk: Int) -> Float { transA ? a[kk * lda + i] : a[i * lda + kk] }
        func opB(_ kk: Int, _ j: Int) -> Float { transB ? b[j * ldb + kk] : b[kk * ldb + j] }

        /// The same sequential sum over k as the kernels, fused or not.
        func reference(fused: Bool) -> [Float] {
            var c = [Float](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var s: Float = 0
                    for kk in 0..<k { s = fused ? s.addingProduct(opA(i, kk), opB(kk, j)) : s + opA(i, kk) * opB(kk, j) }
                    c[i * n + j] = s
                }
            }
            return c
        }

        func run(_ path: PanelGEMM.Path) -> [Float] {
            var c = [Float](repeating: .nan, count: m * ldc)
            var scratch = [Float](repeating: .nan, count: PanelGEMM.scratchCount(k: k))
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        scratch.withUnsafeMutableBufferPointer { sp in
                            PanelGEMM.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, lda: lda,
                                               b: bp.baseAddress!, ldb: ldb, c: cp.baseAddress!, ldc: ldc,
                                               scratch: sp.baseAddress!, path: path)
                        }
                    }
                }
            }
            return c
        }
    }

    static func operands(m: Int, n: Int, k: Int, transA: Bool, transB: Bool) -> Operands {
        var rng = Xoshiro256StarStar(seed: UInt64(m * 1000 + n * 10 + k), stream: transA ? (transB ? 3 : 2) : (transB ? 1 : 0))
        let lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2
        let a = (0..<((transA ? k : m) * lda)).map { _ in Float(rng.nextUniform(-1, 1)) }
        let b = (0..<((transB ? n : k) * ldb)).map { _ in Float(rng.nextUniform(-1, 1)) }
        return Operands(m: m, n: n, k: k, transA: transA, transB: transB, lda: lda, ldb: ldb, ldc: n + 1, a: a, b: b)
    }

    @Test(arguments: PanelGEMM.Path.allCases, shapes)
    func pathMatchesSequentialReference(path: PanelGEMM.Path, shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        // A path this machine cannot run falls back to the portable one.
        let fused = path == .avx2FMA && path.isAvailable
        for transA in [false, true] {
            for transB in [false, true] {
                let op = Self.operands(m: m, n: n, k: k, transA: transA, transB: transB)
                let got = op.run(path)
                let expected = op.reference(fused: fused)
                var mismatches = 0, worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        let value = got[i * op.ldc + j]
                        if value.bitPattern != expected[i * n + j].bitPattern { mismatches += 1 }
                        var exact = 0.0, magnitude = 0.0
                        for kk in 0..<k {
                            let term = Double(op.opA(i, kk)) * Double(op.opB(kk, j))
                            exact += term
                            magnitude += abs(term)
                        }
                        // Sequential float sums of k terms err by at most ~k·ε·Σ|aᵢbᵢ|.
                        worst = max(worst, abs(Double(value) - exact) / (Double(k) * Double(Float.ulpOfOne) * magnitude + 1e-30))
                    }
                    #expect(got[i * op.ldc + n].isNaN, "\(path): wrote past column n")
                }
                #expect(mismatches == 0, "\(path) transA \(transA) transB \(transB): \(mismatches) elements differ from the \(fused ? "fused" : "unfused") sequential sum")
                #expect(worst <= 1, "\(path) transA \(transA) transB \(transB): error \(worst) × k·ε·Σ|ab|")
            }
        }
    }

    /// The CPUID/XGETBV detection agrees with the kernel's view of the CPU (Linux /proc/cpuinfo flags).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/cpuinfo")))
    func detectionAgreesWithCPUInfo() throws {
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set(info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
        let expected = flags.contains("avx2") && flags.contains("fma")
        #expect(PanelGEMM.Path.avx2FMA.isAvailable == expected)
        #expect(PanelGEMM.Path.best == (expected ? .avx2FMA : .portable))
    }
}
