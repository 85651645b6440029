import Foundation
import Sweep
import SweepStore
@testable import SweepServe
import SweepTestSupport
import Testing

/// The Open Inference Protocol v2 handler without HTTP: endpoints, metadata, predictions equal to
/// `MLPModel.predict` bit for bit, and every malformed request answered with `{"error": ...}` and the
/// right status, never a crash.
@Suite struct ProtocolTests {
    static let registry = Result { try ServeFixtures.registry() }

    func handler() throws -> ProtocolHandler {
        ProtocolHandler(catalog: try ModelCatalog(registry: try Self.registry.get(), models: nil), maxConcurrent: 8)
    }

    func call(_ h: ProtocolHandler, _ method: String, _ path: String, _ body: String = "") -> (Int, [String: Any]?) {
        let r = h.handle(method: method, path: path, body: Array(body.utf8))
        return (r.status, ServeFixtures.json(Data(r.body)))
    }

    static let rows: [[Float]] = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, 1.5]]

    func inferBody(_ data: String, shape: String = "[3, 4]", datatype: String = "FP32", name: String = "input", extra: String = "") -> String {
        "{\"id\": \"r1\", \"inputs\": [{\"name\": \"\(name)\", \"shape\": \(shape), \"datatype\": \"\(datatype)\", \"data\": \(data)}]\(extra)}"
    }

    var flat: String { "[" + Self.rows.flatMap { $0 }.map { "\($0)" }.joined(separator: ", ") + "]" }
    var nested: String { "[" + Self.rows.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }

    @Test func healthAndMetadata() throws {
        let h = try handler()
        #expect(h.handle(method: "GET", path: "/v2/health/live", body: []).status == 200)
        #expect(h.handle(method: "GET", path: "/v2/health/ready", body: []).status == 200)
        #expect(call(h, "GET", "/v2").1?["name"] as? String == "sweep")
        let (status, meta) = call(h, "GET", "/v2/models/iris")
        #expect(status == 200)
        #expect(meta?["versions"] as? [String] == ["1", "2"])
        let inputs = try #require(meta?["inputs"] as? [[String: Any]])
        #expect(inputs.first?["name"] as? String == "input" && inputs.first?["datatype"] as? String == "FP32")
        #expect(inputs.first?["shape"] as? [Int] == [-1, 4])
        let outputs = try #require(meta?["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["name"] as? String } == ["probabilities", "label"])
        #expect(outputs[0]["shape"] as? [Int] == [-1, 3] && outputs[1]["datatype"] as? String == "BYTES")
        let regressor = call(h, "GET", "/v2/models/diabetes/versions/1").1
        #expect((regressor?["outputs"] as? [[String: Any]])?.map { $0["name"] as? String } == ["prediction"])
        #expect(regressor?["versions"] as? [String] == ["1"])
        #expect(h.handle(method: "GET", path: "/v2/models/iris/versions/1/ready", body: []).status == 200)
        #expect(h.handle(method: "GET", path: "/v2/models/iris/ready", body: []).status == 200)
    }

    @Test func inferMatchesThePredictionsBitForBit() throws {
        let h = try handler()
        let registry = try Self.registry.get()
        for version in [1, 2] {
            let model = try ServedModel(name: "iris", version: version, checkpoint: registry.modelCheckpoint(model: "iris", version: version)).model
            guard case let .classes(indices, names, probabilities) = model.predict(features: Self.rows.flatMap { $0 }, rows: 3) else {
                Issue.record("iris is a classifier"); return
            }
            for body in [inferBody(flat), inferBody(nested)] {
                let (status, reply) = call(h, "POST", "/v2/models/iris/versions/\(version)/infer", body)
                #expect(status == 200, "\(String(describing: reply))")
                #expect(reply?["model_name"] as? String == "iris" && reply?["model_version"] as? String == "\(version)")
                #expect(reply?["id"] as? String == "r1")
                let outputs = try #require(reply?["outputs"] as? [[String: Any]])
                let p = try #require(outputs.first { $0["name"] as? String == "probabilities" })
                #expect(p["shape"] as? [Int] == [3, 3] && p["datatype"] as? String == "FP32")
                let served = (p["data"] as? [Double])?.map { Float($0) }
                #expect(served?.map(\.bitPattern) == probabilities.map(\.bitPattern))
                let label = try #require(outputs.first { $0["name"] as? String == "label" })
                #expect(label["data"] as? [String] == indices.map { names[$0] })
            }
        }
        // FP64 input gives the same answer (values are converted to FP32 like CSV input).
        let fp32 = call(h, "POST", "/v2/models/iris/infer", inferBody(flat)).1
        let fp64 = call(h, "POST", "/v2/models/iris/infer", inferBody(flat, datatype: "FP64")).1
        #expect(NSDictionary(dictionary: fp32 ?? [:]).isEqual(to: fp64 ?? ["x": 1]))
        // Asking for one output returns only that one.
        let only = call(h, "POST", "/v2/models/iris/infer", inferBody(flat, extra: ", \"outputs\": [{\"name\": \"label\"}]")).1
        #expect((only?["outputs"] as? [[String: Any]])?.map { $0["name"] as? String } == ["label"])
        // The newest version serves the unversioned path.
        #expect(call(h, "POST", "/v2/models/iris/infer", inferBody(flat)).1?["model_version"] as? String == "2")
        // A regressor answers `prediction` in target units.
        let diabetes = call(h, "POST", "/v2/models/diabetes/infer", inferBody("[" + Array(repeating: "0.01", count: 10).joined(separator: ",") + "]", shape: "[1, 10]")).1
        let prediction = (diabetes?["outputs"] as? [[String: Any]])?.first
        #expect(prediction?["name"] as? String == "prediction" && prediction?["datatype"] as? String == "FP64")
        #expect((prediction?["data"] as? [Double])?.count == 1)
    }

    @Test func badRequestsGetTheProtocolsErrorAndStatus() throws {
        let h = try handler()
        let cases: [(String, String, String, Int, String)] = [
            ("POST", "/v2/models/iris/infer", "{\"inputs\": [", 400, "malformed JSON"),
            ("POST", "/v2/models/iris/infer", "", 400, "malformed JSON"),
            ("POST", "/v2/models/iris/infer", "[1, 2]", 400, "JSON object"),
            ("POST", "/v2/models/iris/infer", "{}", 400, "'inputs'"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[3, 5]"), 400, "takes [n, 4]"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[4, 4]"), 400, "needs 16"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[3]"), 400, "takes [n, 4]"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[-3, 4]"), 400, "non-negative integers"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[0, 4]"), 400, "0 rows"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[9223372036854775807, 4]"), 400, "non-negative integers"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, shape: "[1000000, 4]"), 400, "needs 4000000"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, datatype: "INT32"), 400, "FP32 or FP64"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, name: "x"), 400, "unknown input 'x'"),
            ("POST", "/v2/models/iris/infer", inferBody("[[1,2,3,4],[1,2,3],[1,2,3,4]]"), 400, "does not match its shape"),
            ("POST", "/v2/models/iris/infer", inferBody("[[1,2,3,4],5]", shape: "[2, 4]"), 400, "mixes numbers and arrays"),
            ("POST", "/v2/models/iris/infer", inferBody("[\"a\",2,3,4]", shape: "[1, 4]"), 400, "must be numbers"),
            ("POST", "/v2/models/iris/infer", inferBody("[1e39,2,3,4]", shape: "[1, 4]"), 400, "FP32"),
            ("POST", "/v2/models/iris/infer", inferBody(String(repeating: "[", count: 5000)), 400, "nested deeper"),
            ("POST", "/v2/models/iris/infer", inferBody(flat, extra: ", \"outputs\": [{\"name\": \"logits\"}]"), 400, "unknown output 'logits'"),
            ("POST", "/v2/models/nope/infer", inferBody(flat), 404, "unknown model 'nope'"),
            ("POST", "/v2/models/iris/versions/7/infer", inferBody(flat), 404, "no version 7"),
            ("POST", "/v2/models/iris/versions/abc/infer", inferBody(flat), 404, "no version 'abc'"),
            ("GET", "/v2/models/nope", "", 404, "unknown model"),
            ("GET", "/v2/models/nope/ready", "", 404, "unknown model"),
            ("GET", "/v2/models/iris/infer", "", 405, "use POST"),
            ("POST", "/v2/health/live", "", 405, "use GET"),
            ("GET", "/v3/whatever", "", 404, "no endpoint"),
            ("GET", "/v2/models/iris/explain", "", 404, "no endpoint"),
        ]
        for (method, path, body, status, message) in cases {
            let (got, reply) = call(h, method, path, body)
            #expect(got == status, "\(path) \(body.prefix(80))")
            let error = reply?["error"] as? String
            #expect(error?.contains(message) == true, "\(path) \(body.prefix(80)): \(String(describing: error))")
        }
    }

    @Test func requestsBeyondTheConcurrencyLimitGet503() throws {
        let h = ProtocolHandler(catalog: try ModelCatalog(registry: try Self.registry.get(), models: nil), maxConcurrent: 2)
        #expect(h.enter() == nil && h.enter() == nil)
        let busy = try #require(h.enter())
        #expect(busy.status == 503)
        #expect((ServeFixtures.json(Data(busy.body))?["error"] as? String)?.contains("2 requests in flight") == true)
        h.leave()
        #expect(h.enter() == nil)
        h.leave()
        h.leave()
        let metrics = String(decoding: h.handle(method: "GET", path: "/metrics", body: []).body, as: UTF8.self)
        #expect(metrics.contains("sweep_serve_requests_total{model=\"\",code=\"503\"} 1"), "\(metrics)")
    }

    @Test func metricsCountRequestsErrorsAndLatencyPerModel() throws {
        let h = try handler()
        for _ in 0..<3 { _ = call(h, "POST", "/v2/models/iris/infer", inferBody(flat)) }
        _ = call(h, "POST", "/v2/models/iris/infer", "{")
        _ = call(h, "POST", "/v2/models/nope/infer", "{}")
        let r = h.handle(method: "GET", path: "/metrics", body: [])
        #expect(r.status == 200 && r.contentType.hasPrefix("text/plain"))
        let text = String(decoding: r.body, as: UTF8.self)
        #expect(text.contains("sweep_serve_requests_total{model=\"iris\",code=\"200\"} 3"), "\(text)")
        #expect(text.contains("sweep_serve_requests_total{model=\"iris\",code=\"400\"} 1"))
        #expect(text.contains("sweep_serve_errors_total{model=\"iris\"} 1"))
        #expect(text.contains("sweep_serve_errors_total{model=\"\"} 1"))
        #expect(text.contains("sweep_serve_request_duration_seconds_count{model=\"iris\"} 4"))
        #expect(text.contains("sweep_serve_request_duration_seconds_bucket{model=\"iris\",le=\"+Inf\"} 4"))
    }
}
