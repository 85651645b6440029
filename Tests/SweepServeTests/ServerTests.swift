import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Sweep
import SweepStore
@testable import SweepServe
import SweepTestSupport
import Synchronization
import Testing

/// The HTTP server end to end on a free port: keep-alive requests, body limit, and an alias moving
/// back and forth while clients keep sending requests (none may fail).
@Suite(.serialized) struct ServerTests {
    static let body = Data("""
        {"inputs": [{"name": "input", "shape": [2, 4], "datatype": "FP32", "data": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}]}
        """.utf8)

    @Test func servesOverHTTPAndBoundsTheBody() async throws {
        let registry = try ServeFixtures.registry()
        let catalog = try ModelCatalog(registry: registry, models: [try ModelReference(parsing: "iris@1")])
        var options = ServeOptions()
        options.maxBodyBytes = 4096
        try await withServer(catalog, options: options) { base in
            let (live, liveBody) = try await ServeFixtures.http("GET", base.appendingPathComponent("v2/health/live"))
            #expect(live == 200 && liveBody.isEmpty)
            let (status, data) = try await ServeFixtures.http("POST", base.appendingPathComponent("v2/models/iris/infer"), body: Self.body)
            #expect(status == 200)
            #expect(ServeFixtures.json(data)?["model_version"] as? String == "1")
            // Only the named models are served (other versions of them on request).
            let (other, _) = try await ServeFixtures.http("GET", base.appendingPathComponent("v2/models/diabetes"))
            #expect(other == 404)
            let (v2, _) = try await ServeFixtures.http("GET", base.appendingPathComponent("v2/models/iris/versions/2/ready"))
            #expect(v2 == 200)
            let big = Data(("{\"inputs\": [" + String(repeating: " ", count: 5000) + "]}").utf8)
            let (tooLarge, error) = try await ServeFixtures.http("POST", base.appendingPathComponent("v2/models/iris/infer"), body: big)
            #expect(tooLarge == 413)
            #expect((ServeFixtures.json(error)?["error"] as? String)?.contains("larger than 4096 bytes") == true)
            let (metrics, text) = try await ServeFixtures.http("GET", base.appendingPathComponent("metrics"))
            #expect(metrics == 200 && String(decoding: text, as: UTF8.self).contains("sweep_serve_requests_total{model=\"iris\",code=\"200\"} 1"))
        }
    }

    @Test func anAliasMovesUnderLoadWithoutAFailedRequest() async throws {
        let registry = try ServeFixtures.registry()
        try registry.setModelAlias(model: "iris", alias: "production", version: 1)
        let catalog = try ModelCatalog(registry: registry, models: [try ModelReference(parsing: "iris@production")])
        try await withServer(catalog) { base in
            let url = base.appendingPathComponent("v2/models/iris/infer")
            let load = LoadState()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        while !load.stop.load(ordering: .relaxed) {
                            do {
                                let (status, data) = try await ServeFixtures.http("POST", url, body: Self.body)
                                let version = ServeFixtures.json(data)?["model_version"] as? String
                                if status != 200 || version == nil {
                                    load.failures.withLock { $0.append("\(status): \(String(decoding: data, as: UTF8.self))") }
                                } else {
                                    load.versions.withLock { _ = $0.insert(version!) }
                                }
                            } catch {
                                load.failures.withLock { $0.append("\(error)") }
                            }
                        }
                    }
                }
                // Move the alias 2 → 1 → 2 …, each time until the server answers with the new version.
                for move in 0..<6 {
                    let target = move % 2 == 0 ? 2 : 1
                    try registry.setModelAlias(model: "iris", alias: "production", version: target)
                    var switched = false
                    for _ in 0..<400 where !switched {
                        let (_, data) = try await ServeFixtures.http("POST", url, body: Self.body)
                        switched = ServeFixtures.json(data)?["model_version"] as? String == "\(target)"
                        if !switched { try await Task.sleep(for: .milliseconds(25)) }
                    }
                    #expect(switched, "the server never switched to version \(target)")
                }
                load.stop.store(true, ordering: .relaxed)
                try await group.waitForAll()
            }
            #expect(load.failures.withLock { $0 }.isEmpty, "\(load.failures.withLock { $0.prefix(3) })")
            #expect(load.versions.withLock { $0 } == ["1", "2"])
        }
    }
}

/// What the load generator tasks share.
private final class LoadState: Sendable {
    let failures = Mutex<[String]>([])
    let versions = Mutex<Set<String>>([])
    let stop = Atomic<Bool>(false)
}
