import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Synchronization

/// Limits and address of an ``InferenceServer``.
public struct ServeOptions: Sendable {
    /// Interface to bind (`127.0.0.1` by default; `0.0.0.0` for every interface).
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free one (reported to `onRunning`).
    public var port: Int = 8080
    /// Largest accepted request body, bytes (413 above).
    public var maxBodyBytes: Int = 16 << 20
    /// Infer requests processed at once (503 above).
    public var maxConcurrent: Int = 256
    /// Open connections accepted at once (further ones wait in the backlog).
    public var maxConnections: Int = 1024

    public init() {}

    /// Throws ``ServeError/invalidOption(name:value:reason:)`` for values out of range.
    public func validate() throws {
        guard (0...65535).contains(port) else { throw ServeError.invalidOption(name: "port", value: "\(port)", reason: "use 0 to 65535") }
        guard maxBodyBytes >= 1024 else { throw ServeError.invalidOption(name: "max-body-bytes", value: "\(maxBodyBytes)", reason: "use at least 1024") }
        guard maxConcurrent >= 1 else { throw ServeError.invalidOption(name: "max-concurrent", value: "\(maxConcurrent)", reason: "use at least 1") }
        guard maxConnections >= 1 else { throw ServeError.invalidOption(name: "max-connections", value: "\(maxConnections)", reason: "use at least 1") }
    }
}

/// `sweep serve`: the Open Inference Protocol v2 REST API (``ProtocolHandler``) over HTTP/1.1 with
/// keep-alive (Hummingbird), for the models of a ``ModelCatalog``, which a background thread keeps in
/// step with the registry every ``ModelCatalog/pollInterval`` seconds.
///
/// SIGTERM and SIGINT shut it down gracefully: it stops accepting connections, finishes the requests in
/// flight, then ``run(onRunning:)`` returns.
public final class InferenceServer: Sendable {
    public let catalog: ModelCatalog
    public let options: ServeOptions
    let handler: ProtocolHandler

    public init(catalog: ModelCatalog, options: ServeOptions) throws {
        try options.validate()
        self.catalog = catalog
        self.options = options
        handler = ProtocolHandler(catalog: catalog, maxConcurrent: options.maxConcurrent)
    }

    /// Serves until SIGTERM/SIGINT or until the calling task is cancelled.
    /// - Parameter onRunning: called once listening, with the bound port.
    /// - Throws: ``ServeError/cannotListen(host:port:reason:)``.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let poller = RegistryPoller(catalog: catalog)
        poller.start()
        defer { poller.stop() }
        let app = Application(
            responder: Responder(handler: handler, maxBodyBytes: options.maxBodyBytes),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: "sweep",
                availableConnectionsDelegate: MaximumAvailableConnections(options.maxConnections)),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "sweep.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        do {
            try await app.runService()
        } catch let error as CancellationError {
            throw error
        } catch {
            throw ServeError.cannotListen(host: options.host, port: options.port, reason: "\(error)")
        }
    }

    /// Hummingbird's entry point: collects the body (bounded) and hands the request to the handler.
    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let handler: ProtocolHandler
        let maxBodyBytes: Int

        func respond(to request: Request, context: Context) async throws -> Response {
            if request.method == .post {
                if let busy = handler.enter() { return Self.response(busy) }
                defer { handler.leave() }
                let bytes: [UInt8]
                do {
                    bytes = Array(try await request.body.collect(upTo: maxBodyBytes).readableBytesView)
                } catch {
                    return Self.response(.error(.tooLarge(limit: maxBodyBytes)))
                }
                return Self.response(handler.handle(method: "POST", path: request.uri.path, body: bytes))
            }
            return Self.response(handler.handle(method: request.method.rawValue, path: request.uri.path, body: []))
        }

        static func response(_ answer: ProtocolReply) -> Response {
            var headers = HTTPFields()
            headers[.contentType] = answer.contentType
            return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
    }
}
