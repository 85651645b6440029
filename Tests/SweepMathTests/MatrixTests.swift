import SweepMath
import Testing

@Suite struct MatrixTests {
    private func naive<T: BLASScalar>(_ a: Matrix<T>, _ b: Matrix<T>) -> Matrix<T> {
        var c = Matrix<T>(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows { for j in 0..<b.columns {
            var s: T = 0
            for k in 0..<a.columns { s += a[i, k] * b[k, j] }
            c[i, j] = s
        } }
        return c
    }

    @Test func gemmMatchesNaiveProductInAllTransposeModes() {
        var rng = Xoshiro256StarStar(seed: 4)
        let a = Matrix<Double>(rows: 7, columns: 5, storage: (0..<35).map { _ in rng.nextNormal() })
        let b = Matrix<Double>(rows: 5, columns: 3, storage: (0..<15).map { _ in rng.nextNormal() })
        let ref = naive(a, b)
        let c1 = a * b
        let c2 = a.transposed.multiplied(by: b, transposeSelf: true)
        let c3 = a.multiplied(by: b.transposed, transposeOther: true)
        for c in [c1, c2, c3] {
            #expect(zip(c.storage, ref.storage).allSatisfy { abs($0 - $1) < 1e-12 })
        }
        let af = Matrix<Float>(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6])
        let bf = Matrix<Float>(rows: 2, columns: 2, storage: [1, 0, 0, 1])
        #expect((af * bf) == af)
    }

    @Test func gemvAndDot() {
        let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(a.multiplied(by: [1, 1, 1]) == [6, 15])
        #expect(a.multiplied(by: [1, 1], transpose: true) == [5, 7, 9])
        #expect(dot([1.0, 2, 3], [4, 5, 6]) == 32)
    }

    @Test func triangularSolves() {
        let l = Matrix<Double>([[2, 0, 0], [1, 3, 0], [4, 5, 6]])
        let b: [Double] = [2, 5, 32]
        let x = l.solveTriangular(b, lower: true, transpose: false)
        let back = l.multiplied(by: x)
        #expect(zip(back, b).allSatisfy { abs($0 - $1) < 1e-12 })
        let y = l.solveTriangular(b, lower: true, transpose: true)
        let backT = l.multiplied(by: y, transpose: true)
        #expect(zip(backT, b).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
