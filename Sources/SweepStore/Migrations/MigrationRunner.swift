import Foundation

/// Brings a database's schema up to ``Migration/latest``: applies, in id order, every migration of the
/// list the database has not recorded, and records each in `sweep_migrations` (id, name, how:
/// `applied` or `adopted`, applied_at in seconds since 1970). Runs inside the caller's write transaction,
/// so a failed step leaves the database as it was.
///
/// Databases written before `sweep_migrations` existed carry a version marker (SQLite `user_version`,
/// PostgreSQL `sweep_meta.schema_version`): migrations 1 through that version are recorded as `adopted`
/// without running them. The marker is kept equal to the highest applied id, so older binaries still
/// refuse a schema newer than theirs.
struct MigrationRunner {
    /// The ordered list (ids 1…n).
    var migrations: [Migration] = Migration.all

    /// The highest id of the list.
    var latest: Int { migrations.map(\.id).max() ?? 0 }

    /// Migrates; returns the ids it applied or adopted now (empty: nothing was written).
    /// - Throws: ``StorageError/schemaTooNew(location:found:supported:)`` when the database records a
    ///   migration (or a marker) newer than this binary's list, before anything is written.
    @discardableResult
    func run(_ s: any SQLSession, dialect: MigrationDialect, now: Date) throws -> [Int] {
        let legacy = try dialect.legacyVersion(s)
        if legacy > latest {
            throw StorageError.schemaTooNew(location: dialect.location, found: legacy, supported: latest)
        }
        var done: [Int] = []
        var recorded = Set<Int>()
        if try s.row(dialect.recordTableExists, [])?["n"].int == 1 {
            recorded = Set(try s.rows("SELECT id FROM sweep_migrations", []).compactMap { $0["id"].int })
            if let newest = recorded.max(), newest > latest {
                throw StorageError.schemaTooNew(location: dialect.location, found: newest, supported: latest)
            }
        } else {
            try s.execute(dialect.createRecordTable, [])
            for migration in migrations where migration.id <= legacy {
                try record(s, migration, how: "adopted", now: now)
                recorded.insert(migration.id)
                done.append(migration.id)
            }
        }
        for migration in migrations.sorted(by: { $0.id < $1.id }) where !recorded.contains(migration.id) {
            for statement in migration[keyPath: dialect.statements] { try s.execute(statement, []) }
            try record(s, migration, how: "applied", now: now)
            done.append(migration.id)
        }
        if !done.isEmpty || legacy != latest { try dialect.setLegacyVersion(s, latest) }
        return done
    }

    private func record(_ s: any SQLSession, _ migration: Migration, how: String, now: Date) throws {
        try s.execute("INSERT INTO sweep_migrations (id, name, how, applied_at) VALUES (?, ?, ?, ?)",
                      [SQLValue(migration.id), .text(migration.name), .text(how), .real(now.timeIntervalSince1970)])
    }
}
