import Testing
@testable import SweepNN

@Suite struct MLPCostTests {
    /// Hand-computed: parameters = Σ (in·out + out), FLOPs = 2·Σ in·out, bytes = 4·parameters.
    @Test(arguments: [
        (4, [8], 3, 4 * 8 + 8 + 8 * 3 + 3, 2 * (4 * 8 + 8 * 3)),
        (64, [128, 64], 10, 64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, 2 * (64 * 128 + 128 * 64 + 64 * 10)),
        (5, [], 1, 6, 10),
        (784, [256, 256, 256], 10, 784 * 256 + 256 + 2 * (256 * 256 + 256) + 2570, 2 * (784 * 256 + 2 * 65536 + 2560)),
    ])
    func exactCostsMatchHandComputedValues(inputs: Int, hidden: [Int], outputs: Int, parameters: Int, flops: Int) {
        let cost = MLPCost.exact(NetworkLayout(inputCount: inputs, hiddenWidths: hidden, outputCount: outputs))
        #expect(cost.parameterCount == parameters)
        #expect(cost.flopsPerRow == flops)
        #expect(cost.modelBytes == 4 * parameters)
        #expect(cost.latencyMicroseconds == nil && cost.throughputRowsPerSecond == nil)
        #expect(cost.metrics.keys.sorted() == ["flops_per_row", "model_bytes", "parameter_count"])
    }

    @Test func smallNumbersSpelledOut() {
        let cost = MLPCost.exact(NetworkLayout(inputCount: 4, hiddenWidths: [8], outputCount: 3))
        #expect(cost.metrics == ["parameter_count": 67, "flops_per_row": 112, "model_bytes": 268])
    }

    @Test func modelBytesAreTheWeightsACheckpointStores() {
        let layout = NetworkLayout(inputCount: 7, hiddenWidths: [5, 3], outputCount: 2)
        var w = ByteWriter()
        w.write(floats: [Float](repeating: 0.5, count: layout.parameterCount))
        // The checkpoint's parameter block is an 8-byte count followed by the Float32 values.
        #expect(w.bytes.count - 8 == MLPCost.exact(layout).modelBytes)
    }

    /// Measured values are only checked for sanity: positive and finite (timing is never asserted).
    @Test func measuredCostsArePositiveAndFinite() throws {
        let layout = NetworkLayout(inputCount: 6, hiddenWidths: [16, 8], outputCount: 3)
        let model = MLPModel(layout: layout, activation: .relu, featureNames: (0..<6).map { "f\($0)" },
                             targetName: "y", standardizer: Standardizer(means: Array(repeating: 0, count: 6),
                                                                         scales: Array(repeating: 1, count: 6)),
                             output: .classes(names: ["a", "b", "c"]),
                             parameters: (0..<layout.parameterCount).map { Float($0 % 7) * 0.01 })
        let schedule = MLPCost.MeasurementSchedule(latencyWarmup: 2, latencyRepeats: 11, throughputWarmup: 1,
                                                   throughputRepeats: 3)
        let cost = try MLPCost.measure(model: model, schedule: schedule)
        #expect(cost.parameterCount == layout.parameterCount)
        let latency = cost.latencyMicroseconds ?? -1, throughput = cost.throughputRowsPerSecond ?? -1
        #expect(latency > 0 && latency.isFinite)
        #expect(throughput > 0 && throughput.isFinite)
        #expect(cost.metrics["latency_us"] == latency && cost.metrics["throughput_rows_s"] == throughput)
        var broken = model
        broken.parameters.removeLast()
        #expect(throws: MLPCostError.parameterCountMismatch(expected: layout.parameterCount, got: layout.parameterCount - 1)) {
            try MLPCost.measure(model: broken, schedule: schedule)
        }
    }
}
