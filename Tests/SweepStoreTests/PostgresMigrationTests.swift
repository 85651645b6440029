import Foundation
import SweepCore
@testable import SweepStore
import SweepTestSupport
import Testing

/// The migration list on a real PostgreSQL server (`SWEEP_TEST_POSTGRES_URL`).
@Suite(.enabled(if: TestPostgres.available)) struct PostgresMigrationTests {
    /// Runs `body` in one transaction on `url` without opening a store (so without migrating).
    private func raw(_ url: String, _ body: (any SQLSession) throws -> Void) throws {
        let pool = try PostgresConnectionPool(url: try PostgresURL(url))
        defer { pool.shutdown() }
        try pool.transaction(readOnly: false, body)
    }

    private func marker(_ store: PostgresStorage) throws -> String? {
        try store.sql.engine.read { s in try s.row("SELECT value FROM sweep_meta WHERE key = 'schema_version'", [])?["value"].string }
    }

    @Test func aNewDatabaseRecordsEveryMigrationAsApplied() throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStorage(url: url)
        #expect(try recordedMigrations(store.sql).map(\.id) == Migration.all.map(\.id))
        #expect(try recordedMigrations(store.sql).allSatisfy { $0.how == "applied" })
        #expect(try marker(store) == String(Migration.latest))
        store.close()
        let again = try PostgresStorage(url: url)
        #expect(try recordedMigrations(again.sql).count == Migration.all.count)
        again.close()
    }

    /// A database as schema version 2 wrote it (its DDL, the `sweep_meta` marker, no `sweep_migrations`),
    /// with a study, a trial and a checkpoint written as that code wrote them.
    @Test func aDatabaseWrittenBeforeTheMigrationTableIsAdoptedAndReadsBackUnchanged() throws {
        let url = try TestPostgres.freshDatabase()
        let params = #"{"lr":["f",0.012345678901234568],"layers":["i",3]}"#
        let intermediate = #"{"1":0.5,"3":0.25}"#
        let attributes = #"{"sweep.rung":1}"#
        try raw(url) { s in
            try s.execute("CREATE TABLE sweep_meta (key text PRIMARY KEY, value text NOT NULL)", [])
            for migration in Migration.all where migration.id <= 2 {
                for statement in migration.postgres { try s.execute(statement, []) }
            }
            try s.execute("INSERT INTO sweep_meta (key, value) VALUES ('schema_version', '2')", [])
            try s.execute("""
                INSERT INTO sweep_studies (name, direction, seed, config_source, config_hash, created_at, seq)
                VALUES ('old', 'minimize', '18446744073709551615', 'name: old', 'h', 1700000000.25, 1)
                """, [])
            try s.execute("""
                INSERT INTO sweep_trials (study_id, number, state, params, value, intermediate, started_at, finished_at,
                                          failure_reason, attributes, owner, lease_expires_at, seq)
                SELECT id, 0, 'complete', ?, 0.25, ?, 1700000001.5, 1700000002.75, NULL, ?, NULL, NULL, 1 FROM sweep_studies
                """, [.text(params), .text(intermediate), .text(attributes)])
            try s.execute("INSERT INTO sweep_checkpoints (study_id, number, step, data, saved_at) SELECT id, 0, 3, ?, 1700000002.5 FROM sweep_studies",
                          [.blob(Data([0, 1, 2, 255]))])
        }
        let store = try PostgresStorage(url: url)
        defer { store.close() }
        #expect(try recordedMigrations(store.sql).map(\.id) == [1, 2, 3])
        #expect(try recordedMigrations(store.sql).prefix(2).allSatisfy { $0.how == "adopted" })
        #expect(try marker(store) == String(Migration.latest))

        let study = try #require(try store.study(named: "old"))
        #expect(study.seed == UInt64.max)
        #expect(study.createdAt == Date(timeIntervalSince1970: 1700000000.25))
        let trial = try #require(try store.trial(study: study.id, number: 0))
        #expect(trial.state == .complete)
        #expect(StoredJSON.encode(params: trial.params) == #"{"layers":["i",3],"lr":["f",0.012345678901234568]}"#)
        #expect(trial.value == 0.25)
        #expect(trial.intermediateValues == [1: 0.5, 3: 0.25])
        #expect(StoredJSON.encode(attributes: trial.attributes) == attributes)
        #expect(trial.startedAt == Date(timeIntervalSince1970: 1700000001.5))
        #expect(trial.finishedAt == Date(timeIntervalSince1970: 1700000002.75))
        let checkpoint = try #require(try store.checkpoint(study: study.id, trial: 0))
        #expect(checkpoint.step == 3 && checkpoint.data == Data([0, 1, 2, 255]))
        // The registry tables of version 2 are used as they are.
        #expect(try store.registerModel("m", checkpoint: Data([7]), lineage: ModelLineage(
            sweep: "old", trial: 0, params: trial.params, metrics: [:], datasetName: "d", datasetHash: "h", codeVersion: "c")).version == 1)
    }

    @Test func aDatabaseRecordingAnUnknownMigrationIsRefused() throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStorage(url: url)
        try store.sql.engine.write { s in
            try s.execute("INSERT INTO sweep_migrations (id, name, how, applied_at) VALUES (99, 'future', 'applied', 0)", [])
        }
        store.close()
        #expect(throws: StorageError.schemaTooNew(location: try PostgresURL(url).redacted, found: 99, supported: Migration.latest)) {
            try PostgresStorage(url: url)
        }
    }
}
