import Foundation

/// A directory the current process cannot write to, even as root: a read-only tmpfs mount when root
/// may mount, else an immutable (`chattr +i`) directory, else plain permissions for non-root users.
/// Returns nil when none of these works here.
public final class ReadOnlyDirectory {
    public let url: URL
    private let cleanup: () -> Void

    private init(url: URL, cleanup: @escaping () -> Void) {
        self.url = url
        self.cleanup = cleanup
    }

    deinit { cleanup() }

    /// Creates the directory with `files` (name → contents) inside before it is made read-only.
    public static func make(files: [String: Data] = [:]) -> ReadOnlyDirectory? {
        guard let base = try? makeTemporaryDirectory("sweep-ro") else { return nil }
        let dir = base.appendingPathComponent("ro", isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, data) in files { _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: data) }
        let removeBase = { _ = try? FileManager.default.removeItem(at: base) }
        if getuid() != 0 {
            chmod(dir.path, 0o555)
            for name in files.keys { chmod(dir.appendingPathComponent(name).path, 0o444) }
            return ReadOnlyDirectory(url: dir) { chmod(dir.path, 0o755); removeBase() }
        }
        if files.isEmpty, run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir.path]) {
            if !FileManager.default.createFile(atPath: dir.appendingPathComponent("probe").path, contents: Data()) {
                return ReadOnlyDirectory(url: dir) { _ = run(["umount", dir.path]); removeBase() }
            }
            _ = run(["umount", dir.path])
        }
        let targets = files.keys.map { dir.appendingPathComponent($0).path } + [dir.path]
        if run(["chattr", "+i"] + targets) {
            if !FileManager.default.createFile(atPath: dir.appendingPathComponent("probe").path, contents: Data()) {
                return ReadOnlyDirectory(url: dir) { _ = run(["chattr", "-i"] + targets); removeBase() }
            }
            _ = run(["chattr", "-i"] + targets)
        }
        removeBase()
        return nil
    }

    @discardableResult
    static func run(_ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
