import Foundation
import Testing
@testable import SweepNN
import SweepTestSupport

@Suite struct DatasetTests {
    @Test func shippedDatasetsHaveTheDocumentedShapes() throws {
        let expected: [(ShippedDataset, Int, Int, Int?)] = [
            (.digits, 1797, 64, 10), (.breastCancer, 569, 30, 2), (.wine, 178, 13, 3), (.iris, 150, 4, 3), (.diabetes, 442, 10, nil),
        ]
        for (s, rows, features, classes) in expected {
            let d = try s.load()
            #expect(d.rowCount == rows, "\(s)")
            #expect(d.featureCount == features, "\(s)")
            #expect(d.classCount == classes, "\(s)")
            #expect(d.task == s.task)
        }
    }

    /// The embedded texts are the files of ../shared/data byte for byte (checked where that
    /// folder is present, as on developer machines and in CI).
    @Test func embeddedTextsEqualTheSharedFiles() throws {
        let shared = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        let texts: [(String, String)] = ShippedDataset.allCases.map { ($0.rawValue, $0.csvText) }
            + [("digits_split_seed0", ShippedCSV.digitsSplitSeed0)]
        for (name, text) in texts {
            let file = try String(contentsOf: shared.appendingPathComponent("\(name).csv"), encoding: .utf8)
            #expect(file == text + "\n", "\(name)")
        }
    }

    @Test func digitsFixedSplitIsTheReferenceSplit() throws {
        let d = try ShippedDataset.digits.load()
        let split = try DataSplit(dataset: d, strategy: .automatic, validationFraction: 0.2, seed: 99)
        #expect(split.training.count == 1437)
        #expect(split.validation.count == 360)
        // Stratified like scikit-learn's: 36 ± 1 validation rows per class.
        guard case let .classes(indices, _) = d.target else { return }
        var perClass = [Int](repeating: 0, count: 10)
        for r in split.validation { perClass[Int(indices[r])] += 1 }
        #expect(perClass.allSatisfy { (35...37).contains($0) })
    }

    @Test func syntheticGeneratorsAreSeededAndSized() throws {
        let a = SyntheticDataset.blobs(rows: 1000, features: 7, classes: 4, spread: 1, seed: 3).generate()
        let b = SyntheticDataset.blobs(rows: 1000, features: 7, classes: 4, spread: 1, seed: 3).generate()
        let c = SyntheticDataset.blobs(rows: 1000, features: 7, classes: 4, spread: 1, seed: 4).generate()
        #expect(a == b)
        #expect(a.features != c.features)
        #expect(a.rowCount == 1000 && a.featureCount == 7 && a.classCount == 4)
        let s = SyntheticDataset.twoSpirals(rows: 301, noise: 0.1, seed: 0).generate()
        #expect(s.rowCount == 301 && s.featureCount == 2 && s.classCount == 2)
        let f = SyntheticDataset.friedman1(rows: 500, features: 8, noise: 0, seed: 0).generate()
        #expect(f.task == .regression && f.featureCount == 8)
        // Noise-free Friedman #1 is the documented formula of the stored features.
        if case let .values(y) = f.target {
            let x = (0..<5).map { Double(f.features[$0]) }
            let expected = 10 * sin(Double.pi * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4]
            #expect(abs(y[0] - expected) < 1e-12)
        }
    }

    @Test func sourceSpecsParse() throws {
        #expect(try DatasetSource(parsing: "digits") == .shipped(.digits))
        #expect(try DatasetSource(parsing: "breast_cancer") == .shipped(.breastCancer))
        #expect(try DatasetSource(parsing: "blobs:100000x100") == .synthetic(.blobs(rows: 100_000, features: 100, classes: 10, spread: 1, seed: 0)))
        #expect(try DatasetSource(parsing: "spirals:500") == .synthetic(.twoSpirals(rows: 500, noise: 0.2, seed: 0)))
        #expect(try DatasetSource(parsing: "friedman1:300x6") == .synthetic(.friedman1(rows: 300, features: 6, noise: 1, seed: 0)))
        #expect(try DatasetSource(parsing: "data/my.csv", targetColumn: "y") == .csv(path: "data/my.csv", targetColumn: "y"))
        #expect(throws: DatasetError.self) { try DatasetSource(parsing: "mnist") }
        #expect(throws: DatasetError.self) { try DatasetSource(parsing: "blobs:abc") }
        #expect(throws: DatasetError.self) { try DatasetSource(parsing: "friedman1:100x3") }
    }
}
