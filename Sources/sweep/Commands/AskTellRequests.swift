import Foundation
import Sweep
import SweepCore
import SweepStore

/// What `sweep ask` asks, whichever parser read the command line (``AskCommand`` or
/// ``AskTellShortcut``): the raw words, checked and run by ``run()``.
struct AskRequest: Equatable {
    var target: String
    var storage: String?
    var json = false
    var lease: String?

    /// Starts the next trial and prints it (or why the sweep is done). Errors are thrown for the
    /// caller's `guarded`.
    func run() throws {
        let session = try externalSession(target, storage: storage, lease: try AskTellArguments.lease(lease))
        let budget = session.config.budget
        let (trial, stop) = try session.study.askWithReason(limits: .init(totalTrials: budget.trials, maxFailed: budget.maxFailed, target: budget.target))
        guard let trial else {
            let reason = stop.map(SessionServer.describe) ?? OptimizeStopReason.budgetReached.rawValue
            if json { Format.printJSON(.object(["done": .bool(true), "reason": .string(reason)])) } else { print("done: \(reason)") }
            return
        }
        if json {
            var o = trial.snapshot.jsonValue
            if case var .object(fields) = o {
                fields["trial"] = .number(Double(trial.number))
                if let r = trial.resource { fields["resource"] = .number(Double(r)) }
                o = .object(fields)
            }
            Format.printJSON(o)
        } else {
            print("trial \(trial.number)")
            for (k, v) in trial.params.sorted(by: { $0.key < $1.key }) { print("  \(k): \(v)") }
        }
    }
}

/// What `sweep tell` tells, whichever parser read the command line (``TellCommand`` or
/// ``AskTellShortcut``): the raw words, checked and run by ``run()``.
struct TellRequest: Equatable {
    var target: String
    var storage: String?
    /// TRIAL, then the VALUEs (unparsed: ``AskTellArguments`` checks them).
    var words: [String] = []
    var step: String?
    var metrics: [String] = []
    var pruned = false
    var interrupted = false
    var failed: String?
    var lease: String?
    var json = false

    /// Records the result (or the intermediate value) and prints the trial's new state.
    func run() throws {
        let (trial, values) = try AskTellArguments.trialAndValues(words)
        let metrics = try AskTellArguments.metrics(self.metrics)
        let value = values.first
        let step = try self.step.map(AskTellArguments.step)
        if values.count > 1, step != nil { throw InputError(message: "--step takes one VALUE, got \(values.count)") }
        if !metrics.isEmpty, values.isEmpty { throw InputError(message: "--metric goes with the trial's VALUE(s): sweep tell NAME TRIAL VALUE… --metric NAME=VALUE") }
        let lease = try AskTellArguments.lease(lease)
        let modes = [value != nil && step == nil, pruned, failed != nil, step != nil, interrupted].filter { $0 }.count
        if modes != 1 {
            throw InputError(message: "give exactly one of VALUE, --step S VALUE, --pruned, --failed REASON, or --interrupted")
        }
        if step != nil && value == nil { throw InputError(message: "--step needs a VALUE: sweep tell NAME TRIAL --step S VALUE") }
        if let failed, failed.trimmingSpaces.isEmpty {
            throw InputError(message: "--failed needs a reason (e.g. --failed \"out of memory\")")
        }
        let session = try externalSession(target, storage: storage, lease: lease)
        if let step, let value {
            let decision = try session.study.report(number: trial, step: step, value: value)
            let text = SessionServer.describe(decision)
            if decision == .pause {
                // Hand the trial back: it waits, paused at its rung, until a later ask promotes it.
                try session.study.tell(number: trial, .paused(step: step))
            } else {
                try session.study.renewLeases([trial])
            }
            if json { Format.printJSON(.object(["trial": .number(Double(trial)), "step": .number(Double(step)), "decision": .string(text)])) } else { print(text) }
            return
        }
        let told: TrialOutcome = values.count > 1 || !metrics.isEmpty ? .values(values, metrics: metrics) : .value(value ?? .nan)
        let outcome: TrialOutcome = interrupted ? .interrupted : pruned ? .pruned : failed.map { .failed($0) } ?? told
        let t = try session.study.tell(number: trial, outcome)
        let shown = t.values.map { " values=" + $0.map { "\($0)" }.joined(separator: ",") } ?? t.value.map { " value=\($0)" } ?? ""
        if json { Format.printJSON(t.jsonValue) } else { print("trial \(t.number) \(t.state.rawValue)" + shown) }
    }
}
