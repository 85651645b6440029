import ArgumentParser
import Foundation
import Sweep
import SweepCore

/// Options for commands that read a stored sweep.
struct SweepTarget: ParsableArguments {
    @Argument(help: "Sweep name (looked up in sweeps/<name>.sqlite), its YAML file, or a database file.")
    var target: String

    @Option(name: .long, help: "Where the sweep is stored (SQLite path or postgresql:// URL); TARGET is then the sweep name.")
    var storage: String?

    /// The sweep, for a command that reads or changes it from this one thread.
    func locate() throws -> SweepLocator { try SweepLocator.locate(target, storage: storage, use: .singleThreaded) }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show a sweep's progress: counts, best trial, running trials.")

    @OptionGroup var sweep: SweepTarget
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            let config = try? located.config()
            let trials = try located.storage.trials(study: located.record.id)
            let best = trials.best(located.record.direction)
            let count = { (s: TrialState) in trials.filter { $0.state == s }.count }
            // Several metrics or constraints: the best is the Pareto front of feasible trials.
            var front: [Trial]?
            if let c = config, c.isMultiObjective || !c.constraints.isEmpty { front = trials.paretoFront(c.directions) }
            if json {
                var fields: [String: AttributeValue] = [
                    "sweep": .string(located.record.name), "storage": .string(located.storage.location),
                    "trials": .number(Double(trials.count)),
                    "budget": config?.budget.trials.map { .number(Double($0)) } ?? .null,
                    "counts": .object(Dictionary(uniqueKeysWithValues: TrialState.allCases.map { ($0.rawValue, .number(Double(count($0)))) })),
                    "best": best?.jsonValue ?? .null,
                    "running": .array(trials.filter { $0.state == .running }.map(\.jsonValue)),
                ]
                if let front { fields["front"] = .array(front.map(\.jsonValue)) }
                Format.printJSON(.object(fields))
                return
            }
            print("Sweep '\(located.record.name)' in \(located.storage.location)")
            let budget = config?.budget.trials.map { " of \($0)" } ?? ""
            print("  trials: \(trials.count)\(budget) — " + TrialState.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", "))
            if let front, let config {
                let feasible = config.constraints.isEmpty ? "" : " feasible"
                print("  front:  \(front.count)\(feasible) trial\(front.count == 1 ? "" : "s") not dominated"
                      + " (\(config.objectives.map { "\($0.name) \($0.goal.rawValue)" }.joined(separator: ", ")))")
                for t in front.prefix(10) {
                    let vector: [Double] = t.values ?? t.value.map { [$0] } ?? []
                    let metrics: [String] = zip(config.objectives, vector).map { m, v in m.name + "=" + Format.value(v) }
                    let params: [String] = t.params.sorted { $0.key < $1.key }.map { k, v in k + "=" + Format.param(v) }
                    print("    #\(t.number) " + metrics.joined(separator: " ") + "  " + params.joined(separator: " "))
                }
                if front.count > 10 { print("    … \(front.count - 10) more (sweep trials NAME)") }
            } else if let best, let v = best.value {
                print("  best:   #\(best.number) \(config?.metric.name ?? "value") = \(v)  "
                      + best.params.sorted { $0.key < $1.key }.map { "\($0.key)=\(Format.param($0.value))" }.joined(separator: " "))
            } else {
                print("  best:   none yet")
            }
            let running = trials.filter { $0.state == .running }
            if !running.isEmpty {
                print("  running:")
                for t in running {
                    let progress = t.lastIntermediate.map { " step \($0.step): \(Format.value($0.value))" } ?? ""
                    let since = t.startedAt.map { " for \(Format.duration(Date().timeIntervalSince($0)))" } ?? ""
                    print("    #\(t.number)\(since)\(progress)" + (t.owner.map { " on \($0)" } ?? ""))
                }
            }
        }
    }
}

struct BestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "best", abstract: "Print a sweep's best trial, or the Pareto front of a sweep with several metrics.")

    @OptionGroup var sweep: SweepTarget
    @Flag(name: .long, help: "Print as JSON.") var json = false
    @Option(name: .customLong("save-model"),
            help: "mlp sweeps: write the best (or picked) trial's model here (a checkpoint for `sweep predict --model`).")
    var saveModel: String?
    @Option(name: .customLong("pick"),
            help: "Keep the feasible trials with EXPR true ('latency_us <= 20'; <, <=, >, >= on a metric; repeatable) and take the best by the first metric.")
    var picks: [String] = []

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            let view = try located.paretoView()
            if !picks.isEmpty || view.metrics.count > 1 {
                try runFront(located, view)
                return
            }
            if let saveModel {
                let (trial, epoch) = try located.saveBestModel(to: saveModel)
                if !json { print("Model of trial #\(trial.number) (epoch \(epoch)) written to \(saveModel)") }
            }
            let trials = try located.storage.trials(study: located.record.id)
            guard let best = trials.best(located.record.direction), let v = best.value else {
                throw InputError(message: "sweep '\(located.record.name)' has no complete trial yet")
            }
            if json { Format.printJSON(best.jsonValue); return }
            let metric = (try? located.config())?.metric.name ?? "value"
            print("Best trial #\(best.number): \(metric) = \(v)")
            for (k, p) in best.params.sorted(by: { $0.key < $1.key }) { print("  \(k): \(p)") }
            let cost = CostMetrics.metrics(of: best.attributes)
            if !cost.isEmpty {
                print("Cost: " + CostMetrics.names.compactMap { n in cost[n].map { "\(n) \(CostMetrics.text(n, $0))" } }.joined(separator: ", "))
            }
        }
    }
}

struct TrialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trials", abstract: "List a sweep's trials.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var sweep: SweepTarget
    @Option(name: .long, help: "table, csv or json.") var format: OutputFormat = .table
    @Option(name: .long, help: "Only trials in this state (waiting, running, complete, pruned, failed).") var state: String?

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            var trials = try located.storage.trials(study: located.record.id)
            if let state {
                guard let s = TrialState(rawValue: state) else {
                    throw InputError(message: "--state must be one of \(TrialState.allCases.map(\.rawValue).joined(separator: ", ")), got '\(state)'")
                }
                trials = trials.filter { $0.state == s }
            }
            let config = try? located.config()
            let names = Format.parameterNames(trials, space: config?.space)
            let metrics = config?.objectives.map(\.name) ?? []
            switch format {
            case .table:
                print(Format.trialsTable(trials, parameters: names, metrics: metrics))
            case .json:
                Format.printJSON(.array(trials.map(\.jsonValue)))
            case .csv:
                print(TrialTable.csv(trials, parameters: names, metrics: metrics))
            }
        }
    }
}
