import Foundation
import SweepCore

extension Trial {
    /// The trial as a JSON-like value: number, state, params, value, intermediate values, timings,
    /// failure reason and attributes. Numbers are exact (see ``AttributeValue/jsonText``).
    public var jsonValue: AttributeValue {
        var o: [String: AttributeValue] = [
            "number": .number(Double(number)),
            "state": .string(state.rawValue),
            "params": .object(params.mapValues { v in
                switch v {
                case let .float(x): return .number(x)
                case let .int(i): return .number(Double(i))
                case let .string(s): return .string(s)
                case let .bool(b): return .bool(b)
                }
            }),
            "value": value.map { .number($0) } ?? .null,
        ]
        if !intermediateValues.isEmpty {
            o["intermediate_values"] = .object(Dictionary(uniqueKeysWithValues: intermediateValues.map { (String($0.key), .number($0.value)) }))
        }
        if let startedAt { o["started_at"] = .string(ISO8601DateFormatter().string(from: startedAt)) }
        if let finishedAt { o["finished_at"] = .string(ISO8601DateFormatter().string(from: finishedAt)) }
        if let duration { o["duration_s"] = .number(duration) }
        if let failureReason { o["failure_reason"] = .string(failureReason) }
        if !attributes.isEmpty { o["attributes"] = .object(attributes) }
        return .object(o)
    }
}
