import Foundation
import SweepCore
import SweepStore
#if canImport(Glibc)
import Glibc
#endif

/// The process group a command objective started for a trial, recorded with the trial (attribute
/// ``attribute``) so that a later run of the same trial can make sure no earlier copy still runs.
///
/// A `kill -9` of Sweep cannot stop its children: the training command keeps running, orphaned. When the
/// trial is resumed (after its owner is found dead), the resumed run terminates the recorded group first
/// (SIGTERM, a grace period, then SIGKILL), so two copies never share one `{checkpoint_dir}`.
///
/// Identity: the group id is the leader's pid, guarded by the host name and the leader's start time
/// (clock ticks since boot, `/proc/<pid>/stat`). A group whose leader now has another start time is a
/// different process that reused the pid and is left alone. A group whose leader exited while members
/// still run is still the same group: Linux does not hand out a pid while it names a process group.
struct TrialProcessGroup: Equatable {
    /// Trial attribute holding the record: `{"pgid": …, "host": "…", "start": …}`.
    static let attribute = TrialAttributeKey.processGroup

    var pgid: Int32
    var host: String
    /// Start time of the group leader in clock ticks since boot (0: unknown).
    var start: UInt64

    /// The record of a group just started on this machine with leader `pid`.
    static func started(leader pid: Int32) -> TrialProcessGroup {
        TrialProcessGroup(pgid: pid, host: WorkerIdentity.localHost, start: ProcessLiveness.startTime(of: pid) ?? 0)
    }

    /// The recorded group of `attributes`, if any and well-formed.
    init?(attributes: [String: AttributeValue]) {
        guard case let .object(o)? = attributes[TrialProcessGroup.attribute], let pgid = o["pgid"]?.int,
              let host = o["host"]?.string, let start = o["start"]?.number,
              pgid > 1, pgid <= Int(Int32.max), start >= 0, start < 1.8e19 else { return nil }
        self.init(pgid: Int32(pgid), host: host, start: UInt64(start))
    }

    init(pgid: Int32, host: String, start: UInt64) {
        self.pgid = pgid
        self.host = host
        self.start = start
    }

    var attributeValue: AttributeValue {
        .object(["pgid": .number(Double(pgid)), "host": .string(host), "start": .number(Double(start))])
    }

    /// Members of the group that are alive (not zombies) on this machine; empty when the record is of
    /// another host or the pid was reused by an unrelated process.
    func liveMembers() -> [Int32] {
        guard host == WorkerIdentity.localHost, pgid > 1, pgid != getpgrp() else { return [] }
        // Cheap common case: no process is in the group any more.
        if kill(-pgid, 0) != 0 && errno == ESRCH { return [] }
        if let leaderStart = ProcessLiveness.startTime(of: pgid), start != 0, leaderStart != start { return [] }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var members: [Int32] = []
        for entry in entries {
            guard let pid = Int32(entry),
                  let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { continue }
            // After the command name: state, ppid, pgrp, …
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[2]) == pgid, fields[0] != "Z", fields[0] != "X" else { continue }
            members.append(pid)
        }
        return members
    }

    /// Terminates the group if it still runs here: SIGTERM, up to `grace` seconds for it to exit, then
    /// SIGKILL. Returns whether anything was running.
    @discardableResult
    func terminate(grace: Double) -> Bool {
        guard !liveMembers().isEmpty else { return false }
        kill(-pgid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if liveMembers().isEmpty { return true }
            usleep(20_000)
        }
        kill(-pgid, SIGKILL)
        let killDeadline = Date().addingTimeInterval(5)
        while !liveMembers().isEmpty && Date() < killDeadline { usleep(10_000) }
        return true
    }
}
