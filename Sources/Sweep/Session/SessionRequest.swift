import Foundation
import SweepCore

/// One request line of the `sweep session` protocol: a JSON object with `op`, an optional `id` echoed
/// in the reply, and the op's fields. Accessors throw ``SessionError`` (`bad_request`,
/// `invalid_value`) naming the field; unknown fields are ignored (forward compatibility).
struct SessionRequest {
    let fields: [String: AttributeValue]
    /// Echoed verbatim in the reply (any JSON value; null when absent).
    let id: AttributeValue
    let op: String

    init(line: String) throws {
        let value: AttributeValue
        do {
            value = try AttributeValue.parseJSON(line, what: "request")
        } catch {
            throw SessionError.badJSON("the line is not valid JSON; send one JSON object per line, e.g. {\"id\": 1, \"op\": \"ask\"}")
        }
        guard case let .object(fields) = value else {
            throw SessionError.badJSON("a request must be a JSON object such as {\"id\": 1, \"op\": \"ask\"}, got \(value.jsonText.prefix(80))")
        }
        self.fields = fields
        id = fields["id"] ?? .null
        guard case let .string(op)? = fields["op"] else {
            throw SessionError.badRequest("missing \"op\" (a string: one of \(SessionServer.operations.joined(separator: ", ")))")
        }
        self.op = op
    }

    /// A required trial number (an integer ≥ 0).
    func trial(_ key: String = "trial") throws -> Int {
        guard let v = fields[key] else { throw SessionError.badRequest("\(op): missing \"\(key)\" (the trial number from ask)") }
        return try integer(v, key: key, minimum: 0)
    }

    /// An optional integer ≥ `minimum`.
    func optionalInt(_ key: String, minimum: Int = 0) throws -> Int? {
        guard let v = fields[key], v != .null else { return nil }
        return try integer(v, key: key, minimum: minimum)
    }

    private func integer(_ v: AttributeValue, key: String, minimum: Int) throws -> Int {
        guard case let .number(x) = v else { throw SessionError.badRequest("\(op): \"\(key)\" must be an integer, got \(v.jsonText)") }
        guard x.isFinite, x == x.rounded(), abs(x) < 9e15 else {
            throw SessionError.invalidValue("\(op): \"\(key)\" must be a whole number, got \(v.jsonText)")
        }
        guard Int(x) >= minimum else { throw SessionError.invalidValue("\(op): \"\(key)\" must be ≥ \(minimum), got \(Int(x))") }
        return Int(x)
    }

    /// A required finite number. NaN and ±infinity (sent as "NaN"/"Infinity" or out of range) are
    /// refused: a trial without a usable result is told as failed.
    func finite(_ key: String) throws -> Double {
        guard let v = fields[key] else { throw SessionError.badRequest("\(op): missing \"\(key)\" (a number)") }
        guard case let .number(x) = v else { throw SessionError.badRequest("\(op): \"\(key)\" must be a number, got \(v.jsonText)") }
        guard x.isFinite else {
            throw SessionError.invalidValue("\(op): \"\(key)\" must be finite, got \(v.jsonText); tell the trial as failed with a reason instead")
        }
        return x
    }

    /// A required non-empty array of finite numbers (a multi-objective tell's `values`).
    func finiteList(_ key: String) throws -> [Double] {
        guard case let .array(items)? = fields[key], !items.isEmpty else {
            throw SessionError.badRequest("\(op): \"\(key)\" must be a non-empty array of numbers, got \(fields[key]?.jsonText ?? "nothing")")
        }
        return try items.map { try finiteNumber($0, key: key) }
    }

    /// An optional object of finite numbers (a tell's `metrics`: `{"latency_us": 12.5}`).
    func finiteObject(_ key: String) throws -> [String: Double]? {
        guard let v = fields[key], v != .null else { return nil }
        guard case let .object(o) = v else {
            throw SessionError.badRequest("\(op): \"\(key)\" must be an object of numbers such as {\"latency_us\": 12.5}, got \(v.jsonText)")
        }
        return try o.mapValues { try finiteNumber($0, key: key) }
    }

    private func finiteNumber(_ v: AttributeValue, key: String) throws -> Double {
        guard case let .number(x) = v else { throw SessionError.badRequest("\(op): \"\(key)\" must hold numbers, got \(v.jsonText)") }
        guard x.isFinite else {
            throw SessionError.invalidValue("\(op): \"\(key)\" must hold finite numbers, got \(v.jsonText); tell the trial as failed with a reason instead")
        }
        return x
    }

    /// An optional number (finite when present).
    func optionalFinite(_ key: String) throws -> Double? {
        guard let v = fields[key], v != .null else { return nil }
        return try finite(key)
    }

    /// A required non-empty string.
    func string(_ key: String) throws -> String {
        guard case let .string(s)? = fields[key], !s.isEmpty else {
            throw SessionError.badRequest("\(op): \"\(key)\" must be a non-empty string, got \(fields[key]?.jsonText ?? "nothing")")
        }
        return s
    }

    /// An optional string.
    func optionalString(_ key: String) throws -> String? {
        guard let v = fields[key], v != .null else { return nil }
        return try string(key)
    }

    /// An optional bool (default false).
    func bool(_ key: String) throws -> Bool {
        guard let v = fields[key], v != .null else { return false }
        guard case let .bool(b) = v else { throw SessionError.badRequest("\(op): \"\(key)\" must be true or false, got \(v.jsonText)") }
        return b
    }

    /// An optional array of trial numbers.
    func trialList(_ key: String) throws -> [Int]? {
        guard let v = fields[key], v != .null else { return nil }
        guard case let .array(items) = v else { throw SessionError.badRequest("\(op): \"\(key)\" must be an array of trial numbers") }
        return try items.map { try integer($0, key: key, minimum: 0) }
    }

    /// A JSON scalar as a parameter value: whole numbers become ints, other numbers floats.
    static func parameterValue(_ v: AttributeValue, key: String, op: String) throws -> ParameterValue {
        guard let value = ParameterValue(v) else {
            throw SessionError.badRequest("\(op): \"\(key)\" values must be finite numbers, strings or booleans, got \(v.jsonText)")
        }
        return value
    }

    /// A required object of parameter values.
    func parameters(_ key: String) throws -> [String: ParameterValue] {
        guard case let .object(o)? = fields[key] else {
            throw SessionError.badRequest("\(op): \"\(key)\" must be an object of parameter values, e.g. {\"lr\": 0.01}")
        }
        return try o.mapValues { try SessionRequest.parameterValue($0, key: key, op: op) }
    }
}
