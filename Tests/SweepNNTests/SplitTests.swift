import Testing
@testable import SweepNN

@Suite struct SplitTests {
    @Test func stratifiedSplitKeepsClassProportions() throws {
        // 3 classes of 50, 30 and 20 rows.
        let labels: [Int32] = (0..<100).map { $0 < 50 ? 0 : ($0 < 80 ? 1 : 2) }
        let d = Dataset(name: "s", featureNames: ["x"], targetName: "y", features: (0..<100).map(Float.init),
                        target: .classes(indices: labels, names: ["a", "b", "c"]))
        let split = try DataSplit(dataset: d, strategy: .stratified, validationFraction: 0.2, seed: 5)
        #expect(split.validation.count == 20)
        #expect(split.training.count == 80)
        #expect(Set(split.training).isDisjoint(with: split.validation))
        var perClass = [0, 0, 0]
        for r in split.validation { perClass[Int(labels[r])] += 1 }
        #expect(perClass == [10, 6, 4])
        // Same seed, same split; another seed, another selection.
        #expect(try DataSplit(dataset: d, strategy: .stratified, validationFraction: 0.2, seed: 5) == split)
        #expect(try DataSplit(dataset: d, strategy: .stratified, validationFraction: 0.2, seed: 6) != split)
    }

    @Test func roundingRemaindersGoToTheLargestFractions() throws {
        // 7 + 5 rows, fraction 0.25: ⌈3⌉ = 3 validation rows; floors 1 + 1, remainders .75 / .25.
        let labels: [Int32] = (0..<12).map { $0 < 7 ? 0 : 1 }
        let d = Dataset(name: "s", featureNames: ["x"], targetName: "y", features: [Float](repeating: 0, count: 12),
                        target: .classes(indices: labels, names: ["a", "b"]))
        let split = try DataSplit(dataset: d, strategy: .stratified, validationFraction: 0.25, seed: 1)
        #expect(split.validation.filter { labels[$0] == 0 }.count == 2)
        #expect(split.validation.filter { labels[$0] == 1 }.count == 1)
    }

    @Test func regressionSplitIsASeededShuffle() throws {
        let d = TestData.friedman(rows: 101)
        let split = try DataSplit(dataset: d, strategy: .automatic, validationFraction: 0.3, seed: 2)
        #expect(split.validation.count == 31)
        #expect(split.training.count == 70)
    }

    @Test func fixedSplitNeedsOne() {
        let d = TestData.blobs()
        #expect(throws: DatasetError.self) {
            try DataSplit(dataset: d, strategy: .fixed, validationFraction: 0.2, seed: 0)
        }
    }

    @Test func standardiserIsFittedOnTrainingRowsOnly() throws {
        // Validation rows carry an outlier; the statistics must not see it.
        let features: [Float] = [1, 10, 3, 10, 5, 10, 1000, -7]
        let s = Standardizer(fitting: features, columns: 2, rows: [0, 1, 2])
        #expect(s.means == [3, 10])
        #expect(abs(s.scales[0] - (8.0 / 3.0).squareRoot()) < 1e-6)
        #expect(s.scales[1] == 1)  // constant column: scale 1, values stay finite
        let out = s.transform(features, columns: 2, rows: [3])
        #expect(abs(out[0] - (997 / s.scales[0])) < 1e-3)
        #expect(out[1] == -17)

        // Through the trainer: its standardiser equals one fitted on its training rows.
        let data = TestData.blobs(rows: 120, features: 3, classes: 2)
        let trainer = try MLPTrainer(configuration: TestData.config(), dataset: data)
        let split = try DataSplit(dataset: data, strategy: .stratified, validationFraction: 0.2, seed: 0)
        #expect(trainer.standardizer == Standardizer(fitting: data.features, columns: 3, rows: split.training))
        #expect(trainer.standardizer != Standardizer(fitting: data.features, columns: 3, rows: Array(0..<120)))
    }
}
