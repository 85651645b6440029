import Foundation

/// Runs the built `sweep` executable as a real subprocess.
public enum CLI {
    /// The `sweep` binary next to the test bundle (`.build/<config>/sweep`).
    public static let executable: URL = {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(TestPaths.packageRoot.appendingPathComponent(".build/debug"))
        for dir in candidates {
            for d in [dir, dir.deletingLastPathComponent()] {
                let url = d.appendingPathComponent("sweep")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug/sweep")
    }()

    public struct Result: CustomStringConvertible {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    /// Starts `sweep args…` (or another of the package's executables) in `directory`; the caller waits,
    /// signals or kills it.
    public static func start(_ args: [String], in directory: URL, environment: [String: String] = [:],
                             program: URL = CLI.executable) throws -> RunningCLI {
        let p = Process()
        p.executableURL = program
        p.arguments = args
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        p.environment = env
        let out = directory.appendingPathComponent(".cli-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent(".cli-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        return RunningCLI(process: p, out: out, err: err)
    }

    /// Runs `sweep args…` to completion in `directory`.
    public static func run(_ args: [String], in directory: URL, environment: [String: String] = [:], timeout: Double = 300) throws -> Result {
        let running = try start(args, in: directory, environment: environment)
        return running.wait(timeout: timeout)
    }
}

/// A started `sweep` process.
public final class RunningCLI: @unchecked Sendable {
    public let process: Process
    let out: URL
    let err: URL

    init(process: Process, out: URL, err: URL) {
        self.process = process
        self.out = out
        self.err = err
    }

    public var pid: Int32 { process.processIdentifier }

    public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// What the process has written to stdout so far (it keeps running).
    public var stdoutSoFar: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }

    /// Waits for exit (killing the process after `timeout` seconds) and collects its output.
    public func wait(timeout: Double = 300) -> CLI.Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        process.waitUntilExit()
        let o = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let e = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CLI.Result(status: status, stdout: o, stderr: e)
    }
}
