import Foundation
import SweepCore
import SweepStore

/// The request handlers of ``SessionServer`` (one per `op`; fields in `docs/protocol.md`).
extension SessionServer {
    func dispatch(_ r: SessionRequest) throws -> String {
        switch r.op {
        case "ask": return try ask(r)
        case "tell": return try tell(r)
        case "report": return try report(r)
        case "suggest": return try suggest(r)
        case "release": return try release(r)
        case "best":
            return SessionReply.ok(id: r.id, raw: ["trial": try study.bestTrial().map(SessionReply.trial) ?? "null"])
        case "trials": return try trials(r)
        case "enqueue":
            let t = try study.enqueue(try r.parameters("params"))
            return SessionReply.ok(id: r.id, raw: ["trial": SessionReply.trial(t)])
        case "heartbeat":
            let numbers = try r.trialList("trials") ?? heldTrials
            let owned = numbers.isEmpty ? [] : try study.renewLeases(numbers)
            return SessionReply.ok(id: r.id, ["trials": .array(owned.sorted().map { .number(Double($0)) })])
        case "info": return try info(r)
        default:
            throw SessionError("unknown_op", "unknown op '\(r.op)'; this server (protocol \(SessionServer.protocolVersion)) knows "
                                   + SessionServer.operations.joined(separator: ", "))
        }
    }

    /// The sweep file's budget as ask limits.
    private var limits: Study.AskLimits {
        let budget = session.config.budget
        return .init(totalTrials: budget.trials, maxFailed: budget.maxFailed, target: budget.target)
    }

    /// `ask`: the next trial, or `done` with the reason (budget from the sweep file).
    private func ask(_ r: SessionRequest) throws -> String {
        let (trial, stop) = try study.askWithReason(limits: limits)
        let (fields, raw) = asked(trial, stop)
        return SessionReply.ok(id: r.id, fields, raw: raw)
    }

    /// The members of an ask reply (holding the trial, if one started).
    private func asked(_ trial: RunningTrial?, _ stop: Study.AskStop?) -> ([String: AttributeValue], [String: String]) {
        guard let trial else {
            let stop = stop ?? .budgetReached
            return (["done": .bool(true), "retry": .bool(stop == .waitForResults), "reason": .string(SessionServer.describe(stop))], [:])
        }
        hold(trial)
        let snapshot = trial.snapshot
        var fields: [String: AttributeValue] = ["trial": .number(Double(trial.number)), "done": .bool(false)]
        if let resource = trial.resource { fields["resource"] = .number(Double(resource)) }
        if let last = snapshot.lastIntermediate { fields["last_step"] = .number(Double(last.step)) }
        if !snapshot.attributes.isEmpty { fields["attributes"] = .object(snapshot.attributes) }
        return (fields, ["params": SessionReply.parameters(snapshot.params)])
    }

    /// `tell`: `value` (finite) or `values` (one finite number per metric of the sweep) with optional
    /// `metrics` (named finite numbers for the constraints), or `state` `pruned` / `failed` (with
    /// `reason`); with `ask: true` also the next trial (`next`, an ask reply) from the same transaction.
    private func tell(_ r: SessionRequest) throws -> String {
        let number = try r.trial()
        let outcome: TrialOutcome
        switch try r.optionalString("state") ?? "complete" {
        case "complete" where r.fields["values"] != nil || r.fields["metrics"] != nil:
            if r.fields["value"] != nil { throw SessionError.badRequest("tell: give \"value\" or \"values\", not both") }
            let values = try r.fields["values"] == nil ? [try r.finite("value")] : r.finiteList("values")
            outcome = .values(values, metrics: try r.finiteObject("metrics") ?? [:])
        case "complete": outcome = .value(try r.finite("value"))
        case "pruned": outcome = .pruned
        case "failed": outcome = .failed(try r.optionalString("reason") ?? "failed (no reason given)")
        case let other:
            throw SessionError.badRequest("tell: \"state\" must be complete, pruned or failed, got '\(other)'")
        }
        // A trial told twice with the same outcome is accepted (idempotent), so only refuse foreign running trials.
        if !isHeld(number), let stored = try study.trial(number: number),
           stored.state == .running {
            _ = try heldTrial(number, op: "tell")
        }
        guard try r.bool("ask") else {
            let t = try study.tell(number: number, outcome)
            drop(number)
            return SessionReply.ok(id: r.id, raw: ["trial": SessionReply.trial(t)])
        }
        // Tell and ask in one store transaction (a loop's step between trials): the reply's `next`
        // is what `ask` would have answered.
        let (finished, trial, stop) = try study.ask(limits: limits, finishing: (number, outcome))
        drop(number)
        let (fields, raw) = asked(trial, stop)
        var next = fields.mapValues(\.jsonText).merging(raw) { _, r in r }
        next["id"] = nil
        return SessionReply.ok(id: r.id, raw: ["trial": finished.map(SessionReply.trial) ?? "null", "next": SessionReply.object(next)])
    }

