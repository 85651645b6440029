import Foundation
import Sweep
import Synchronization

/// A response before it becomes HTTP: status, content type and body bytes.
struct ProtocolReply: Sendable {
    var status: Int
    var contentType: String = "application/json"
    var body: [UInt8]

    static func error(_ e: InferenceError) -> ProtocolReply { ProtocolReply(status: e.status, body: JSONWriter.error(e.message)) }
    static let ok = ProtocolReply(status: 200, body: [])
}

/// The Open Inference Protocol v2 REST API over a ``ModelCatalog``, independent of the HTTP server:
///
/// | method | path | answer |
/// |---|---|---|
/// | GET | `/v2/health/live` | 200 (empty body) while the process runs |
/// | GET | `/v2/health/ready` | 200 when every served model has a version loaded, else 400 |
/// | GET | `/v2` | server metadata |
/// | GET | `/v2/models/{name}[/versions/{v}]` | model metadata (inputs, outputs, versions) |
/// | GET | `/v2/models/{name}[/versions/{v}]/ready` | 200, or 404 for an unknown model or version |
/// | POST | `/v2/models/{name}[/versions/{v}]/infer` | predictions (see ``InferenceRequest``) |
/// | GET | `/metrics` | Prometheus text |
///
/// Errors are `{"error": "..."}` with 400 (bad request), 404 (unknown model, version or path),
/// 405, 413 (body too large), 503 (busy, or no version to serve) or 500.
final class ProtocolHandler: Sendable {
    let catalog: ModelCatalog
    let metrics = ServeMetrics()
    /// POST requests in flight at once (body arriving, parsing, predicting); more get 503.
    let maxConcurrent: Int
    private let inFlight = Atomic<Int>(0)

    init(catalog: ModelCatalog, maxConcurrent: Int) {
        self.catalog = catalog
        self.maxConcurrent = maxConcurrent
    }

    func handle(method: String, path: String, body: [UInt8]) -> ProtocolReply {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        func only(_ allowed: String, _ reply: () -> ProtocolReply) -> ProtocolReply {
            method == allowed ? reply() : .error(.methodNotAllowed(method, path, allowed: allowed))
        }
        if parts == ["metrics"] {
            return only("GET") { ProtocolReply(status: 200, contentType: "text/plain; version=0.0.4", body: Array(metrics.render().utf8)) }
        }
        guard parts.first == "v2" else { return .error(.notFound(path)) }
        switch Array(parts.dropFirst()) {
        case []:
            return only("GET") { serverMetadata() }
        case ["health", "live"]:
            return only("GET") { .ok }
        case ["health", "ready"]:
            return only("GET") { serverReady() }
        case let rest where rest.first == "models" && rest.count >= 2:
            let name = rest[1]
            var tail = Array(rest.dropFirst(2))
            var version: Int?
            if tail.first == "versions" {
                guard tail.count >= 2 else { return .error(.notFound(path)) }
                guard let v = Int(tail[1]), v >= 1 else {
                    return .error(InferenceError(status: 404, message: "model '\(name)' has no version '\(tail[1])'; versions are numbers"))
                }
                version = v
                tail.removeFirst(2)
            }
            switch tail {
            case []: return only("GET") { modelMetadata(name, version) }
            case ["ready"]: return only("GET") { modelReady(name, version) }
            case ["infer"]: return only("POST") { infer(name, version, body) }
            default: return .error(.notFound(path))
            }
        default:
            return .error(.notFound(path))
        }
    }

    private func serverMetadata() -> ProtocolReply {
        var w = JSONWriter()
        w.raw("{\"name\":\"sweep\",\"version\":")
        w.string(SweepVersion.version)
        w.raw(",\"extensions\":[]}")
        return ProtocolReply(status: 200, body: w.bytes)
    }

    private func serverReady() -> ProtocolReply {
        let names = catalog.modelNames
        let ready = !names.isEmpty && names.allSatisfy { (try? catalog.model($0, version: nil)) != nil }
        return ready ? .ok : ProtocolReply(status: 400, body: JSONWriter.error(names.isEmpty ? "no models to serve" : "some models have no version to serve"))
    }

    private func modelMetadata(_ name: String, _ version: Int?) -> ProtocolReply {
        do {
            let (model, entry) = try catalog.model(name, version: version)
            return ProtocolReply(status: 200, body: model.metadata(versions: version.map { [$0] } ?? entry.versions))
        } catch let e as InferenceError {
            return .error(e)
        } catch {
            return .error(InferenceError(status: 500, message: "\(error)"))
        }
    }

    private func modelReady(_ name: String, _ version: Int?) -> ProtocolReply {
        do {
            _ = try catalog.model(name, version: version)
            return .ok
        } catch let e as InferenceError {
            return .error(e)
        } catch {
            return .error(InferenceError(status: 500, message: "\(error)"))
        }
    }

    /// Admits one more POST (from the moment its body starts arriving until it is answered), or
    /// answers 503 when ``maxConcurrent`` are in flight. Pair an admitted call with ``leave()``.
    func enter() -> ProtocolReply? {
        if inFlight.add(1, ordering: .relaxed).newValue > maxConcurrent {
            inFlight.subtract(1, ordering: .relaxed)
            metrics.record(model: "", status: 503, seconds: 0)
            return .error(.busy(limit: maxConcurrent))
        }
        return nil
    }

    func leave() { inFlight.subtract(1, ordering: .relaxed) }

    private func infer(_ name: String, _ version: Int?, _ body: [UInt8]) -> ProtocolReply {
        let start = ContinuousClock.now
        var label = ""
        let reply: ProtocolReply
        do {
            let (model, _) = try catalog.model(name, version: version)
            label = name
            let request = try InferenceRequest(body: body, model: model)
            let predictions = model.model.predict(features: request.features, rows: request.rows)
            reply = ProtocolReply(status: 200, body: try InferenceResponse.encode(predictions, model: model, request: request))
        } catch let e as InferenceError {
            reply = .error(e)
        } catch {
            reply = .error(InferenceError(status: 500, message: "\(error)"))
        }
        let elapsed = ContinuousClock.now - start
        metrics.record(model: label, status: reply.status,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        return reply
    }
}
