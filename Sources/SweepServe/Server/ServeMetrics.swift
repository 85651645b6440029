import Foundation
import Synchronization

/// Prometheus metrics of a server: infer requests and errors per model, and a latency histogram per
/// model, exposed as text format 0.0.4 at `/metrics`.
final class ServeMetrics: Sendable {
    /// Histogram bucket upper bounds, seconds.
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServeMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        /// (model, status) → requests.
        var requests: [String: [Int: Int]] = [:]
        var errors: [String: Int] = [:]
        var latency: [String: Histogram] = [:]
    }

    private let state = Mutex(State())

    /// Records one infer request. `model` is "" when the name was unknown (so clients cannot grow the label set).
    func record(model: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests[model, default: [:]][status, default: 0] += 1
            if status >= 400 { s.errors[model, default: 0] += 1 }
            var h = s.latency[model] ?? Histogram()
            if let b = Self.buckets.firstIndex(where: { seconds <= $0 }) { h.counts[b] += 1 }
            h.sum += seconds
            h.count += 1
            s.latency[model] = h
        }
    }

    /// The exposition text.
    func render() -> String {
        let s = state.withLock { $0 }
        var out = """
            # HELP sweep_serve_requests_total Inference requests by model and HTTP status.
            # TYPE sweep_serve_requests_total counter

            """
        for (model, byStatus) in s.requests.sorted(by: { $0.key < $1.key }) {
            for (status, n) in byStatus.sorted(by: { $0.key < $1.key }) {
                out += "sweep_serve_requests_total{model=\"\(Self.label(model))\",code=\"\(status)\"} \(n)\n"
            }
        }
        out += """
            # HELP sweep_serve_errors_total Inference requests answered with an error (status >= 400), by model.
            # TYPE sweep_serve_errors_total counter

            """
        for (model, n) in s.errors.sorted(by: { $0.key < $1.key }) {
            out += "sweep_serve_errors_total{model=\"\(Self.label(model))\"} \(n)\n"
        }
        out += """
            # HELP sweep_serve_request_duration_seconds Inference request latency (parse, predict, encode), by model.
            # TYPE sweep_serve_request_duration_seconds histogram

            """
        for (model, h) in s.latency.sorted(by: { $0.key < $1.key }) {
            let m = Self.label(model)
            var cumulative = 0
            for (i, le) in Self.buckets.enumerated() {
                cumulative += h.counts[i]
                out += "sweep_serve_request_duration_seconds_bucket{model=\"\(m)\",le=\"\(le)\"} \(cumulative)\n"
            }
            out += "sweep_serve_request_duration_seconds_bucket{model=\"\(m)\",le=\"+Inf\"} \(h.count)\n"
            out += "sweep_serve_request_duration_seconds_sum{model=\"\(m)\"} \(h.sum)\n"
            out += "sweep_serve_request_duration_seconds_count{model=\"\(m)\"} \(h.count)\n"
        }
        return out
    }

    private static func label(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
