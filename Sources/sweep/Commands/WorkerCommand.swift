import ArgumentParser
import Foundation
import Sweep

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Join a stored sweep as a worker (typically on another machine, with PostgreSQL storage).",
        discussion: """
            The worker runs the sweep's stored config: it claims trials (or resumes abandoned ones from their \
            checkpoints), runs them and reports, until the sweep's budget is spent. Start as many workers, on \
            as many machines, as you like; each trial has exactly one owner. The password comes from the URL, \
            PGPASSWORD or ~/.pgpass and is never printed.
            """)

    @Option(name: .long, help: "Where the sweep is stored: postgresql://user@host:port/db (or an SQLite path).")
    var storage: String

    @Option(name: .long, help: "The sweep's name.")
    var sweep: String

    @Option(name: .long, help: "Worker threads in this process (default: the sweep's budget.workers).")
    var workers: Int?

    @Option(name: .long, help: "Seconds a running trial stays owned without a heartbeat.")
    var lease: Double = 60

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    @Flag(name: .long, help: "Print the result as one JSON object (progress goes to stderr).")
    var json = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if lease <= 0 { throw ValidationError("--lease must be positive") }
    }

    func run() throws {
        try guarded {
            SignalStop.install()
            let located = try SweepLocator.locate(sweep, storage: storage)
            let session = try located.session(lease: lease)
            var options = RunOptions()
            options.json = json
            options.quiet = quiet
            options.workers = workers
            options.lease = lease
            try SweepRunPresenter(session: session, options: options).execute()
        }
    }
}
