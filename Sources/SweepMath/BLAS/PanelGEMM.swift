import _SweepKernels

/// A single-precision matrix product tuned for the shapes of MLP training (m up to a few hundred
/// rows, k and n up to a few thousand), where OpenBLAS's per-call packing and dispatch overhead is
/// a large share of the work: `C = op(A)·op(B)`, row-major, overwriting `C`.
///
/// Method: `op(B)` is taken 16 columns (one panel) at a time — read in place when `B` is not
/// transposed, else packed into a `k × 16` scratch block — and a 6×16 register-blocked kernel
/// (12 eight-float AVX registers of accumulators, one multiply-add per element and step) sweeps the panel against
/// 6 rows of `op(A)` read in place (then 4, then single rows). Summation order over `k` is fixed
/// (0, 1, …, k−1, in blocks of ``depthBlock``) for every element, so results are deterministic and independent of threads;
/// they differ from BLAS in the last bits only (a different but equally valid rounding order).
///
/// The kernels are C (`_SweepKernels`): on x86-64 with AVX2 and FMA (detected at run time, once per
/// process) a fused multiply-add kernel compiled for AVX2+FMA through function target attributes,
/// else a portable one (multiply then add, never fused). Both sum in the order above; a process
/// always uses one path, so a machine gives the same bits every run. The AVX2+FMA path gives the
/// same bits as the SIMD `addingProduct` kernel it replaced.
public enum PanelGEMM {
    /// Panel width (columns of `op(B)` per packed panel) and kernel height (rows of `op(A)`).
    public static let panelWidth = 16
    public static let kernelRows = 6
    /// Inner-dimension block: 256 rows of a 16-float panel are 16 KB, half of L1.
    public static let depthBlock = 256

    /// Which kernel implementation computes a product.
    public enum Path: Sendable, CaseIterable, CustomStringConvertible {
        /// Plain C at the build target's baseline: each term is multiplied, rounded, then added.
        case portable
        /// x86-64 AVX2 with fused multiply-add (one rounding per term). Runs only where
        /// ``isAvailable``; elsewhere ``PanelGEMM/multiply(transA:transB:m:n:k:a:lda:b:ldb:c:ldc:scratch:path:)``
        /// falls back to ``portable``.
        case avx2FMA

        /// Whether this machine (CPU and OS) can run this path.
        public var isAvailable: Bool {
            switch self {
            case .portable: true
            case .avx2FMA: sweep_cpu_has_avx2_fma() != 0
            }
        }

        /// The fastest path this machine runs, chosen once per process: ``avx2FMA`` where available.
        public static let best: Path = Path.avx2FMA.isAvailable ? .avx2FMA : .portable

        public var description: String {
            switch self {
            case .portable: "portable"
            case .avx2FMA: "AVX2+FMA"
            }
        }

        var code: Int32 {
            switch self {
            case .portable: SWEEP_KERNEL_PORTABLE
            case .avx2FMA: SWEEP_KERNEL_AVX2_FMA
            }
        }
    }

    /// Floats of scratch ``multiply(transA:transB:m:n:k:a:lda:b:ldb:c:ldc:scratch:path:)`` needs for
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
    ///   - path: the kernel implementation; ``Path/best`` unless comparing paths.
    public static func multiply(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>, path: Path = .best
    ) {
        sweep_panel_gemm(path.code, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, scratch)
    }
}
