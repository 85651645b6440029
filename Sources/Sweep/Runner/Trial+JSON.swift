import Foundation
import SweepCore

extension Trial {
    /// The trial as a JSON-like value: number, state, params, value (and `values`, the objective vector
    /// of a multi-objective trial), intermediate values, timings,
    /// failure reason, attributes and, when recorded, `cost`: the cost metrics by bare name
    /// (``CostMetrics``; also under `attributes` as `cost.<name>`). Numbers are exact (see
    /// ``AttributeValue/jsonText``).
    public var jsonValue: AttributeValue {
        var o: [String: AttributeValue] = [
            "number": .number(Double(number)),
            "state": .string(state.rawValue),
            "params": .object(params.mapValues(\.jsonValue)),
            "value": value.map { .number($0) } ?? .null,
        ]
        if let values { o["values"] = .array(values.map(AttributeValue.number)) }
        if !intermediateValues.isEmpty {
            o["intermediate_values"] = .object(Dictionary(uniqueKeysWithValues: intermediateValues.map { (String($0.key), .number($0.value)) }))
        }
        if let startedAt { o["started_at"] = .string(Trial.timestamp(startedAt)) }
        if let finishedAt { o["finished_at"] = .string(Trial.timestamp(finishedAt)) }
        if let duration { o["duration_s"] = .number(duration) }
        if let failureReason { o["failure_reason"] = .string(failureReason) }
        if let owner, state == .running { o["owner"] = .string(owner) }
        if !attributes.isEmpty { o["attributes"] = .object(attributes) }
        let cost = CostMetrics.metrics(of: attributes)
        if !cost.isEmpty { o["cost"] = .object(cost.mapValues { .number($0) }) }
        return .object(o)
    }

    /// ISO 8601 in UTC to the second (`2026-11-27T00:19:45Z`, the form of `ISO8601DateFormatter`'s
    /// default), without allocating a formatter per call.
    static func timestamp(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

extension ParameterValue {
    /// The value as JSON: floats and ints as numbers, strings, bools.
    var jsonValue: AttributeValue { AttributeValue(self) }
}
