import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 request and its answer over SwiftNIO, waited for synchronously: the transport of
/// ``MLflowClient``.
///
/// Sweep does not use Foundation's `URLSession`: on Linux it lives in FoundationNetworking, which
/// loads libcurl and its ~30 shared libraries into every `sweep` process (about 5 MB of resident
/// memory and a tenth of a CLI call's start-up), while SwiftNIO and its TLS are already linked for the
/// PostgreSQL store. `https` uses the system's trust roots and checks the host name.
enum HTTPExchange {
    /// What one exchange gave.
    enum Outcome: Sendable {
        /// The server answered: its status code and body.
        case answer(status: Int, body: [UInt8])
        /// No answer: connection refused, TLS failure, timeout, connection closed early, bad URL.
        case failure(String)
    }

    /// The client TLS context (system trust roots), made once per process: making one reads the trust
    /// store, and an export sends a request per batch.
    static let tlsContext = Result { try NIOSSLContext(configuration: .makeClientConfiguration()) }

    /// The most an answer body may hold (MLflow's answers are small JSON documents).
    static let maximumBody = 64 << 20

    /// Sends `method` to `url` (`http://` or `https://`, any path and query) with `headers` and `body`.
    /// - Parameter timeout: seconds to connect, and seconds without any byte from the server after that.
    /// - Returns: the answer, or why there was none. Never throws.
    static func perform(method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?,
                        timeout: TimeInterval) -> Outcome {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty else {
            return .failure("not an http(s) URL: \(url)")
        }
        let tls = scheme == "https"
        let port = parts.port ?? (tls ? 443 : 80)
        guard (1...65_535).contains(port) else { return .failure("port \(port) is out of range") }
        var target = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
        if let query = parts.percentEncodedQuery { target += "?" + query }
        let literal = host.contains(":")  // an IPv6 address: bracketed in the Host header, no SNI
        let hostHeader = (literal ? "[\(host)]" : host) + (parts.port.map { ":\($0)" } ?? "")
        let wait = TimeAmount.nanoseconds(Int64(max(0.001, min(timeout, 86_400)) * 1e9))

        let group = MultiThreadedEventLoopGroup.singleton
        let answer = group.next().makePromise(of: Outcome.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(wait)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if tls {
                        let context = try HTTPExchange.tlsContext.get()
                        let numeric = literal || host.allSatisfy { $0.isNumber || $0 == "." }
                        try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: numeric ? nil : host))
                    }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(IdleStateHandler(readTimeout: wait))
                    try pipeline.addHandler(AnswerCollector(answer: answer, seconds: timeout))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.connect(host: host, port: port).wait()
        } catch {
            let outcome = Outcome.failure("cannot connect to \(hostHeader): \(error)")
            answer.succeed(outcome)  // a promise must never be dropped unfulfilled
            return outcome
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
        head.headers.add(name: "Host", value: hostHeader)
        head.headers.add(name: "User-Agent", value: "sweep/\(SweepVersion.version)")
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "Content-Length", value: String(body?.count ?? 0))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body, !body.isEmpty {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let outcome = (try? answer.futureResult.wait()) ?? .failure("no answer")
        channel.close(promise: nil)
        return outcome
    }

    /// Collects the answer's status and body and completes the promise exactly once: at the end of the
    /// answer, or with a failure when the connection breaks, errs or stays silent too long.
    final class AnswerCollector: ChannelInboundHandler {
        typealias InboundIn = HTTPClientResponsePart

        private let answer: EventLoopPromise<Outcome>
        private let seconds: TimeInterval
        private var status: Int?
        private var body: [UInt8] = []
        private var done = false

        init(answer: EventLoopPromise<Outcome>, seconds: TimeInterval) {
            self.answer = answer
            self.seconds = seconds
        }

        private func finish(_ outcome: Outcome, _ context: ChannelHandlerContext) {
            guard !done else { return }
            done = true
            answer.succeed(outcome)
            context.close(promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case let .head(head):
                status = Int(head.status.code)
            case var .body(buffer):
                guard body.count + buffer.readableBytes <= HTTPExchange.maximumBody else {
                    finish(.failure("the answer is larger than \(HTTPExchange.maximumBody >> 20) MB"), context)
                    return
                }
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                finish(status.map { .answer(status: $0, body: body) } ?? .failure("an answer without a status line"), context)
            }
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if event is IdleStateHandler.IdleStateEvent {
                finish(.failure("no answer within \(seconds) s (timed out)"), context)
            } else {
                context.fireUserInboundEventTriggered(event)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            finish(.failure("\(error)"), context)
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(.failure("the server closed the connection before answering"), context)
            context.fireChannelInactive()
        }
    }
}