    /// `report`: an intermediate value; answers continue, prune (then tell it pruned) or pause (the
    /// trial is handed back for a later promotion; do not tell it).
    private func report(_ r: SessionRequest) throws -> String {
        let number = try r.trial()
        let step = try r.optionalInt("step", minimum: 0) ?? { throw SessionError.badRequest("report: missing \"step\" (an integer ≥ 0)") }()
        let value = try r.finite("value")
        let trial = try heldTrial(number, op: "report")
        let decision = try trial.reportDecision(step: step, value: value)
        if decision == .pause {
            try study.tell(trial, .paused(step: step))
            drop(number)
        }
        return SessionReply.ok(id: r.id, ["decision": .string(SessionServer.describe(decision))])
    }

    /// `suggest`: define-by-run, `type` float | int | categorical.
    private func suggest(_ r: SessionRequest) throws -> String {
        let trial = try heldTrial(try r.trial(), op: "suggest")
        let name = try r.string("name")
        let value: ParameterValue
        switch try r.string("type") {
        case "float":
            value = .float(try trial.suggestFloat(name, try r.finite("low"), try r.finite("high"), log: try r.bool("log"),
                                                  step: try r.optionalFinite("step")))
        case "int":
            guard let low = try r.optionalInt("low", minimum: Int.min), let high = try r.optionalInt("high", minimum: Int.min) else {
                throw SessionError.badRequest("suggest: an int needs \"low\" and \"high\" (integers)")
            }
            value = .int(try trial.suggestInt(name, low, high, log: try r.bool("log"), step: try r.optionalInt("step", minimum: 1) ?? 1))
        case "categorical":
            guard case let .array(items)? = r.fields["choices"], !items.isEmpty else {
                throw SessionError.badRequest("suggest: a categorical needs \"choices\" (a non-empty array of strings, numbers or booleans)")
            }
            value = try trial.suggestCategorical(name, items.map { try SessionRequest.parameterValue($0, key: "choices", op: "suggest") })
        case let other:
            throw SessionError.badRequest("suggest: \"type\" must be float, int or categorical, got '\(other)'")
        }
        return SessionReply.ok(id: r.id, raw: ["value": SessionReply.parameter(value)])
    }

    /// `release`: hand a held trial back as waiting (resumable).
    private func release(_ r: SessionRequest) throws -> String {
        let number = try r.trial()
        _ = try heldTrial(number, op: "release")
        try study.release(number: number)
        drop(number)
        return SessionReply.ok(id: r.id, ["trial": .number(Double(number))])
    }

    /// `trials`: every trial, or those in `states`.
    private func trials(_ r: SessionRequest) throws -> String {
        var states: Set<TrialState>?
        if let v = r.fields["states"], v != .null {
            guard case let .array(items) = v else { throw SessionError.badRequest("trials: \"states\" must be an array of state names") }
            states = Set(try items.map { item in
                guard case let .string(s) = item, let state = TrialState(rawValue: s) else {
                    throw SessionError.badRequest("trials: unknown state \(item.jsonText); states are "
                                                      + TrialState.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return state
            })
        }
        let list = try study.trials().filter { states?.contains($0.state) ?? true }
        return SessionReply.ok(id: r.id, raw: ["trials": "[" + list.map(SessionReply.trial).joined(separator: ",") + "]"])
    }

    /// `info`: the sweep, its budget and trial counts.
    private func info(_ r: SessionRequest) throws -> String {
        let history = try study.history()
        let config = session.config
        var fields: [String: AttributeValue] = [
            "protocol": .number(Double(SessionServer.protocolVersion)), "sweep": .string(config.name),
            "direction": .string(study.direction.rawValue), "metric": .string(config.metric.name),
            "budget": config.budget.trials.map { .number(Double($0)) } ?? .null,
            "held": .array(heldTrials.map { .number(Double($0)) }),
            "counts": .object(Dictionary(uniqueKeysWithValues: TrialState.allCases.map { ($0.rawValue, .number(Double(history.count($0)))) })),
        ]
        fields["parameters"] = .array(config.space.parameters.map { .string($0.name) })
        return SessionReply.ok(id: r.id, fields)
    }

    /// The words of the protocol (and `sweep tell --step`) for a report decision.
    public static func describe(_ decision: ReportDecision) -> String {
        switch decision {
        case .continue: return "continue"
        case .prune: return "prune"
        case .pause: return "pause"
        }
    }

    /// Why an ask started nothing, in the words `sweep ask` prints.
    public static func describe(_ stop: Study.AskStop) -> String {
        switch stop {
        case .tooManyFailures: return OptimizeStopReason.tooManyFailures.rawValue
        case .searchSpaceExhausted: return OptimizeStopReason.searchSpaceExhausted.rawValue
        case .targetReached: return OptimizeStopReason.targetReached.rawValue
        case .waitForResults: return "waiting for running trials"
        case .budgetReached: return OptimizeStopReason.budgetReached.rawValue
        }
    }
}
