import Foundation
import Sweep
import SweepCore
import SweepStore
import Testing

private func server(_ yaml: String) throws -> SessionServer {
    SessionServer(session: try SweepSession.open(config: try SweepConfig.parse(yaml: yaml + "\nstorage: memory\n", file: "s.yaml")))
}

private func send(_ s: SessionServer, _ line: String) throws -> AttributeValue {
    try AttributeValue.parseJSON(s.handle(line: line).reply)
}

private extension AttributeValue {
    subscript(_ key: String) -> AttributeValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }
}

private let askTell = """
    name: s
    parameters:
      x: {type: float, min: -2, max: 2}
      n: {type: int, min: 1, max: 4}
    budget: {trials: 3}
    """

@Suite struct SessionServerTests {
    @Test func askTellReportAndBudget() throws {
        let s = try server(askTell)
        let ready = try AttributeValue.parseJSON(s.greeting())
        #expect(ready["event"] == .string("ready") && ready["protocol"] == .number(1) && ready["direction"] == .string("minimize"))
        let a = try send(s, #"{"id": 7, "op": "ask"}"#)
        #expect(a["id"] == .number(7) && a["ok"] == .bool(true) && a["trial"] == .number(0) && a["done"] == .bool(false))
        // Float parameters keep their type in the text even when whole; ints stay ints.
        let raw = s.handle(line: #"{"op":"ask"}"#).reply
        #expect(raw.contains(#""params":{"#))
        #expect(s.heldTrials == [0, 1])
        let r = try send(s, #"{"id": "r", "op": "report", "trial": 0, "step": 1, "value": -1.5e-3}"#)
        #expect(r["decision"] == .string("continue") && r["id"] == .string("r"))
        let t = try send(s, #"{"op": "tell", "trial": 0, "value": -1.25}"#)
        #expect(t["trial"]?["state"] == .string("complete") && t["trial"]?["value"] == .number(-1.25))
        #expect(try send(s, #"{"op": "tell", "trial": 1, "state": "failed", "reason": "oom"}"#)["trial"]?["failure_reason"] == .string("oom"))
        #expect(try send(s, #"{"op": "ask"}"#)["trial"] == .number(2))
        #expect(try send(s, #"{"op": "tell", "trial": 2, "state": "pruned"}"#)["ok"] == .bool(true))
        let done = try send(s, #"{"op": "ask"}"#)
        #expect(done["done"] == .bool(true) && done["reason"] == .string("trial budget reached"))
        #expect(try send(s, #"{"op": "best"}"#)["trial"]?["number"] == .number(0))
        let info = try send(s, #"{"op": "info"}"#)
        #expect(info["counts"]?["complete"] == .number(1) && info["budget"] == .number(3))
    }

    @Test func tellWithAskFinishesAndStartsTheNextTrialInOneRequest() throws {
        let s = try server(askTell)
        _ = try send(s, #"{"op": "ask"}"#)
        let r = try send(s, #"{"id": 5, "op": "tell", "trial": 0, "value": 0.5, "ask": true}"#)
        #expect(r["id"] == .number(5) && r["trial"]?["state"] == .string("complete"))
        #expect(r["next"]?["trial"] == .number(1) && r["next"]?["done"] == .bool(false))
        #expect(s.heldTrials == [1])
        _ = try send(s, #"{"op": "ask"}"#)
        let last = try send(s, #"{"op": "tell", "trial": 2, "state": "pruned", "ask": true}"#)
        #expect(last["next"]?["done"] == .bool(true) && last["next"]?["reason"] == .string("trial budget reached"))
        // A refused finish starts nothing.
        let refused = try send(s, #"{"op": "tell", "trial": 0, "value": 9, "ask": true}"#)
        #expect(refused["ok"] == .bool(false) && s.heldTrials == [1])
        #expect(try s.session.study.trials().count == 3)
    }

    @Test func errorsCarryCodesAndChangeNothing() throws {
        let s = try server(askTell)
        func code(_ line: String) throws -> String? {
            let reply = try send(s, line)
            #expect(reply["ok"] == .bool(false), "\(line)")
            if case let .string(c)? = reply["error"]?["code"] { return c }
            return nil
        }
        #expect(try code("not json") == "bad_json")
        #expect(try code("[1]") == "bad_json")
        #expect(try code(#"{"id": 1}"#) == "bad_request")
        #expect(try code(#"{"op": "fly"}"#) == "unknown_op")
        _ = try send(s, #"{"op": "ask"}"#)
        #expect(try code(#"{"op": "tell", "trial": 0, "value": "NaN"}"#) == "invalid_value")
        #expect(try code(#"{"op": "tell", "trial": 0, "value": "Infinity"}"#) == "invalid_value")
        #expect(try code(#"{"op": "tell", "trial": 0}"#) == "bad_request")
        #expect(try code(#"{"op": "tell", "trial": -1, "value": 1}"#) == "invalid_value")
        #expect(try code(#"{"op": "report", "trial": 0, "step": -5, "value": 1}"#) == "invalid_value")
        #expect(try code(#"{"op": "report", "trial": 0, "step": 1.5, "value": 1}"#) == "invalid_value")
        #expect(try code(#"{"op": "report", "trial": 9, "step": 1, "value": 1}"#) == "unknown_trial")
        #expect(try code(#"{"op": "suggest", "trial": 0, "name": "x", "type": "float", "low": 5, "high": 6}"#) == "invalid_suggestion")
        #expect(try code(#"{"op": "enqueue", "params": {"x": 9, "n": 1}}"#) == "invalid_params")
        #expect(try s.session.study.trials().map(\.state) == [.running])
        _ = try send(s, #"{"op": "tell", "trial": 0, "value": 1}"#)
        #expect(try code(#"{"op": "tell", "trial": 0, "value": 2}"#) == "not_running")
        // The same outcome again is accepted (idempotent tell).
        #expect(try send(s, #"{"op": "tell", "trial": 0, "value": 1}"#)["ok"] == .bool(true))
        // A trial another worker runs.
        let other = s.session.study.acting(as: WorkerIdentity.current(suffix: "other"))
        let foreign = try #require(try other.ask())
        #expect(try code(#"{"op": "report", "trial": \#(foreign.number), "step": 1, "value": 1}"#) == "not_owner")
        #expect(try code(#"{"op": "tell", "trial": \#(foreign.number), "value": 1}"#) == "not_owner")
    }

    @Test func defineByRunSuggestionsAreStoredAndStable() throws {
        let s = try server(askTell)
        _ = try send(s, #"{"op": "ask"}"#)
        let f = try send(s, #"{"op": "suggest", "trial": 0, "name": "wd", "type": "float", "low": 1e-6, "high": 1e-2, "log": true}"#)
        guard case let .number(wd)? = f["value"] else { Issue.record("no value: \(f)"); return }
        #expect(wd >= 1e-6 && wd <= 1e-2)
        #expect(try send(s, #"{"op": "suggest", "trial": 0, "name": "wd", "type": "float", "low": 1e-6, "high": 1e-2, "log": true}"#)["value"] == .number(wd))
        let i = try send(s, #"{"op": "suggest", "trial": 0, "name": "k", "type": "int", "low": 2, "high": 5}"#)
        #expect([2, 3, 4, 5].map { AttributeValue.number(Double($0)) }.contains(i["value"] ?? .null))
        let c = try send(s, #"{"op": "suggest", "trial": 0, "name": "act", "type": "categorical", "choices": ["relu", "tanh"]}"#)
        #expect(c["value"] == .string("relu") || c["value"] == .string("tanh"))
        // A declared parameter answers its sampled value.
        let x = try send(s, #"{"op": "suggest", "trial": 0, "name": "x", "type": "float", "low": -2, "high": 2}"#)
        #expect(x["value"] == .number(try s.session.study.trials()[0].params["x"]!.doubleValue!))
        #expect(try s.session.study.trials()[0].params.keys.sorted() == ["act", "k", "n", "wd", "x"])
    }

    @Test func closeAndReleaseHandTrialsBackAsWaiting() throws {
        let s = try server(askTell)
        _ = try send(s, #"{"op": "ask"}"#)
        _ = try send(s, #"{"op": "report", "trial": 0, "step": 1, "value": 0.5}"#)
        _ = try send(s, #"{"op": "ask"}"#)
        #expect(try send(s, #"{"op": "release", "trial": 1}"#)["ok"] == .bool(true))
        let (reply, close) = s.handle(line: #"{"op": "close"}"#)
        #expect(close && reply.contains(#""released":[0]"#))
        let trials = try s.session.study.trials()
        #expect(trials.map(\.state) == [.waiting, .waiting])
        #expect(trials[0].intermediateValues == [1: 0.5])
        // The next ask resumes the interrupted trial with its parameters and last step.
        let again = try send(s, #"{"op": "ask"}"#)
        #expect(again["trial"] == .number(0) && again["last_step"] == .number(1))
    }

    @Test func pauseReleasesTheTrialSoALaterAskPromotesIt() throws {
        // Successive halving, eta 3 over 1…9 steps, one bracket: rung 0 has 9 trials of 1 step.
        let s = try server("""
            name: mf
            method: {name: sha, options: {min_resource: 1, max_resource: 9, eta: 3}}
            parameters:
              x: {type: float, min: 0, max: 1}
            """)
        var paused: [Int] = []
        while true {
            let a = try send(s, #"{"op": "ask"}"#)
            guard case let .number(n)? = a["trial"] else { break }
            guard a["resource"] == .number(1) else {
                // A promotion: the trial comes back with its earlier step.
                #expect(paused.contains(Int(n)) && a["last_step"] == .number(1))
                let more = try send(s, #"{"op": "report", "trial": \#(Int(n)), "step": 3, "value": \#(n)}"#)
                #expect(more["decision"] == .string("pause"))
                return
            }
            let r = try send(s, #"{"op": "report", "trial": \#(Int(n)), "step": 1, "value": \#(n)}"#)
            #expect(r["decision"] == .string("pause"))
            paused.append(Int(n))
            let stored = try #require(try s.session.study.trials().first { $0.number == Int(n) })
            #expect(stored.state == .waiting && stored.attributes[StorageDefaults.pausedAttribute] == .bool(true))
            #expect(!s.heldTrials.contains(Int(n)))
            // Reporting again is refused, naming the lifecycle state (paused, not merely waiting).
            let late = try send(s, #"{"op": "report", "trial": \#(Int(n)), "step": 2, "value": 0}"#)
            #expect(late["error"]?["code"] == .string("not_running"), "\(late)")
            #expect(late["error"]?["message"] == .string("report: trial \(Int(n)) is paused at step 1, not running"
                                                         + " (handed back at its rung; a later ask promotes it)"), "\(late)")
        }
        Issue.record("no trial was promoted after \(paused.count) paused trials")
    }
}
