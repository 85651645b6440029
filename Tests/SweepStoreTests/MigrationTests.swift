import Foundation
import SweepCore
@testable import SweepStore
import SweepTestSupport
import Testing

/// Every table of an SQLite file, row by row, as text (blobs in hex), read by Python's sqlite3 so the
/// comparison does not go through the code under test.
func sqliteTables(_ path: String) throws -> [String: [[String]]] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", """
        import json, sqlite3, sys
        c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
        names = [r[0] for r in c.execute("select name from sqlite_master where type='table' and name like 'sweep%'")]
        def cell(v): return v.hex() if isinstance(v, bytes) else v if isinstance(v, str) else repr(v)
        print(json.dumps({n: [[cell(v) for v in row] for row in c.execute('select * from ' + n + ' order by 1, 2')] for n in names}))
        """, path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    return try JSONDecoder().decode([String: [[String]]].self, from: data)
}

/// `sweep_migrations` as (id, how), through the store's own engine.
func recordedMigrations(_ store: SQLStudyStore) throws -> [(id: Int, how: String)] {
    try store.engine.read { s in
        try s.rows("SELECT id, how FROM sweep_migrations ORDER BY id", []).map { ($0["id"].int ?? -1, $0["how"].string ?? "") }
    }
}

@Suite struct MigrationTests {
    @Test func theListIsNumberedOneToNAndBothEnginesCreateTheSameTables() {
        #expect(Migration.all.map(\.id) == Array(1...Migration.all.count))
        #expect(Migration.latest == Migration.all.count)
        func tables(_ statements: [String]) -> [String] {
            statements.compactMap { sql in
                let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).map(String.init)
                // Migrations create tables or add columns to them.
                guard words.count > 2, ["CREATE", "ALTER"].contains(words[0].uppercased()), words[1].uppercased() == "TABLE" else { return nil }
                return words[2]
            }
        }
        for migration in Migration.all {
            #expect(!tables(migration.sqlite).isEmpty, "migration \(migration.id) creates or alters no table")
            #expect(tables(migration.sqlite) == tables(migration.postgres), "migration \(migration.id)")
            #expect(migration.sqlite.count == migration.postgres.count, "migration \(migration.id)")
        }
    }

    @Test func aNewSQLiteFileRecordsEveryMigrationAsApplied() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("new.sqlite").path
            let store = try SQLiteStorage(path: path)
            #expect(try recordedMigrations(store.sql).map(\.id) == Migration.all.map(\.id))
            #expect(try recordedMigrations(store.sql).allSatisfy { $0.how == "applied" })
            try store.close()
            // Opening again applies nothing and leaves the file byte-identical.
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let again = try SQLiteStorage(path: path)
            #expect(try recordedMigrations(again.sql).count == Migration.all.count)
            try again.close()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    /// The trial columns written by INSERT and UPDATE are exactly the columns the migrations create.
    @Test func theTrialColumnTableMatchesTheMigratedSchema() throws {
        try withTemporaryDirectory { dir in
            let store = try SQLiteStorage(path: dir.appendingPathComponent("s.sqlite").path)
            let columns = try store.sql.engine.read { s in
                try s.rows("SELECT name FROM pragma_table_info('sweep_trials')", []).compactMap { $0["name"].string }
            }
            #expect(Set(columns) == Set(TrialColumns.names + ["study_id", "number", "seq"]))
            #expect(columns.count == TrialColumns.names.count + 3)
        }
    }

    /// `Tests/Fixtures/store-v2/store-v2.sqlite` was written by the sweep binary of schema version 2 (see
    /// the fixtures README). Opening it adopts migrations 1 and 2, changes no stored value, and every
    /// value reads back through the store as it was written.
    @Test func aSchemaVersionTwoFileFromBeforeTheMigrationTableOpensUnchanged() throws {
        let fixture = try TestPaths.fixture("store-v2/store-v2.sqlite")
        let yaml = try String(contentsOf: try TestPaths.fixture("store-v2/fixture-v2.yaml"), encoding: .utf8)
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v2.sqlite").path
            try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
            let before = try sqliteTables(path)
            #expect(before["sweep_migrations"] == nil)
            #expect(before["sweep_trials"]?.isEmpty == false)
            #expect(before["sweep_checkpoints"]?.isEmpty == false)
            #expect(before["sweep_model_versions"]?.isEmpty == false)

            let store = try SQLiteStorage(path: path)
            // 1 and 2 are adopted; 3 (objective values) is applied: a column added, every old row NULL.
            #expect(try recordedMigrations(store.sql).map(\.id) == [1, 2, 3])
            #expect(try recordedMigrations(store.sql).prefix(2).allSatisfy { $0.how == "adopted" })
            #expect(try recordedMigrations(store.sql).last?.how == "applied")
            #expect(try store.trials(study: store.study(named: "fixture-v2")?.id ?? -1).allSatisfy { $0.values == nil })

            // Through the store: the study, every trial, every checkpoint, the model and its alias.
            let study = try #require(try store.study(named: "fixture-v2"))
            #expect(study.configSource == yaml)
            let trials = try store.trials(study: study.id)
            #expect(trials.count == before["sweep_trials"]?.count)
            for (trial, row) in zip(trials, before["sweep_trials"] ?? []) {
                #expect(String(trial.number) == row[1])
                #expect(trial.state.rawValue == row[2])
                #expect(trial.value.map { "\($0)" } ?? "None" == row[4])
                #expect(StoredJSON.encode(params: trial.params) == row[3])
                #expect(StoredJSON.encode(intermediate: trial.intermediateValues) == row[5])
                #expect(StoredJSON.encode(attributes: trial.attributes) == row[9])
            }
            for row in before["sweep_checkpoints"] ?? [] {
                let number = try #require(Int(row[1]))
                let saved = try #require(try store.checkpoint(study: study.id, trial: number))
                #expect(String(saved.step) == row[2])
                #expect(saved.data.map { String(format: "%02x", $0) }.joined() == row[3])
            }
            let version = try #require(try store.modelVersions(model: "digits").first)
            #expect(try store.modelCheckpoint(model: "digits", version: version.version).map { String(format: "%02x", $0) }.joined()
                    == before["sweep_model_versions"]?.first?[12])
            #expect(try store.modelPointers()["digits"]?.aliases["production"] == version.version)

            // The file still works: a new trial is asked and finished.
            let worker = WorkerIdentity.current()
            let asked = try store.ask(study: study.id, worker: worker, lease: 60) { _ in .create(params: ["lr": .float(0.01)], attributes: [:]) }
            let number = try #require(asked.trial?.number)
            _ = try store.finish(study: study.id, trial: number, state: .complete, value: 0.5, failureReason: nil, worker: worker)
            try store.close()

            // Raw rows: nothing that was stored changed; only the new trial and the migration record were added.
            var after = try sqliteTables(path)
            #expect(after["sweep_migrations"]?.count == 3)
            after["sweep_migrations"] = nil
            #expect(after["sweep_trials"]?.count == (before["sweep_trials"]?.count ?? 0) + 1)
            after["sweep_trials"]?.removeLast()
            // Migration 3 appended the objective_values column, NULL in every old row.
            #expect(after["sweep_trials"]?.allSatisfy { $0.last == "None" } == true)
            after["sweep_trials"] = after["sweep_trials"]?.map { Array($0.dropLast()) }
            // The study's change counter moved with the new trial; everything else is byte for byte.
            after["sweep_studies"] = after["sweep_studies"]?.map { Array($0.dropLast()) }
            var expected = before
            expected["sweep_studies"] = before["sweep_studies"]?.map { Array($0.dropLast()) }
            #expect(after == expected)
        }
    }

    @Test func aFileRecordingAnUnknownMigrationIsRefusedUntouched() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("future.sqlite").path
            let store = try SQLiteStorage(path: path)
            try store.sql.engine.write { s in
                try s.execute("INSERT INTO sweep_migrations (id, name, how, applied_at) VALUES (99, 'future', 'applied', 0)", [])
            }
            try store.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: StorageError.schemaTooNew(location: path, found: 99, supported: Migration.latest)) {
                try SQLiteStorage(path: path)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }
    /// A migration appended to the list is applied to an existing file once, recorded, and moves the
    /// marker older binaries read; a failing one changes nothing (the whole run is one transaction).
    @Test func anAppendedMigrationIsAppliedOnceAndAFailingOneChangesNothing() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("s.sqlite").path
            let store = try SQLiteStorage(path: path)
            let next = Migration.latest + 1
            let notes = Migration(id: next, name: "notes", sqlite: ["CREATE TABLE sweep_notes (text TEXT NOT NULL)"],
                                  postgres: ["CREATE TABLE sweep_notes (text text NOT NULL)"])
            let broken = Migration(id: next + 1, name: "broken", sqlite: ["CREATE TABLE sweep_more (x INTEGER)", "CREATE TABLE sweep_notes (x)"],
                                   postgres: [])
            let runner = MigrationRunner(migrations: Migration.all + [notes])
            func run(_ runner: MigrationRunner) throws -> [Int] {
                try store.sql.engine.write { s in try runner.run(s, dialect: .sqlite(location: path), now: Date()) }
            }
            func tables() throws -> [String] {
                try store.sql.engine.read { s in
                    try s.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", []).compactMap { $0["name"].string }
                }
            }
            #expect(try run(runner) == [next])
            #expect(try run(runner) == [])
            #expect(try recordedMigrations(store.sql).map(\.id) == Array(1...next))
            #expect(try store.sql.engine.read { s in try s.row("PRAGMA user_version", [])?["user_version"].int } == next)
            let before = try tables()
            #expect(throws: (any Error).self) { try run(MigrationRunner(migrations: Migration.all + [notes, broken])) }
            #expect(try tables() == before)
            #expect(!before.contains("sweep_more"))
            #expect(try recordedMigrations(store.sql).map(\.id) == Array(1...next))
        }
    }
}
