import Foundation
import SweepCore

/// The JSON forms used inside stores. Numbers are written with Swift's shortest round-trip text, so a
/// `Double` read back is bit-identical; parameter values carry a type tag so `3` (int) and `3.0`
/// (float) survive a round trip: `{"lr":["f",0.01],"layers":["i",3],"act":["s","relu"],"bn":["b",true]}`.
enum StoredJSON {
    typealias DecodingFailure = JSONDecodingFailure

    // MARK: - Writing

    static func string(_ s: String) -> String { AttributeValue.string(s).jsonText }

    static func number(_ x: Double) -> String { AttributeValue.number(x).jsonText }

    static func encode(params: [String: ParameterValue]) -> String {
        let items = params.sorted { $0.key < $1.key }.map { key, value -> String in
            let tagged: String
            switch value {
            case let .float(x): tagged = "[\"f\",\(number(x))]"
            // Integers beyond 2^53 do not survive a trip through a JSON number (a Double): keep them as text.
            case let .int(i): tagged = i.magnitude <= JSONReader.exactIntegerLimit ? "[\"i\",\(i)]" : "[\"i\",\"\(i)\"]"
            case let .string(s): tagged = "[\"s\",\(string(s))]"
            case let .bool(b): tagged = "[\"b\",\(b)]"
            }
            return string(key) + ":" + tagged
        }
        return "{" + items.joined(separator: ",") + "}"
    }

    static func encode(_ value: AttributeValue) -> String { value.jsonText }

    static func encode(attributes: [String: AttributeValue]) -> String { encode(.object(attributes)) }

    /// Intermediate values as `{"step": value, …}` (steps as keys, exact numbers, NaN as "NaN").
    static func encode(intermediate: [Int: Double]) -> String {
        if intermediate.isEmpty { return "{}" }
        return "{" + intermediate.sorted { $0.key < $1.key }.map { "\"\($0.key)\":" + number($0.value) }.joined(separator: ",") + "}"
    }

    /// An objective vector as a JSON array of exact numbers (`[0.97,12.5]`).
    static func encode(values: [Double]) -> String { "[" + values.map(number).joined(separator: ",") + "]" }

    static func decodeValues(_ text: String, trial: Int) throws -> [Double] {
        guard case let .array(items) = try AttributeValue.parseJSON(text, what: "objective values of trial \(trial)") else {
            throw DecodingFailure(what: "objective values of trial \(trial)")
        }
        return try items.map { item in
            guard let x = item.number else { throw DecodingFailure(what: "objective values of trial \(trial)") }
            return x
        }
    }

    static func decodeIntermediate(_ text: String) throws -> [Int: Double] {
        if text == "{}" { return [:] }
        guard case let .object(o) = try AttributeValue.parseJSON(text, what: "intermediate values") else {
            throw DecodingFailure(what: "intermediate values")
        }
        var out: [Int: Double] = [:]
        for (k, v) in o {
            guard let step = Int(k), let x = v.number else { throw DecodingFailure(what: "intermediate value at step \(k)") }
            out[step] = x
        }
        return out
    }

    static func encode(worker: WorkerIdentity) -> String {
        encode(.object([
            "id": .string(worker.id), "host": .string(worker.host), "pid": .number(Double(worker.pid)),
            "start": .string(String(worker.processStart)), "external": .bool(worker.external),
        ]))
    }

    // MARK: - Reading

    static func decodeParams(_ text: String) throws -> [String: ParameterValue] {
        if let params = JSONReader.taggedParameters(text) { return params }
        guard case let .object(dict) = try AttributeValue.parseJSON(text, what: "parameters") else {
            throw DecodingFailure(what: "parameters")
        }
        var out: [String: ParameterValue] = [:]
        for (key, raw) in dict {
            guard case let .array(pair) = raw, pair.count == 2, let tag = pair[0].string else {
                throw DecodingFailure(what: "parameter \(key)")
            }
            switch (tag, pair[1]) {
            case let ("f", .number(x)): out[key] = .float(x)
            case let ("i", .number(x)):
                // Written as a number up to 2^53 (`encode(params:)`), so read back up to 2^53.
                guard x == x.rounded(), x.magnitude <= Double(JSONReader.exactIntegerLimit), let i = Int(exactly: x) else {
                    throw DecodingFailure(what: "parameter \(key)")
                }
                out[key] = .int(i)
            case let ("i", .string(text)):
                guard let i = Int(text) else { throw DecodingFailure(what: "parameter \(key)") }
                out[key] = .int(i)
            case let ("s", .string(s)): out[key] = .string(s)
            case let ("b", .bool(b)): out[key] = .bool(b)
            default: throw DecodingFailure(what: "parameter \(key)")
            }
        }
        return out
    }

    static func decodeAttributes(_ text: String) throws -> [String: AttributeValue] {
        guard case let .object(o) = try AttributeValue.parseJSON(text, what: "attributes") else {
            throw DecodingFailure(what: "attributes")
        }
        return o
    }

    static func decodeWorker(_ text: String) throws -> WorkerIdentity {
        let attrs = try decodeAttributes(text)
        guard let id = attrs["id"]?.string, let host = attrs["host"]?.string, let pid = attrs["pid"]?.int,
              let start = attrs["start"]?.string.flatMap({ UInt64($0) }), case let .bool(external)? = attrs["external"] else {
            throw DecodingFailure(what: "owner")
        }
        return WorkerIdentity(id: id, host: host, pid: Int32(pid), processStart: start, external: external)
    }
}
