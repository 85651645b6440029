// Sweep embedded in a hand-written training loop: ask for hyperparameters, train, report each epoch
// (the median pruner may stop the trial), tell the result. Interrupt it and run it again: the study
// lives in sweeps/embedded-example.sqlite and continues where it stopped.
//
//   swift run -c release sweep-example [trials]

import Foundation
import Sweep  // the whole library API: studies, spaces, samplers, pruners, storages, seeded RNG

/// Two interleaved half-moons with noise: a small non-linear classification problem.
func moons(count: Int, seed: UInt64) -> (x: [[Double]], y: [Int]) {
    var rng = Xoshiro256StarStar(seed: seed)
    var xs: [[Double]] = [], ys: [Int] = []
    for i in 0..<count {
        let label = i % 2
        let t = Double.pi * rng.nextUnit()
        let point = label == 0 ? [cos(t), sin(t)] : [1 - cos(t), 0.5 - sin(t)]
        xs.append([point[0] + 0.15 * rng.nextNormal(), point[1] + 0.15 * rng.nextNormal()])
        ys.append(label)
    }
    return (xs, ys)
}

/// A one-hidden-layer tanh network with a sigmoid output, trained by plain SGD.
struct TinyNet {
    var w1: [[Double]], b1: [Double], w2: [Double], b2 = 0.0

    init(hidden: Int, rng: inout Xoshiro256StarStar) {
        w1 = (0..<hidden).map { _ in [rng.nextNormal(), rng.nextNormal()] }
        b1 = Array(repeating: 0, count: hidden)
        w2 = (0..<hidden).map { _ in rng.nextNormal() / Double(hidden).squareRoot() }
    }

    func forward(_ x: [Double]) -> (hidden: [Double], p: Double) {
        let h = zip(w1, b1).map { tanh($0[0] * x[0] + $0[1] * x[1] + $1) }
        let z = zip(h, w2).reduce(b2) { $0 + $1.0 * $1.1 }
        return (h, 1 / (1 + exp(-z)))
    }

    mutating func step(_ x: [Double], _ y: Int, lr: Double, weightDecay: Double) {
        let (h, p) = forward(x)
        let dz = p - Double(y)
        for j in w2.indices {
            let dh = dz * w2[j] * (1 - h[j] * h[j])
            w2[j] -= lr * (dz * h[j] + weightDecay * w2[j])
            w1[j][0] -= lr * (dh * x[0] + weightDecay * w1[j][0])
            w1[j][1] -= lr * (dh * x[1] + weightDecay * w1[j][1])
            b1[j] -= lr * dh
        }
        b2 -= lr * dz
    }

    func accuracy(_ xs: [[Double]], _ ys: [Int]) -> Double {
        Double(zip(xs, ys).filter { (forward($0).p > 0.5 ? 1 : 0) == $1 }.count) / Double(xs.count)
    }
}

let budget = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 30 : 30
let train = moons(count: 600, seed: 1), validation = moons(count: 300, seed: 2)

let space = try SearchSpace([
    .float("lr", 1e-3, 1.0, log: true),
    .int("hidden", 2, 64, log: true),
    .float("weight_decay", 1e-6, 1e-2, log: true),
])
let study = try Study.open(
    name: "embedded-example", storage: try SQLiteStorage(path: "sweeps/embedded-example.sqlite"),
    space: space, direction: .maximize, sampler: SobolSampler(), pruner: MedianPruner(warmupTrials: 4, warmupSteps: 3), seed: 42)
SignalStop.install()

while !SignalStop.received, let trial = try study.ask(limits: .init(totalTrials: budget)) {
    let lr = try trial.float("lr"), hidden = try trial.int("hidden"), wd = try trial.float("weight_decay")
    var rng = trial.rng()
    var net = TinyNet(hidden: hidden, rng: &rng)
    var order = Array(train.x.indices)
    var accuracy = 0.0
    do {
        for epoch in 1...30 {
            rng.shuffle(&order)
            for i in order { net.step(train.x[i], train.y[i], lr: lr, weightDecay: wd) }
            accuracy = net.accuracy(validation.x, validation.y)
            try trial.report(step: epoch, value: accuracy)
        }
        try study.tell(trial, .value(accuracy))
        print("trial \(trial.number): lr=\(String(format: "%.4f", lr)) hidden=\(hidden) → accuracy \(accuracy)")
    } catch is TrialPruned {
        try study.tell(trial, .pruned)
        print("trial \(trial.number): pruned at accuracy \(accuracy)")
    }
}
if let best = try study.bestTrial() {
    print("best trial #\(best.number): accuracy \(best.value!) with \(best.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
}
