/// What differs between engines when migrating: which of a ``Migration``'s statements to run, the
/// column types of `sweep_migrations`, and the version marker databases carried before that table.
struct MigrationDialect {
    /// The database, for messages (no password).
    let location: String
    /// This engine's statements of a migration.
    let statements: KeyPath<Migration, [String]>
    /// `CREATE TABLE sweep_migrations (id, name, how, applied_at)` in this engine's types.
    let createRecordTable: String
    /// A query whose column `n` is 1 when `sweep_migrations` exists, else 0.
    let recordTableExists: String
    /// The schema version marker older binaries read and write (0 for a new database).
    let legacyVersion: (any SQLSession) throws -> Int
    /// Keeps the marker equal to the highest applied id, so an older binary refuses a newer schema
    /// instead of misreading it.
    let setLegacyVersion: (any SQLSession, Int) throws -> Void

    /// SQLite: the marker is `PRAGMA user_version`.
    static func sqlite(location: String) -> MigrationDialect {
        MigrationDialect(
            location: location, statements: \.sqlite,
            createRecordTable: "CREATE TABLE sweep_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, how TEXT NOT NULL, applied_at REAL NOT NULL)",
            recordTableExists: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sweep_migrations'",
            legacyVersion: { s in try s.row("PRAGMA user_version", [])?["user_version"].int ?? 0 },
            setLegacyVersion: { s, version in try s.execute("PRAGMA user_version = \(version)", []) })
    }

    /// PostgreSQL: the marker is the `schema_version` row of `sweep_meta`.
    static func postgres(location: String) -> MigrationDialect {
        let meta = "CREATE TABLE IF NOT EXISTS sweep_meta (key text PRIMARY KEY, value text NOT NULL)"
        return MigrationDialect(
            location: location, statements: \.postgres,
            createRecordTable: "CREATE TABLE sweep_migrations (id integer PRIMARY KEY, name text NOT NULL, how text NOT NULL, applied_at float8 NOT NULL)",
            recordTableExists: "SELECT (to_regclass('sweep_migrations') IS NOT NULL)::int AS n",
            legacyVersion: { s in
                try s.execute(meta, [])
                return try s.row("SELECT value FROM sweep_meta WHERE key = 'schema_version'", [])?["value"].string.flatMap { Int($0) } ?? 0
            },
            setLegacyVersion: { s, version in
                try s.execute("""
                    INSERT INTO sweep_meta (key, value) VALUES ('schema_version', ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, [.text(String(version))])
            })
    }
}
