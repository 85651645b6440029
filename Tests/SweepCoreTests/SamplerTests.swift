import SweepCore
import SweepMath
import Testing

private func context(_ space: SearchSpace, _ n: Int, seed: UInt64 = 0, trials: [Trial] = []) -> SamplingContext {
    SamplingContext(space: space, trialNumber: n, seed: seed, direction: .minimize, trials: trials)
}

@Suite struct SamplerTests {
    let space = try! SearchSpace([
        .float("lr", 1e-4, 1e-1, log: true),
        .int("layers", 1, 4),
        .categorical("activation", ["relu", "tanh"]),
    ])

    @Test func randomSamplerIsDeterministicPerSeedAndTrial() throws {
        let s = RandomSampler()
        let a = try (0..<20).map { try s.suggest(in: context(space, $0, seed: 7)).params }
        let b = try (0..<20).map { try s.suggest(in: context(space, $0, seed: 7)).params }
        let c = try (0..<20).map { try s.suggest(in: context(space, $0, seed: 8)).params }
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == 20)
        // Trial n's suggestion does not depend on history.
        let withHistory = try s.suggest(in: context(space, 5, seed: 7, trials: [Trial(number: 0, state: .complete, value: 1)]))
        #expect(withHistory.params == a[5])
    }

    @Test func randomSamplerCoversTheSpace() throws {
        let s = RandomSampler()
        let draws = try (0..<2000).map { try s.suggest(in: context(space, $0, seed: 1)).params }
        let layers = Dictionary(grouping: draws, by: { $0["layers"]! }).mapValues(\.count)
        #expect(layers.count == 4 && layers.values.allSatisfy { $0 > 400 })
        let lrs = draws.map { $0["lr"]!.doubleValue! }
        #expect(lrs.min()! >= 1e-4 && lrs.max()! <= 1e-1)
        // Log-uniform: about a third of the draws below 1e-3.
        let below = Double(lrs.filter { $0 < 1e-3 }.count) / 2000
        #expect(abs(below - 1.0 / 3) < 0.04)
    }

    @Test func gridOrderAndSize() throws {
        let grid = try SearchSpace([
            .categorical("act", ["relu", "tanh"]),
            .int("layers", 1, 3),
            Parameter("lr", .float(lower: 1e-4, upper: 1e-1, log: true), gridValues: [1e-3, 1e-2]),
        ])
        let g = GridSampler()
        #expect(try g.capacity(of: grid) == 12)
        let pts = try g.points(of: grid)
        #expect(pts[0] == ["act": "relu", "layers": 1, "lr": 1e-3])
        #expect(pts[1] == ["act": "relu", "layers": 1, "lr": 1e-2])
        #expect(pts[2] == ["act": "relu", "layers": 2, "lr": 1e-3])
        #expect(pts[11] == ["act": "tanh", "layers": 3, "lr": 1e-2])
        #expect(Set(pts).count == 12)

        // The sampler walks the grid in order, skipping taken points, then reports exhaustion.
        var trials: [Trial] = []
        for n in 0..<12 {
            let s = try g.suggest(in: context(grid, n, trials: trials))
            #expect(s.params == pts[n])
            trials.append(Trial(number: n, state: .complete, params: s.params, value: 0, attributes: s.attributes))
        }
        #expect(throws: SamplerError.exhausted(total: 12)) { try g.suggest(in: context(grid, 12, trials: trials)) }
    }

    @Test func gridHandlesStepsAndConditions() throws {
        let grid = try SearchSpace([
            .categorical("opt", ["sgd", "adam"]),
            .float("momentum", 0, 0.9, step: 0.45, when: Condition(parent: "opt", in: ["sgd"])),
            .int("batch", 32, 128, step: 32),
        ])
        let pts = try GridSampler().points(of: grid)
        // sgd: 3 momentum × 4 batch = 12; adam: 4 batch.
        #expect(pts.count == 16)
        #expect(pts.filter { $0["opt"] == "adam" }.allSatisfy { $0["momentum"] == nil })
        #expect(pts.first == ["opt": "sgd", "momentum": 0.0, "batch": 32])
    }

    @Test func gridRefusesContinuousFloatsWithAClearError() {
        let s = try! SearchSpace([.float("lr", 1e-4, 1e-1, log: true)])
        do {
            _ = try GridSampler().capacity(of: s)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("'lr'"))
            #expect("\(error)".contains("values"))
        }
    }

    @Test func sobolSamplerIsSpreadAndReproducible() throws {
        let s = SobolSampler()
        let a = try (0..<64).map { try s.suggest(in: context(space, $0, seed: 3)).params }
        let b = try (0..<64).map { try s.suggest(in: context(space, $0, seed: 3)).params }
        #expect(a == b)
        // Balanced: each of the 4 layer values appears exactly 16 times in the first 64 points.
        let counts = Dictionary(grouping: a, by: { $0["layers"]! }).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 == 16 })
    }
}
