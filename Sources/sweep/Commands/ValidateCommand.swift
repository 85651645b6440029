import ArgumentParser
import Foundation
import Sweep
import SweepCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a sweep file and print what it would run, without running anything.")

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        try guarded {
            let config = try SweepConfig.load(path: file)
            let gridSize = config.method.name == "grid" ? try GridSampler().capacity(of: config.space) : nil
            let warmStart = try config.warmStart.map { try WarmStart.load($0, for: config) }
            if json {
                var o: [String: AttributeValue] = [
                    "name": .string(config.name), "seed": .number(Double(config.seed)),
                    "metric": .object(["name": .string(config.metric.name), "goal": .string(config.metric.goal.rawValue)]),
                    "method": .object(["name": .string(config.method.name), "options": .object(config.method.options)]),
                    "objective": .string(config.objective.kind),
                    "parameters": .array(config.space.parameters.map { p in
                        .object(["name": .string(p.name), "domain": .string(p.domain.description),
                                 "condition": p.condition.map { .string($0.description) } ?? .null])
                    }),
                    "storage": .string(try StorageLocation.parse(config.storage, sweepName: config.name).description),
                    "trials": config.budget.trials.map { .number(Double($0)) } ?? .null,
                    "workers": .number(Double(config.budget.workers)),
                ]
                if let gridSize { o["grid_size"] = .number(Double(gridSize)) }
                if let w = warmStart {
                    o["warm_start"] = .object(["from": .string(w.sweep), "prior_trials": .number(Double(w.priorTrials.count)),
                                               "dropped": .number(Double(w.dropped)), "top": .number(Double(w.top))])
                }
                Format.printJSON(.object(o))
                return
            }
            print("\(file): OK")
            print("  name:      \(config.name) (seed \(config.seed))")
            print("  metric:    \(config.metric.name), \(config.metric.goal.rawValue)")
            var method = config.method.name
            if !config.method.options.isEmpty { method += " " + AttributeValue.object(config.method.options).jsonText }
            if let gridSize { method += " (\(gridSize) grid points)" }
            print("  method:    \(method)")
            print("  objective: \(ConfigFingerprint.describe(config.objective))")
            print("  budget:    \(config.budget.trials.map { "\($0) trials" } ?? "no trial limit"), \(config.budget.workers) worker(s)"
                  + (config.budget.timeLimit.map { ", time limit \(Format.duration($0))" } ?? "")
                  + (config.budget.maxFailed.map { ", at most \($0) failures" } ?? ""))
            if let pruner = config.pruner { print("  pruner:    \(pruner.name)") }
            if let w = warmStart {
                print("  warm start: \(w.priorTrials.count) trials of sweep '\(w.sweep)' (\(w.dropped) outside this space), best \(w.top) first")
            }
            print("  storage:   \(try StorageLocation.parse(config.storage, sweepName: config.name))")
            print("  parameters:")
            for p in config.space.parameters {
                print("    \(p.name): \(p.domain)" + (p.condition.map { " when \($0)" } ?? ""))
            }
        }
    }
}
