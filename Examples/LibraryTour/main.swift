// The README's "Using the library" example, compiled and run by the tests (its code block must stay
// identical to the one in README.md: DocumentationTests checks it). The two training functions stand in
// for a real model: smooth in log10(lr) with a best value near lr = 10^-2.5.
//
//   swift run sweep-library-tour        (writes sweeps/my-net.sqlite in the working directory)

import Foundation
import Sweep

/// One epoch of a stand-in model: validation accuracy as a function of the learning rate.
func trainOneEpoch(lr: Double) -> Double {
    let distance = log10(lr) + 2.5
    return 1 / (1 + distance * distance)
}

/// A whole stand-in training run: accuracy from the learning rate and depth.
func train(lr: Double, layers: Int) -> Double {
    trainOneEpoch(lr: lr) - 0.01 * Double(abs(layers - 2))
}

let space = try SearchSpace([
    .float("lr", 1e-4, 1e-1, log: true),
    .int("layers", 1, 4),
    .categorical("activation", ["relu", "tanh"]),
])
let study = try Study.open(name: "my-net", storage: try SQLiteStorage(path: "sweeps/my-net.sqlite"),
                           space: space, direction: .maximize, pruner: MedianPruner(), seed: 0)

// Ask/tell around your own training loop …
if let trial = try study.ask() {
    let lr = try trial.float("lr")
    var accuracy = 0.0
    for epoch in 1...20 {
        accuracy = trainOneEpoch(lr: lr)
        try trial.report(step: epoch, value: accuracy)   // throws TrialPruned when the pruner says stop
    }
    try study.tell(trial, .value(accuracy))
}

// … or let the worker pool run it (dedicated threads, leases, Ctrl-C handling).
try study.optimize(trials: 50, workers: 2) { trial in
    try train(lr: trial.float("lr"), layers: trial.int("layers"))
}

if let best = try study.bestTrial(), let value = best.value {
    print("best trial #\(best.number): \(value) (\(try study.trials().count) trials)")
}
