import Foundation
import Synchronization

/// Runs `scripts/check-report`, which renders reports in headless Chromium and checks the pictures and
/// the rendered DOM.
public enum BrowserCheck {
    /// Whether `chromium` is on the PATH (tests that need it are skipped otherwise).
    public static var isAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/chromium")
        }
    }

    /// One browser check at a time: Chromium is heavy, and tests that time real processes run alongside.
    private static let lock = Mutex(())

    /// Runs the script with `arguments` (and extra `environment`); returns its exit status and output.
    public static func run(_ arguments: [String], environment: [String: String] = [:], logIn directory: URL) throws -> (status: Int32, log: String) {
        try lock.withLock { _ in try runUnlocked(arguments, environment: environment, logIn: directory) }
    }

    private static func runUnlocked(_ arguments: [String], environment: [String: String], logIn directory: URL) throws -> (status: Int32, log: String) {
        // At the lowest CPU priority, so tests that time real processes (kill/resume) keep their pace.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["nice", "-n", "19", TestPaths.packageRoot.appendingPathComponent("scripts/check-report").path] + arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let log = directory.appendingPathComponent("check.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
