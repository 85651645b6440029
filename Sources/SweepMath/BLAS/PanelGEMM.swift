/// A single-precision matrix product tuned for the shapes of MLP training (m up to a few hundred
/// rows, k and n up to a few thousand), where OpenBLAS's per-call packing and dispatch overhead is
/// a large share of the work: `C = op(A)·op(B)`, row-major, overwriting `C`.
///
/// Method: `op(B)` is taken 16 columns (one panel) at a time — read in place when `B` is not
/// transposed, else packed into a `k × 16` scratch block — and a 6×16 register-blocked kernel
/// (12 `SIMD8<Float>` accumulators, one fused multiply-add per element) sweeps the panel against
/// 6 rows of `op(A)` read in place (then 4, then single rows). Summation order over `k` is fixed
/// (0, 1, …, k−1, in blocks of ``depthBlock``) for every element, so results are deterministic and independent of threads;
/// they differ from BLAS in the last bits only (a different but equally valid rounding order).
///
/// Needs AVX2+FMA code generation (`-target-cpu haswell`, the package's release `hotLoopFlags`)
/// to be fast; without it, it is correct but slow.
public enum PanelGEMM {
    /// Panel width (columns of `op(B)` per packed panel) and kernel height (rows of `op(A)`).
    public static let panelWidth = 16
    public static let kernelRows = 6
    /// Inner-dimension block: 256 rows of a 16-float panel are 16 KB, half of L1.
    public static let depthBlock = 256

    /// Floats of scratch ``multiply(transA:transB:m:n:k:a:lda:b:ldb:c:ldc:scratch:)`` needs for
    /// a product with inner dimension `k` (one packed panel).
    public static func scratchCount(k: Int) -> Int {
        panelWidth * k
    }

