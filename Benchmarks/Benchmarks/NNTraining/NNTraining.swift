import Benchmark
import Sweep

// One training epoch per iteration on digits (the fixed 1437-row training split) for the
// architectures and batches of ../shared/peers/nn-training.md §2, and on the 100k x 100
// synthetic set (3x256, batch 256, §4). Throughput is epochs/s: multiply by the training rows
// for samples/s (scripts/bench/nn prints samples/s next to PyTorch). mallocCountTotal shows the
// hot loop allocates nothing per step: the count per epoch does not grow with the batch count.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    let digits: Dataset
    do {
        digits = try ShippedDataset.digits.load()
    } catch {
        fatalError("digits: \(error)")
    }
    for (layers, width) in [(1, 64), (2, 128), (3, 256), (4, 512)] {
        for batch in [32, 128] {
            Benchmark("digits \(layers)x\(width) batch \(batch) epoch") { benchmark in
                try trainEpochs(benchmark, dataset: digits, layers: layers, width: width, batch: batch)
            }
        }
    }

    Benchmark("blobs 100000x100 3x256 batch 256 epoch",
              configuration: .init(maxDuration: .seconds(20), maxIterations: 3)) { benchmark in
        let data = SyntheticDataset.blobs(rows: 100_000, features: 100, classes: 10, spread: 1, seed: 0).generate()
        try trainEpochs(benchmark, dataset: data, layers: 3, width: 256, batch: 256)
    }
}

/// Builds the trainer outside the measurement, then times `scaledIterations` epochs.
func trainEpochs(_ benchmark: Benchmark, dataset: Dataset, layers: Int, width: Int, batch: Int) throws {
    var config = MLPConfiguration()
    config.hiddenWidths = [Int](repeating: width, count: layers)
    config.batchSize = batch
    config.epochs = 1_000_000  // the schedule horizon only; epochs are driven here
    let trainer = try MLPTrainer(configuration: config, dataset: dataset)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
        blackHole(try trainer.trainEpoch())
    }
    benchmark.stopMeasurement()
}
