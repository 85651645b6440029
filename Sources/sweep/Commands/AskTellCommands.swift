import ArgumentParser
import Foundation
import Sweep
import SweepCore
import SweepStore

/// Opens the session for ask/tell/enqueue: a YAML file creates or resumes its sweep; a name or
/// database opens the stored sweep. The caller acts as an external worker (leases only).
func externalSession(_ target: String, storage: String?, lease: Double,
                     worker: WorkerIdentity = AskTellArguments.externalWorker) throws -> SweepSession {
    if storage == nil, target.hasSuffix(".yaml") || target.hasSuffix(".yml") {
        return UntilExit.keep(try SweepSession.openForAskTell(file: target, lease: lease, worker: worker, use: .singleThreaded))
    }
    return UntilExit.keep(try SweepLocator.locate(target, storage: storage, use: .singleThreaded).session(lease: lease, worker: worker))
}

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Start the next trial and print its parameters (for driving Sweep from another program).",
        discussion: """
            Prints {"trial": N, "params": {...}} with --json, or {"done": true, "reason": "..."} when the budget \
            is spent. Report the result with `sweep tell NAME N VALUE`. The trial stays reserved for --lease seconds \
            (default 600); every `sweep tell --step` renews the reservation. For many trials from one program, \
            `sweep session` (one process, JSON lines) is much faster.
            """)

    @OptionGroup var sweep: SweepTarget
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, parsing: .unconditional,
            help: "Seconds the trial stays reserved without a report before another worker may take it over (default 600).")
    var lease: String?

    /// The request these arguments make.
    var request: AskRequest { AskRequest(target: sweep.target, storage: sweep.storage, json: json, lease: lease) }

    func run() throws { try guarded { try request.run() } }
}

struct TellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tell",
        abstract: "Record a trial's result (or, with --step, an intermediate value and print continue/prune/pause; or hand it back).",
        discussion: """
            Values are numbers wherever they stand: `sweep tell x 3 -1.25`, `sweep tell x 3 --step 1 -0.5`. \
            A sweep with several metrics takes one VALUE per metric, in the order of its `metrics:` \
            (`sweep tell x 3 0.97 12.5`), and constraint metrics it does not optimise with --metric NAME=VALUE. \
            NaN and infinity are refused (tell --failed REASON instead). `--step` answers continue, prune (tell \
            --pruned next) or pause (a multi-fidelity rung was reached: the trial is handed back and waits for \
            promotion; do not tell it) and renews the trial's lease. `--interrupted` hands an unfinished trial back \
            (e.g. your program is stopping): it keeps its values and the next `sweep ask` resumes it first.
            """)

    @OptionGroup var sweep: SweepTarget
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("TRIAL (from `sweep ask`), then VALUE (omit with --pruned or --failed).",
                                                           valueName: "trial-and-value"))
    var words: [String] = []
    @Option(name: .long, parsing: .unconditional,
            help: "Record VALUE as the intermediate value of this step (a whole number ≥ 0); prints continue, prune or pause.")
    var step: String?
    @Option(name: .customLong("metric"), parsing: .unconditionalSingleValue,
            help: "NAME=VALUE: a metric a constraint of the sweep needs (repeat for each).")
    var metrics: [String] = []
    @Flag(name: .long, help: "The trial was pruned.") var pruned = false
    @Flag(name: .long, help: "Hand the trial back unfinished; the next `sweep ask` resumes it (with its intermediate values).")
    var interrupted = false
    @Option(name: .long, parsing: .unconditional, help: "The trial failed, with this reason.") var failed: String?
    @Option(name: .long, parsing: .unconditional, help: "With --step: renew the trial's reservation for this many seconds (default 600).")
    var lease: String?
    @Flag(name: .long, help: "Print JSON.") var json = false

    /// The request these arguments make.
    var request: TellRequest {
        TellRequest(target: sweep.target, storage: sweep.storage, words: words, step: step, metrics: metrics, pruned: pruned,
                    interrupted: interrupted, failed: failed, lease: lease, json: json)
    }

    func run() throws { try guarded { try request.run() } }
}

struct EnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Add a trial with given parameters; it runs before new proposals.",
        discussion: "Example: sweep enqueue configs/mlp.yaml --param lr=0.001 --param layers=2")

    @OptionGroup var sweep: SweepTarget
    @Option(name: .customLong("param"), help: "NAME=VALUE (repeat for each parameter).") var params: [String] = []
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        try guarded {
            var assignment: [String: ParameterValue] = [:]
            for item in params {
                guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                    throw InputError(message: "--param expects NAME=VALUE, got '\(item)'")
                }
                let name = String(item[..<eq]), text = String(item[item.index(after: eq)...])
                let value: ParameterValue
                if let i = Int(text) { value = .int(i) } else if let d = Double(text) { value = .float(d) } else if text == "true" || text == "false" {
                    value = .bool(text == "true")
                } else { value = .string(text) }
                assignment[name] = value
            }
            let session = try externalSession(sweep.target, storage: sweep.storage, lease: AskTellArguments.defaultLease)
            let t = try session.study.enqueue(assignment)
            if json { Format.printJSON(t.jsonValue) } else { print("enqueued trial \(t.number)") }
        }
    }
}
