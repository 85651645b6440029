import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Sweep
import SweepStore
@testable import SweepServe
import SweepTestSupport

/// Small trained models in a fresh SQLite registry, and an HTTP client for a running server.
enum ServeFixtures {
    /// A 1-hidden-layer net trained for `epochs` on a shipped dataset; the checkpoint bytes.
    static func checkpoint(dataset: String = "iris", seed: UInt64 = 0, epochs: Int = 2) throws -> Data {
        var c = MLPConfiguration()
        c.hiddenWidths = [8]
        c.epochs = epochs
        c.seed = seed
        c.learningRate = 0.01
        c.batchSize = 32
        let trainer = try MLPTrainer(configuration: c, dataset: try DatasetSource(parsing: dataset).load())
        _ = try trainer.run()
        return trainer.checkpoint()
    }

    static func lineage(_ dataset: String, trial: Int) -> ModelLineage {
        ModelLineage(sweep: "fixture", trial: trial, params: [:], metrics: [:], datasetName: dataset, datasetHash: "0", codeVersion: "test")
    }

    /// A registry holding `iris` (versions 1 and 2, different seeds) and `diabetes` (a regressor).
    static func registry() throws -> SQLiteStorage {
        let r = try SQLiteStorage(path: try makeTemporaryDirectory("sweep-serve").appendingPathComponent("r.sqlite").path)
        _ = try r.registerModel("iris", checkpoint: try checkpoint(seed: 1), lineage: lineage("iris", trial: 0))
        _ = try r.registerModel("iris", checkpoint: try checkpoint(seed: 2), lineage: lineage("iris", trial: 1))
        _ = try r.registerModel("diabetes", checkpoint: try checkpoint(dataset: "diabetes"), lineage: lineage("diabetes", trial: 0))
        return r
    }

    /// Sends one request; returns status and body.
    static func http(_ method: String, _ url: URL, body: Data? = nil, session: URLSession = .shared) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    static func json(_ data: Data) -> [String: Any]? { try? JSONSerialization.jsonObject(with: data) as? [String: Any] }
}

/// A server on a free port for the duration of `body`.
func withServer<T: Sendable>(_ catalog: ModelCatalog, options: ServeOptions = ServeOptions(),
                             _ body: @Sendable (URL) async throws -> T) async throws -> T {
    var options = options
    options.port = 0
    let server = try InferenceServer(catalog: catalog, options: options)
    let port = AsyncStream<Int>.makeStream()
    let task = Task { try await server.run { port.continuation.yield($0) } }
    var iterator = port.stream.makeAsyncIterator()
    guard let bound = await iterator.next() else { throw FixtureError.missing("server port", searched: []) }
    do {
        let result = try await body(URL(string: "http://127.0.0.1:\(bound)")!)
        task.cancel()
        _ = await task.result
        return result
    } catch {
        task.cancel()
        _ = await task.result
        throw error
    }
}
