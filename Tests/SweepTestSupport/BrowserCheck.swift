import Foundation

/// Runs `scripts/check-report`, which renders reports in headless Chromium and checks the pictures and
/// the rendered DOM.
public enum BrowserCheck {
    /// Whether `chromium` is on the PATH (tests that need it are skipped otherwise).
    public static var isAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/chromium")
        }
    }

    /// Runs the script with `arguments` (and extra `environment`); returns its exit status and output.
    public static func run(_ arguments: [String], environment: [String: String] = [:], logIn directory: URL) throws -> (status: Int32, log: String) {
        let p = Process()
        p.executableURL = TestPaths.packageRoot.appendingPathComponent("scripts/check-report")
        p.arguments = arguments
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
