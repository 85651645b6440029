import Foundation

/// Who runs a trial: recorded as the trial's owner so that leases can expire and only the owner can
/// report or finish it.
public struct WorkerIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Unique per worker (per process for process-level owners).
    public var id: String
    /// Host name of the machine.
    public var host: String
    /// Process id on `host`.
    public var pid: Int32
    /// Start time of the process (clock ticks since boot, from `/proc/<pid>/stat`), so a reused pid is
    /// not mistaken for the original process. 0 when unknown.
    public var processStart: UInt64
    /// True for trials handed out by `sweep ask` to an external program: the asking process exits by
    /// design, so only the lease (not process liveness) decides when the trial is abandoned.
    public var external: Bool

    public init(id: String, host: String, pid: Int32, processStart: UInt64, external: Bool) {
        self.id = id
        self.host = host
        self.pid = pid
        self.processStart = processStart
        self.external = external
    }

    /// The identity of this process (`external` for CLI ask/tell use).
    public static func current(external: Bool = false, suffix: String? = nil) -> WorkerIdentity {
        let pid = getpid()
        let host = WorkerIdentity.localHost
        let start = ProcessLiveness.startTime(of: pid) ?? 0
        var id = "\(host):\(pid):\(start)"
        if let suffix { id += ":\(suffix)" }
        if external { id = "external:" + id + ":" + UUID().uuidString.prefix(8) }
        return WorkerIdentity(id: id, host: host, pid: pid, processStart: start, external: external)
    }

    /// This machine's host name (looked up once).
    public static let localHost = ProcessInfo.processInfo.hostName

    /// Short form stored on trials: `host:pid`, or `external@host`.
    public var label: String { external ? "external@\(host)" : "\(host):\(pid)" }

    public var description: String {
        external ? "an external program (via sweep ask on \(host))" : "process \(pid) on \(host)"
    }

    /// Whether this owner is known to be dead: a non-external owner on this host whose process is gone
    /// (or whose pid now belongs to a different process). Owners on other hosts are never known dead;
    /// their leases expire instead.
    public var isKnownDead: Bool {
        guard !external, host == WorkerIdentity.localHost else { return false }
        return !ProcessLiveness.isAlive(pid: pid, startTime: processStart)
    }
}

/// Process checks through `/proc` (Linux) with a `kill(pid, 0)` fallback.
public enum ProcessLiveness {
    /// Start time of `pid` in clock ticks since boot (field 22 of `/proc/<pid>/stat`).
    public static func startTime(of pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name; field 3 (state) is the first.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// Whether `pid` runs and (when `startTime` is non-zero) is the same process that started then.
    public static func isAlive(pid: Int32, startTime: UInt64) -> Bool {
        if pid <= 0 { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        if startTime != 0, let now = ProcessLiveness.startTime(of: pid) {
            if now != startTime { return false }
            // A zombie (exited, not yet reaped) counts as dead.
            if let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = text.lastIndex(of: ")") {
                let state = text[text.index(after: close)...].split(separator: " ").first
                if state == "Z" || state == "X" { return false }
            }
        }
        return true
    }
}
