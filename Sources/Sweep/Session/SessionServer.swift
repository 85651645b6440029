import Foundation
import SweepCore
import SweepStore
import Synchronization

/// The library side of `sweep session`: one long-lived process serving ask/tell over newline-delimited
/// JSON (protocol version ``protocolVersion``, specified in `docs/protocol.md`).
///
/// It keeps the store open, renews the leases of the trials it handed out while the client lives
/// (heartbeat thread), and hands them back as `waiting` (resumable, with their intermediate values)
/// when the client goes away: end of input, a `close` request, or the client process's death (the
/// parent process changing). If this process itself is killed, its trials are requeued by the next
/// ask on this host (dead owner) or when their lease expires.
///
/// Requests are handled one at a time, in order; ``handle(line:)`` is also usable directly (tests).
public final class SessionServer: @unchecked Sendable {
    /// The protocol version in the `ready` line; bumped on incompatible changes.
    public static let protocolVersion = 1
    /// Every `op` the server understands.
    public static let operations = ["ask", "tell", "report", "suggest", "release", "best", "trials", "enqueue", "heartbeat", "info", "close"]

    /// The sweep this server serves (config, study, storage).
    public let session: SweepSession
    var study: Study { session.study }
    /// Trials this session handed out and that are still running, by number (used by one request at a time).
    private let held = Mutex<[Int: RunningTrial]>([:])
    /// Held while a request (or the final hand-back) touches the store, so the watchdog never exits mid-request.
    private let busy = NSLock()
    private let closed = Atomic<Bool>(false)

    /// Serves `session` (opened with the owner identity and lease this process uses).
    public init(session: SweepSession) {
        self.session = session
    }

    /// The first line written: protocol version and what the sweep is.
    public func greeting() -> String {
        SessionReply.object([
            "event": "\"ready\"", "protocol": String(SessionServer.protocolVersion),
            "version": AttributeValue.string(SweepVersion.version).jsonText,
            "sweep": AttributeValue.string(session.config.name).jsonText,
            "direction": AttributeValue.string(study.direction.rawValue).jsonText,
            "metric": AttributeValue.string(session.config.metric.name).jsonText,
            "storage": AttributeValue.string(session.location.description).jsonText,
            "pid": String(getpid()),
            "lease_s": AttributeValue.number(study.lease).jsonText,
        ])
    }

    /// The line written when the sweep cannot be opened (then the process exits 2).
    public static func failure(_ error: any Error) -> String {
        SessionReply.object(["event": "\"error\"", "protocol": String(protocolVersion), "error": SessionReply.errorObject(.from(error))])
    }

    /// Handles one request line; returns the reply line (without newline) and whether the client asked
    /// to close. Never throws: every failure is an error reply.
    public func handle(line: String) -> (reply: String, close: Bool) {
        busy.lock()
        defer { busy.unlock() }
        var id: AttributeValue = .null
        do {
            let request = try SessionRequest(line: line)
            id = request.id
            if request.op == "close" {
                let released = releaseAll()
                return (SessionReply.ok(id: id, ["released": .array(released.map { .number(Double($0)) })]), true)
            }
            return (try dispatch(request), false)
        } catch {
            return (SessionReply.error(id: id, .from(error)), false)
        }
    }

    /// Numbers of the trials this session holds (running, handed out, not yet told or released).
    public var heldTrials: [Int] { held.withLock { $0.keys.sorted() } }

    func hold(_ trial: RunningTrial) { held.withLock { $0[trial.number] = trial } }
    func isHeld(_ number: Int) -> Bool { held.withLock { $0[number] != nil } }
    func drop(_ number: Int) { held.withLock { _ = $0.removeValue(forKey: number) } }

    /// The held trial `number`, or an error saying why this session may not act on it.
    func heldTrial(_ number: Int, op: String) throws -> RunningTrial {
        if let t = held.withLock({ $0[number] }) { return t }
        guard let stored = try study.trial(number: number) else {
            throw SessionError("unknown_trial", "\(op): sweep '\(study.name)' has no trial \(number)")
        }
        let state = TrialLifecycle.State(trial: stored)
        if state != .running {
            let hint = if case .paused = state { " (handed back at its rung; a later ask promotes it)" } else { "" }
            throw SessionError("not_running", "\(op): trial \(number) is \(state), not running" + hint)
        }
        throw SessionError("not_owner", "\(op): trial \(number) is run by \(stored.owner ?? "another worker"), not by this session; ask for your own trials")
    }

    /// Hands every held trial back as `waiting` (the client is gone). Returns their numbers.
    @discardableResult
    public func releaseAll() -> [Int] {
        let numbers = held.withLock { h -> [Int] in
            let n = h.keys.sorted()
            h.removeAll()
            return n
        }
        for n in numbers { try? study.release(number: n) }
        return numbers
    }

    /// Serves stdin/stdout until end of input, `close`, or the client's death; then hands back held
    /// trials. `heartbeat` is the seconds between lease renewals (default a quarter of the lease).
    public func serve(heartbeat: Double? = nil) {
        signal(SIGPIPE, SIG_IGN)
        let parent = getppid()
        let interval = heartbeat ?? max(0.05, study.lease / 4)
        let watchdog = Thread { [self] in watch(parent: parent, interval: interval) }
        watchdog.name = "sweep-session-heartbeat"
        watchdog.start()
        guard write(greeting()) else { return finish() }
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            let (reply, close) = handle(line: line)
            guard write(reply), !close else { break }
        }
        finish()
    }

    private func finish() {
        busy.lock()
        closed.store(true, ordering: .relaxed)
        releaseAll()
        busy.unlock()
    }

    /// Writes one line to stdout; false when the client closed its end.
    private func write(_ line: String) -> Bool {
        var data = Array((line + "\n").utf8)
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeMutableBytes { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        data.removeAll()
        return true
    }

    /// Renews leases of held trials; when the client process dies (this process is re-parented),
    /// hands the trials back and exits.
    private func watch(parent: pid_t, interval: Double) {
        var last = Date()
        while !closed.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: min(0.2, interval))
            if getppid() != parent {
                busy.lock()
                closed.store(true, ordering: .relaxed)
                releaseAll()
                exit(0)
            }
            guard Date().timeIntervalSince(last) >= interval else { continue }
            last = Date()
            let numbers = heldTrials
            if !numbers.isEmpty { _ = try? study.renewLeases(numbers) }
        }
    }
}
