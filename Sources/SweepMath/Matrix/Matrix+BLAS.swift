extension Matrix {
    /// `op(A)·op(B)` through BLAS `?gemm`.
    ///
    /// - Precondition: inner dimensions agree.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let k2 = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        precondition(k == k2, "gemm: inner dimensions \(k) and \(k2) differ")
        var c = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 { return c }
        if k == 0 { return c }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    Scalar.gemm(transA: transposeSelf, transB: transposeOther, m: m, n: n, k: k,
                                alpha: 1, a: a.baseAddress!, lda: max(columns, 1),
                                b: b.baseAddress!, ldb: max(other.columns, 1),
                                beta: 0, c: cp.baseAddress!, ldc: max(n, 1))
                }
            }
        }
        return c
    }

    /// `A·x` (or `Aᵀ·x` when `transpose`) through BLAS `?gemv`.
    public func multiplied(by x: [Scalar], transpose: Bool = false) -> [Scalar] {
        let outCount = transpose ? columns : rows
        let inCount = transpose ? rows : columns
        precondition(x.count == inCount, "gemv: vector has \(x.count) elements, expected \(inCount)")
        var y = [Scalar](repeating: 0, count: outCount)
        if outCount == 0 || inCount == 0 { return y }
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    Scalar.gemv(trans: transpose, m: rows, n: columns, alpha: 1, a: a.baseAddress!,
                                lda: columns, x: xp.baseAddress!, beta: 0, y: yp.baseAddress!)
                }
            }
        }
        return y
    }

    /// Matrix product, `lhs · rhs`.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiplied(by: rhs) }
}

/// Dot product of two equal-length vectors through BLAS.
public func dot<Scalar: BLASScalar>(_ x: [Scalar], _ y: [Scalar]) -> Scalar {
    precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count) differ")
    if x.isEmpty { return 0 }
    return x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in Scalar.dot(n: x.count, xp.baseAddress!, yp.baseAddress!) }
    }
}
