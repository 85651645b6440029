import SweepMath
import Testing

private func randomSPD(_ n: Int, seed: UInt64) -> Matrix<Double> {
    var rng = Xoshiro256StarStar(seed: seed)
    var a = Matrix<Double>(rows: n, columns: n)
    for i in 0..<(n * n) { a.storage[i] = rng.nextNormal() }
    var s = a.multiplied(by: a, transposeOther: true)  // A·Aᵀ
    for i in 0..<n { s[i, i] += Double(n) }  // well conditioned
    return s
}

private func maxAbs(_ m: Matrix<Double>) -> Double { m.storage.map(abs).max() ?? 0 }

@Suite struct CholeskyTests {
    @Test(arguments: [100, 217, 350, 500])
    func residualIsTiny(n: Int) throws {
        let a = randomSPD(n, seed: UInt64(n))
        let chol = try Cholesky(a)
        #expect(chol.jitter == 0)
        let l = chol.lower
        let llt = l.multiplied(by: l, transposeOther: true)
        var diff = llt
        for i in 0..<diff.storage.count { diff.storage[i] -= a.storage[i] }
        #expect(maxAbs(diff) / maxAbs(a) < 1e-12)
        // Strict upper triangle is zero.
        for i in 0..<n { for j in (i + 1)..<n { #expect(l[i, j] == 0) } }
    }

    @Test func solvesAgreeWithTheFactor() throws {
        let n = 120
        let a = randomSPD(n, seed: 9)
        let chol = try Cholesky(a)
        var rng = Xoshiro256StarStar(seed: 1)
        let b = (0..<n).map { _ in rng.nextNormal() }
        let x = chol.solve(b)
        let ax = a.multiplied(by: x)
        let resid = zip(ax, b).map { abs($0 - $1) }.max()!
        #expect(resid < 1e-10)
        // Two triangular solves give the same answer.
        let y = chol.solveLowerTransposed(chol.solveLower(b))
        #expect(zip(x, y).map { abs($0 - $1) }.max()! < 1e-10)
        // Multiple right-hand sides.
        let bm = Matrix<Double>(rows: n, columns: 3, storage: (0..<(3 * n)).map { _ in rng.nextNormal() })
        let xm = chol.solve(bm)
        let r = a.multiplied(by: xm)
        #expect(zip(r.storage, bm.storage).map { abs($0 - $1) }.max()! < 1e-10)
        // Inverse.
        let inv = chol.inverse()
        let eye = a.multiplied(by: inv)
        for i in 0..<n { for j in 0..<n { #expect(abs(eye[i, j] - (i == j ? 1 : 0)) < 1e-10) } }
    }

    @Test func logDeterminantMatchesDiagonalCase() throws {
        let d = Matrix<Double>([[2, 0, 0], [0, 3, 0], [0, 0, 5]])
        let chol = try Cholesky(d)
        #expect(abs(chol.logDeterminant - (2.0 * 3 * 5).logarithm) < 1e-14)
    }

    @Test func jitterRescuesSemidefinite() throws {
        // Rank-1 matrix: positive semidefinite, needs jitter.
        let v: [Double] = [1, 2, 3, 4]
        var a = Matrix<Double>(rows: 4, columns: 4)
        for i in 0..<4 { for j in 0..<4 { a[i, j] = v[i] * v[j] } }
        let chol = try Cholesky(a)
        #expect(chol.jitter > 0)
        #expect(chol.jitter <= 1e-4 * 7.5 + 1e-15)
    }

    @Test func indefiniteMatrixThrowsTypedError() {
        let a = Matrix<Double>([[1, 0], [0, -1]])
        #expect(throws: LinearAlgebraError.self) { try Cholesky(a) }
        do {
            _ = try Cholesky(a)
        } catch let error as LinearAlgebraError {
            guard case .notPositiveDefinite(let order, _, _) = error else { Issue.record("wrong case \(error)"); return }
            #expect(order == 2)
            #expect(error.description.contains("not positive definite"))
        } catch { Issue.record("untyped error") }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix<Double>([[Double.nan]])) }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix<Double>(rows: 2, columns: 3)) }
    }
}

extension Double {
    fileprivate var logarithm: Double { Foundation.log(self) }
}

import Foundation
