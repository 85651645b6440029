import Foundation
import SweepCore

/// JSON text of `sweep session` replies. Like ``AttributeValue/jsonText`` (exact shortest round-trip
/// numbers, sorted keys), except that float parameters always carry a fraction or exponent (`3.0`,
/// not `3`), so clients get the declared type back without knowing the search space.
enum SessionReply {
    /// `{"id": …, "ok": true, …fields}`; `raw` holds members whose values are already JSON text.
    static func ok(id: AttributeValue, _ fields: [String: AttributeValue] = [:], raw: [String: String] = [:]) -> String {
        var members = fields.mapValues(\.jsonText).merging(raw) { _, r in r }
        members["id"] = id.jsonText
        members["ok"] = "true"
        return object(members)
    }

    /// `{"id": …, "ok": false, "error": {"code": …, "message": …}}`.
    static func error(id: AttributeValue, _ error: SessionError) -> String {
        object(["id": id.jsonText, "ok": "false", "error": errorObject(error)])
    }

    static func errorObject(_ error: SessionError) -> String {
        AttributeValue.object(["code": .string(error.code), "message": .string(error.message)]).jsonText
    }

    /// An object from members that are JSON text already, keys sorted.
    static func object(_ members: [String: String]) -> String {
        "{" + members.sorted { $0.key < $1.key }.map { AttributeValue.string($0.key).jsonText + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// One parameter value; floats keep a fraction (`3.0`).
    static func parameter(_ v: ParameterValue) -> String {
        switch v {
        case let .float(x):
            let text = AttributeValue.number(x).jsonText
            if x.isFinite, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return text + ".0" }
            return text
        case let .int(i): return String(i)
        case let .string(s): return AttributeValue.string(s).jsonText
        case let .bool(b): return b ? "true" : "false"
        }
    }

    static func parameters(_ params: [String: ParameterValue]) -> String {
        object(params.mapValues(parameter))
    }

    /// A trial as in `sweep trials --format json`, with typed parameters.
    static func trial(_ t: Trial) -> String {
        guard case var .object(o) = t.jsonValue else { return t.jsonValue.jsonText }
        o["params"] = nil
        var members = o.mapValues(\.jsonText)
        members["params"] = parameters(t.params)
        return object(members)
    }
}
