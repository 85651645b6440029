import _CLAPACK

/// Allocation-free LAPACK/BLAS kernels on raw row-major buffers, for hot loops (GP fitting and
/// prediction) that cannot afford ``Cholesky``'s copies.
///
/// Layout trick: a symmetric matrix stored row-major is the same memory as its column-major
/// transpose, so every call here uses LAPACK's native column-major layout with the *upper*
/// triangle, which reads and writes exactly the row-major *lower* triangle — no transposition
/// buffers (LAPACKE's row-major path copies the whole matrix twice).
public enum SymmetricPositiveDefinite {
    /// Lower Cholesky factor in place (`dpotrf`); only the lower triangle is read and written.
    /// Returns LAPACK's info (0 on success, k > 0 when the leading minor of order k is not positive).
    @discardableResult
    public static func factor(_ a: UnsafeMutablePointer<Double>, order n: Int) -> Int32 {
        if n == 0 { return 0 }
        return LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n))
    }

    /// Factors `a` in place, raising the diagonal on failure by `initialJitter · mean(diag)`, ×10 per
    /// attempt, up to `maxJitter · mean(diag)` (the policy of ``Cholesky``). Returns the jitter used
    /// (0 when none was needed) or nil when even the largest failed (`a` then holds garbage).
    public static func factorWithJitter(_ a: inout [Double], order n: Int, initialJitter: Double = 1e-10,
                                        maxJitter: Double = 1e-4) -> Double? {
        var meanDiagonal = 0.0
        for i in 0..<n { meanDiagonal += a[i * n + i] }
        meanDiagonal = n > 0 ? abs(meanDiagonal) / Double(n) : 1
        if meanDiagonal == 0 || !meanDiagonal.isFinite { meanDiagonal = 1 }
        let original = a
        var jitter = 0.0
        var relative = initialJitter
        while true {
            let info = a.withUnsafeMutableBufferPointer { factor($0.baseAddress!, order: n) }
            if info == 0 { return jitter }
            if info < 0 || relative > maxJitter * (1 + 1e-9) { return nil }
            jitter = relative * meanDiagonal
            relative *= 10
            a = original
            for i in 0..<n { a[i * n + i] += jitter }
        }
    }

    /// Solves `(L·Lᵀ)·x = b` in place for one right-hand side (`dpotrs`), `l` from ``factor(_:order:)``.
    public static func solve(factor l: UnsafePointer<Double>, order n: Int, _ b: UnsafeMutablePointer<Double>) {
        if n == 0 { return }
        _ = LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), 1, l, Int32(n), b, Int32(n))
    }

    /// Replaces the factor `L` (lower triangle) by the lower triangle of `(L·Lᵀ)⁻¹` (`dpotri`).
    @discardableResult
    public static func invert(factor l: UnsafeMutablePointer<Double>, order n: Int) -> Int32 {
        if n == 0 { return 0 }
        return LAPACKE_dpotri_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), l, Int32(n))
    }

    /// Overwrites each row `bᵢ` of the row-major `rows × n` matrix `b` by `L⁻¹·bᵢ` (`dtrsm`, right side:
    /// `B ← B·L⁻ᵀ`). This is the batched "whitening" step of GP prediction.
    public static func solveRows(factor l: UnsafePointer<Double>, order n: Int, _ b: UnsafeMutablePointer<Double>, rows: Int) {
        if n == 0 || rows == 0 { return }
        cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit,
                    Int32(rows), Int32(n), 1, l, Int32(n), b, Int32(n))
    }

    /// `y ← A·x` for a row-major `rows × n` matrix (`dgemv`).
    public static func multiply(_ a: UnsafePointer<Double>, rows: Int, columns n: Int, _ x: UnsafePointer<Double>,
                                into y: UnsafeMutablePointer<Double>) {
        if rows == 0 { return }
        if n == 0 { for i in 0..<rows { y[i] = 0 }; return }
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(n), 1, a, Int32(n), x, 1, 0, y, 1)
    }
}
