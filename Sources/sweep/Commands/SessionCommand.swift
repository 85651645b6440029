import ArgumentParser
import Foundation
import Sweep
import SweepStore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Serve ask/tell over stdin/stdout as JSON lines, for clients in any language (docs/protocol.md).",
        discussion: """
            One long-lived process per client: it writes {"event": "ready", "protocol": 1, ...}, then answers one \
            JSON line per request line (ask, tell, report, suggest, release, best, trials, enqueue, heartbeat, info, \
            close). It renews the leases of the trials it handed out while it runs and hands them back (waiting, \
            resumable) at end of input, on close, or when its parent process (the client) dies. A sweep that \
            cannot be opened is answered with {"event": "error", ...} and exit status 2.
            """)

    @OptionGroup var sweep: SweepTarget
    @Option(name: .long, parsing: .unconditional,
            help: "Seconds a handed-out trial stays owned if this process stops renewing it (default 60; renewed every quarter).")
    var lease: String?

    func run() throws {
        let server: SessionServer
        do {
            let lease = try lease.map { text -> Double in
                guard let v = Double(text), v.isFinite, v > 0 else {
                    throw InputError(message: "--lease must be a positive number of seconds, got '\(text)'")
                }
                return v
            } ?? 60
            server = SessionServer(session: try externalSession(sweep.target, storage: sweep.storage, lease: lease, worker: .current()))
        } catch {
            print(SessionServer.failure(error))
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(CLIFailure.exitCode(for: error))
        }
        server.serve()
    }
}
