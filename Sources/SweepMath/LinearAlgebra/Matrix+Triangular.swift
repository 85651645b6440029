import _CLAPACK

extension Matrix where Scalar == Double {
    /// Solves `T·x = b` (or `Tᵀ·x = b`) where `self` is triangular, through BLAS `dtrsv`.
    ///
    /// - Parameters:
    ///   - lower: whether `self` is lower (true) or upper (false) triangular; the other triangle is ignored.
    ///   - transpose: solve with `Tᵀ` instead of `T`.
    public func solveTriangular(_ b: [Double], lower: Bool, transpose: Bool) -> [Double] {
        precondition(isSquare && b.count == rows, "solveTriangular: shape mismatch")
        var x = b
        if rows == 0 { return x }
        storage.withUnsafeBufferPointer { t in
            x.withUnsafeMutableBufferPointer { xp in
                cblas_dtrsv(CblasRowMajor, lower ? CblasLower : CblasUpper,
                            transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                            Int32(rows), t.baseAddress, Int32(rows), xp.baseAddress, 1)
            }
        }
        return x
    }

    /// Solves `T·X = B` (or `Tᵀ·X = B`) for a matrix of right-hand sides, through BLAS `dtrsm`.
    public func solveTriangular(_ b: Matrix<Double>, lower: Bool, transpose: Bool) -> Matrix<Double> {
        precondition(isSquare && b.rows == rows, "solveTriangular: shape mismatch")
        var x = b
        if rows == 0 || b.columns == 0 { return x }
        storage.withUnsafeBufferPointer { t in
            x.storage.withUnsafeMutableBufferPointer { xp in
                cblas_dtrsm(CblasRowMajor, CblasLeft, lower ? CblasLower : CblasUpper,
                            transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                            Int32(rows), Int32(b.columns), 1, t.baseAddress, Int32(rows),
                            xp.baseAddress, Int32(b.columns))
            }
        }
        return x
    }
}
