/// One step of the storage schema, written for both engines. Steps are applied in `id` order, each once,
/// and recorded in the database's `sweep_migrations` table (see ``MigrationRunner``).
///
/// A migration is history: once released its statements never change; a new schema is a new migration
/// appended to ``Migration/all``.
public struct Migration: Sendable, Equatable {
    /// Position in the list, from 1, without gaps.
    public let id: Int
    /// What the step adds, for `sweep_migrations` and messages.
    public let name: String
    /// The SQLite statements, one per element, run in order inside the opening transaction.
    public let sqlite: [String]
    /// The PostgreSQL statements, one per element, run in order inside the opening transaction.
    public let postgres: [String]
}

extension Migration {
    /// The highest migration id this binary knows (the schema version it writes).
    public static var latest: Int { all.map(\.id).max() ?? 0 }
}
