import ArgumentParser

/// `sweep`: the command-line front end of the Sweep library.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Hyperparameter optimization: random, grid, Sobol, Bayesian (GP) and multi-fidelity search.",
        discussion: """
            Exit status: 0 success, 1 runtime failure, 2 bad input (config, arguments, stored data), \
            130 interrupted (Ctrl-C; the sweep resumes with `sweep run` or `sweep resume`).

            Every command accepts --log-level trace|debug|info|notice|warning|error|critical (default warning): \
            what is logged to standard error (requeued trials, lost leases, retried transactions, reconnects; \
            trace adds PostgreSQL's protocol log). Passwords are never logged.
            """,
        subcommands: [
            RunCommand.self, CreateCommand.self, ResumeCommand.self, WorkerCommand.self, ValidateCommand.self, PlanCommand.self,
            StatusCommand.self, BestCommand.self, TrialsCommand.self, ReportCommand.self, ExportCommand.self, BackupCommand.self, ImportCommand.self,
            AskCommand.self, TellCommand.self, EnqueueCommand.self, SessionCommand.self,
            TrainCommand.self, PredictCommand.self, ModelsCommand.self, ServeCommand.self, RetrainCommand.self,
        ]
    )
}
