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

    @Option(name: .long, help: "The sweep's name.")
    var sweep: String

    @OptionGroup var options: RunOptions

    func validate() throws {
        guard options.storage != nil else {
            throw ValidationError("--storage is required: where the sweep is stored (postgresql://user@host:port/db or an SQLite path)")
        }
    }

    func run() throws {
        try guarded {
            try options.checkWorkers()
            SignalStop.install()
            let located = try SweepLocator.locate(sweep, storage: options.storage)
            let session = try located.session(lease: options.lease)
            try SweepRunPresenter(session: session, options: options).execute()
        }
    }
}
