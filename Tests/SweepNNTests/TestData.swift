import Foundation
@testable import SweepNN
import SweepMath

/// Small datasets and helpers shared by the SweepNN tests.
enum TestData {
    /// 2-class / k-class Gaussian blobs small enough for debug-build training.
    static func blobs(rows: Int = 200, features: Int = 5, classes: Int = 3, seed: UInt64 = 1) -> Dataset {
        SyntheticDataset.blobs(rows: rows, features: features, classes: classes, spread: 1, seed: seed).generate()
    }

    static func friedman(rows: Int = 300, seed: UInt64 = 2) -> Dataset {
        SyntheticDataset.friedman1(rows: rows, features: 6, noise: 0.5, seed: seed).generate()
    }

    /// Random values in [-1, 1).
    static func uniform(_ count: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in rng.nextUniform(-1, 1) }
    }

    static func config(_ edit: (inout MLPConfiguration) -> Void = { _ in }) -> MLPConfiguration {
        var c = MLPConfiguration()
        c.hiddenWidths = [16, 8]
        c.batchSize = 32
        c.epochs = 4
        c.learningRate = 0.01
        edit(&c)
        return c
    }
}