    /// `C[m×n] = op(A)[m×k] · op(B)[k×n]`.
    ///
    /// - Parameters:
    ///   - transA: `op(A) = Aᵀ`, with `A` stored `k × m` (leading dimension `lda ≥ m`); else `A`
    ///     is `m × k` (`lda ≥ k`).
    ///   - transB: `op(B) = Bᵀ`, with `B` stored `n × k` (`ldb ≥ k`); else `k × n` (`ldb ≥ n`).
    ///   - c: `m × n` output, leading dimension `ldc ≥ n`; overwritten (no `beta`).
    ///   - scratch: at least ``scratchCount(k:)`` floats; its contents are clobbered.
    public static func multiply(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
            return
        }
        let panels = (n + panelWidth - 1) / panelWidth
        // Element (i, kk) of op(A) is a[i·rowStride + kk·depthStride].
        let rowStride = transA ? 1 : lda
        let depthStride = transA ? lda : 1
        for p in 0..<panels {
            let j0 = p * panelWidth
            let width = min(panelWidth, n - j0)
            // A full panel of an untransposed B is read in place (rows ldb apart); transposed
            // or partial panels are packed first (rows 16 apart, zero-padded).
            let panel: UnsafePointer<Float>
            let bStride: Int
            if !transB && width == panelWidth {
                panel = b + j0
                bStride = ldb
            } else {
                pack(transB: transB, j0: j0, width: width, k: k, b: b, ldb: ldb, into: scratch)
                panel = UnsafePointer(scratch)
                bStride = panelWidth
            }
            // Depth blocks of `depthBlock` keep a panel block (≤ 16 KB) in L1 while all rows of
            // op(A) pass over it; later blocks add onto C. The order of the additions is fixed.
            var k0 = 0
            while k0 < k {
                let kc = min(depthBlock, k - k0)
                let accumulate = k0 > 0
                let bBlock = panel + k0 * bStride
                let aBlock = a + k0 * depthStride
                var i = 0
                while i + kernelRows <= m {
                    kernel6(a: aBlock + i * rowStride, rowStride: rowStride, depthStride: depthStride, k: kc,
                            panel: bBlock, bStride: bStride, c: c + i * ldc + j0, ldc: ldc, width: width,
                            accumulate: accumulate)
                    i += kernelRows
                }
                if i + 4 <= m {
                    kernel4(a: aBlock + i * rowStride, rowStride: rowStride, depthStride: depthStride, k: kc,
                            panel: bBlock, bStride: bStride, c: c + i * ldc + j0, ldc: ldc, width: width,
                            accumulate: accumulate)
                    i += 4
                }
                while i < m {
                    kernel1(a: aBlock + i * rowStride, depthStride: depthStride, k: kc, panel: bBlock, bStride: bStride,
                            c: c + i * ldc + j0, width: width, accumulate: accumulate)
                    i += 1
                }
                k0 += kc
            }
        }
    }

    /// Packs columns `j0..<j0+width` of op(B) as `k` rows of 16 contiguous floats (zeros past
    /// `width`).
    @inline(__always)
    private static func pack(transB: Bool, j0: Int, width: Int, k: Int, b: UnsafePointer<Float>, ldb: Int,
                             into dst: UnsafeMutablePointer<Float>) {
        if width < panelWidth { dst.update(repeating: 0, count: panelWidth * k) }
        if transB {
            // op(B)[kk, j] = b[j·ldb + kk]: read `width` source rows side by side.
            let src = b + j0 * ldb
            for kk in 0..<k {
                let row = dst + kk * panelWidth
                for jj in 0..<width { row[jj] = src[jj &* ldb &+ kk] }
            }
        } else {
            for kk in 0..<k { (dst + kk * panelWidth).update(from: b + kk * ldb + j0, count: width) }
        }
    }

    @inline(__always)
    private static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Initial accumulators for one output row: zeros, or the row's current values (later depth blocks).
    @inline(__always)
    private static func start(_ c: UnsafeMutablePointer<Float>, _ width: Int, _ accumulate: Bool) -> (SIMD8<Float>, SIMD8<Float>) {
        guard accumulate else { return (SIMD8<Float>(), SIMD8<Float>()) }
        if width == panelWidth { return (load8(c), load8(c + 8)) }
        var lo = SIMD8<Float>(), hi = SIMD8<Float>()
        for j in 0..<width { if j < 8 { lo[j] = c[j] } else { hi[j - 8] = c[j] } }
        return (lo, hi)
    }

    @inline(__always)
    private static func store(_ lo: SIMD8<Float>, _ hi: SIMD8<Float>, to c: UnsafeMutablePointer<Float>, width: Int) {
        if width == panelWidth {
            UnsafeMutableRawPointer(c).storeBytes(of: lo, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(c + 8).storeBytes(of: hi, as: SIMD8<Float>.self)
        } else {
            for j in 0..<width { c[j] = j < 8 ? lo[j] : hi[j - 8] }
        }
    }

    /// 6 rows × one 16-column panel.
    @inline(__always)
    private static func kernel6(a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, k: Int,
                                panel: UnsafePointer<Float>, bStride: Int, c: UnsafeMutablePointer<Float>, ldc: Int, width: Int,
                                accumulate: Bool) {
        var (c00, c01) = start(c, width, accumulate), (c10, c11) = start(c + ldc, width, accumulate)
        var (c20, c21) = start(c + 2 &* ldc, width, accumulate), (c30, c31) = start(c + 3 &* ldc, width, accumulate)
        var (c40, c41) = start(c + 4 &* ldc, width, accumulate), (c50, c51) = start(c + 5 &* ldc, width, accumulate)
        var p0 = a, p1 = a + rowStride, p2 = a + 2 &* rowStride
        var p3 = a + 3 &* rowStride, p4 = a + 4 &* rowStride, p5 = a + 5 &* rowStride
        var bp = panel
        for _ in 0..<k {
            let b0 = load8(bp), b1 = load8(bp + 8)
            let x0 = SIMD8<Float>(repeating: p0.pointee)
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            let x1 = SIMD8<Float>(repeating: p1.pointee)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            let x2 = SIMD8<Float>(repeating: p2.pointee)
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            let x3 = SIMD8<Float>(repeating: p3.pointee)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            let x4 = SIMD8<Float>(repeating: p4.pointee)
            c40 = c40.addingProduct(x4, b0); c41 = c41.addingProduct(x4, b1)
            let x5 = SIMD8<Float>(repeating: p5.pointee)
            c50 = c50.addingProduct(x5, b0); c51 = c51.addingProduct(x5, b1)
            bp += bStride
            p0 += depthStride; p1 += depthStride; p2 += depthStride
            p3 += depthStride; p4 += depthStride; p5 += depthStride
        }
        store(c00, c01, to: c, width: width)
        store(c10, c11, to: c + ldc, width: width)
        store(c20, c21, to: c + 2 &* ldc, width: width)
        store(c30, c31, to: c + 3 &* ldc, width: width)
        store(c40, c41, to: c + 4 &* ldc, width: width)
        store(c50, c51, to: c + 5 &* ldc, width: width)
    }

    /// 4 rows × one 16-column panel.
    @inline(__always)
    private static func kernel4(a: UnsafePointer<Float>, rowStride: Int, depthStride: Int, k: Int,
                                panel: UnsafePointer<Float>, bStride: Int, c: UnsafeMutablePointer<Float>, ldc: Int, width: Int,
                                accumulate: Bool) {
        var (c00, c01) = start(c, width, accumulate), (c10, c11) = start(c + ldc, width, accumulate)
        var (c20, c21) = start(c + 2 &* ldc, width, accumulate), (c30, c31) = start(c + 3 &* ldc, width, accumulate)
        var p0 = a, p1 = a + rowStride, p2 = a + 2 &* rowStride, p3 = a + 3 &* rowStride
        var bp = panel
        for _ in 0..<k {
            let b0 = load8(bp), b1 = load8(bp + 8)
            let x0 = SIMD8<Float>(repeating: p0.pointee)
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            let x1 = SIMD8<Float>(repeating: p1.pointee)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            let x2 = SIMD8<Float>(repeating: p2.pointee)
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            let x3 = SIMD8<Float>(repeating: p3.pointee)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            bp += bStride
            p0 += depthStride; p1 += depthStride; p2 += depthStride; p3 += depthStride
        }
        store(c00, c01, to: c, width: width)
        store(c10, c11, to: c + ldc, width: width)
        store(c20, c21, to: c + 2 &* ldc, width: width)
        store(c30, c31, to: c + 3 &* ldc, width: width)
    }

    /// 1 row × one panel (the rows left over after the 6-row blocks).
    @inline(__always)
    private static func kernel1(a: UnsafePointer<Float>, depthStride: Int, k: Int,
                                panel: UnsafePointer<Float>, bStride: Int, c: UnsafeMutablePointer<Float>, width: Int,
                                accumulate: Bool) {
        var (lo, hi) = start(c, width, accumulate)
        var bp = panel
        var offset = 0
        for _ in 0..<k {
            let x = SIMD8<Float>(repeating: a[offset])
            lo = lo.addingProduct(x, load8(bp))
            hi = hi.addingProduct(x, load8(bp + 8))
            bp += bStride
            offset += depthStride
        }
        store(lo, hi, to: c, width: width)
    }
}
