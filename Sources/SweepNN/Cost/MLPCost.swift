import SweepMath

/// What a built-in MLP costs to keep and to run, for trading accuracy against production cost
/// (multi-objective sweeps, constraints such as "latency ≤ 200 µs").
///
/// Exact quantities (functions of the layout only):
/// - `parameter_count` = Σ_l (in_l·out_l + out_l) over the dense layers (weights and biases);
/// - `flops_per_row` = 2·Σ_l in_l·out_l: multiply-adds of the matrix products of one forward pass,
///   counted as 2 floating-point operations each (bias additions and activations are not counted);
/// - `model_bytes` = 4·`parameter_count`: the `Float32` weights and biases as a checkpoint stores them
///   (the rest of an ``MLPCheckpoint`` — manifest, optimizer moments — is not part of the model).
///
/// Measured quantities (this machine, this moment; see ``MeasurementSchedule``):
/// - `latency_us`: median wall time of one forward pass for a batch of 1 row, in microseconds;
/// - `throughput_rows_s`: 256 divided by the median wall time of one forward pass for a batch of
///   256 rows, in rows per second.
/// Both time the network's forward pass on standardised inputs (no input scaling, no softmax), with
/// BLAS limited to one thread during the measurement. They vary between runs and machines; compare
/// them only within one run.
public struct MLPCost: Sendable, Equatable {
    /// Weights plus biases.
    public var parameterCount: Int
    /// Floating-point operations of one row's forward pass (2 per multiply-add).
    public var flopsPerRow: Int
    /// Bytes of the `Float32` parameters.
    public var modelBytes: Int
    /// Median batch-1 forward time in microseconds (nil when not measured).
    public var latencyMicroseconds: Double?
    /// Batch-256 rows per second (nil when not measured).
    public var throughputRowsPerSecond: Double?

    /// How many forward passes are timed. Defaults: 50 warm-up and 501 timed batch-1 passes, 3 warm-up
    /// and 31 timed batch-256 passes.
    public struct MeasurementSchedule: Sendable, Equatable {
        public var latencyWarmup: Int
        public var latencyRepeats: Int
        public var throughputWarmup: Int
        public var throughputRepeats: Int

        public init(latencyWarmup: Int = 50, latencyRepeats: Int = 501, throughputWarmup: Int = 3,
                    throughputRepeats: Int = 31) {
            self.latencyWarmup = max(0, latencyWarmup)
            self.latencyRepeats = max(1, latencyRepeats)
            self.throughputWarmup = max(0, throughputWarmup)
            self.throughputRepeats = max(1, throughputRepeats)
        }
    }

    /// Rows per batch for ``throughputRowsPerSecond``.
    public static let throughputBatch = 256

    /// The exact costs of `layout` (measured fields nil).
    public static func exact(_ layout: NetworkLayout) -> MLPCost {
        let multiplyAdds = layout.layers.reduce(0) { $0 + $1.inputs * $1.outputs }
        return MLPCost(parameterCount: layout.parameterCount, flopsPerRow: 2 * multiplyAdds,
                       modelBytes: MemoryLayout<Float>.size * layout.parameterCount,
                       latencyMicroseconds: nil, throughputRowsPerSecond: nil)
    }

    /// Exact costs plus latency and throughput measured on `model` with `schedule`.
    /// - Throws: ``MLPCostError/parameterCountMismatch(expected:got:)`` when the parameters do not fit
    ///   the layout.
    public static func measure(model: MLPModel, schedule: MeasurementSchedule = MeasurementSchedule()) throws -> MLPCost {
        guard model.parameters.count == model.layout.parameterCount else {
            throw MLPCostError.parameterCountMismatch(expected: model.layout.parameterCount, got: model.parameters.count)
        }
        var cost = exact(model.layout)
        let previousThreads = BLASThreads.threadCount
        BLASThreads.setThreadCount(1)
        defer { if let previousThreads { BLASThreads.setThreadCount(previousThreads) } }
        cost.latencyMicroseconds = medianForwardSeconds(model, rows: 1, warmup: schedule.latencyWarmup,
                                                        repeats: schedule.latencyRepeats) * 1e6
        let batch = medianForwardSeconds(model, rows: throughputBatch, warmup: schedule.throughputWarmup,
                                         repeats: schedule.throughputRepeats)
        cost.throughputRowsPerSecond = Double(throughputBatch) / batch
        return cost
    }

    /// The metrics by the names configs and reports use (`parameter_count`, `flops_per_row`,
    /// `model_bytes`, and `latency_us`, `throughput_rows_s` when measured).
    public var metrics: [String: Double] {
        var m = ["parameter_count": Double(parameterCount), "flops_per_row": Double(flopsPerRow),
                 "model_bytes": Double(modelBytes)]
        if let latencyMicroseconds { m["latency_us"] = latencyMicroseconds }
        if let throughputRowsPerSecond { m["throughput_rows_s"] = throughputRowsPerSecond }
        return m
    }

    /// Median wall time in seconds of one forward pass over `rows` fixed pseudo-random rows.
    private static func medianForwardSeconds(_ model: MLPModel, rows: Int, warmup: Int, repeats: Int) -> Double {
        let engine = NetworkEngine<Float>(layout: model.layout, activation: model.activation, dropout: 0,
                                          capacity: rows, parameters: model.parameters)
        var rng = Xoshiro256StarStar(seed: 0, stream: 0x636f7374)
        let input = (0..<(rows * model.layout.inputCount)).map { _ in Float(rng.nextNormal()) }
        let clock = ContinuousClock()
        var times: [Double] = []
        times.reserveCapacity(repeats)
        var sink: Float = 0
        input.withUnsafeBufferPointer { x in
            for i in 0..<(warmup + repeats) {
                let start = clock.now
                engine.forward(input: x.baseAddress!, rows: rows, dropoutRNG: nil)
                let elapsed = clock.now - start
                sink += engine.outputs[0]
                if i >= warmup {
                    let c = elapsed.components
                    times.append(Double(c.seconds) + Double(c.attoseconds) * 1e-18)
                }
            }
        }
        keepAlive(sink)
        times.sort()
        return max(times[times.count / 2], 1e-9)
    }
}

/// Consumes a value so that the optimiser keeps the computation that produced it.
@inline(never)
private func keepAlive(_ value: Float) {
    withExtendedLifetime(value) {}
}
