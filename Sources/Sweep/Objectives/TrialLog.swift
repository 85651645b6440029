import Foundation

/// The append-only log of one trial, `<directory>/trial-<number>.log`, shared by the objectives
/// that write one (command output, MLP epochs). A resumed or promoted trial appends to the same file.
struct TrialLog {
    let handle: FileHandle

    /// Opens (creating if needed) the log of trial `number` in `directory`.
    init(directory: URL, number: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("trial-\(number).log")
        if !FileManager.default.fileExists(atPath: url.path) { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
    }

    func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }

    func close() { try? handle.close() }

    /// `date` as UTC ISO 8601 with microseconds (`2026-11-27T03:40:01.123456Z`), so that lines of
    /// trials running in parallel can be ordered.
    static func timestamp(_ date: Date = Date()) -> String {
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        let micros = min(999_999, Int(((t - whole) * 1e6).rounded()))
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let d = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: whole))
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let us = String(micros)
        return "\(d.year ?? 0)-\(two(d.month))-\(two(d.day))T\(two(d.hour)):\(two(d.minute)):\(two(d.second))."
            + String(repeating: "0", count: 6 - us.count) + us + "Z"
    }
}
