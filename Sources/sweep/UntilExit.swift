import Sweep
import Synchronization

/// Sessions a command uses until the process ends. Releasing one before `exit` only tears down what
/// the exit discards anyway — GRDB's connection, its statements and notification observers, about 2 %
/// of a `sweep tell` — while `main` still checkpoints every SQLite store before exiting, so the files
/// are complete on their own either way.
enum UntilExit {
    private static let sessions = Mutex<[SweepSession]>([])

    /// `session`, kept alive until the process exits.
    static func keep(_ session: SweepSession) -> SweepSession {
        sessions.withLock { $0.append(session) }
        return session
    }
}
