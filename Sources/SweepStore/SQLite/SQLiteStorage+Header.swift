#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// POSIX `open` and `close` (inside ``SQLiteStorage`` those names are the store's own).
private func openFile(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func closeFile(_ fd: Int32) -> Int32 { close(fd) }

extension SQLiteStorage {
    /// The schema version (`user_version`) of a Sweep file read from its header alone, when that is
    /// conclusive: the file starts with SQLite's magic, carries Sweep's `application_id`, and its
    /// write-ahead log is absent or empty (so page 1 on disk is the current one; every Sweep process
    /// truncates the log when it exits). Nil otherwise — a new, empty or foreign file, or a live log —
    /// and the caller asks SQLite instead.
    ///
    /// Opening a store this way saves a read-only SQLite connection (set up and torn down) on every
    /// `sweep ask`/`tell`. Offsets from the SQLite file format: user_version at byte 60,
    /// application_id at byte 68, both big-endian 32-bit.
    static func headerVersion(_ path: String) -> Int? {
        var log = stat()
        if stat(path + "-wal", &log) == 0, log.st_size > 0 { return nil }
        let fd = openFile(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = closeFile(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        guard pread(fd, &header, header.count, 0) == header.count,
              header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else { return nil }
        func bigEndian32(_ offset: Int) -> UInt32 {
            header[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        guard Int32(bitPattern: bigEndian32(68)) == applicationID else { return nil }
        return Int(Int32(bitPattern: bigEndian32(60)))
    }
}
