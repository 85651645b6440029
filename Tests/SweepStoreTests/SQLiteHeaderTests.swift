import Foundation
import SweepCore
@testable import SweepStore
import SweepTestSupport
import Testing

/// `SQLiteStorage.headerVersion`: the schema version read from a file's first 100 bytes, trusted only
/// for a Sweep file whose write-ahead log is empty; everything else is left to SQLite.
@Suite struct SQLiteHeaderTests {
    private func python(_ script: String, _ path: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func aClosedSweepFileReadsItsVersionFromTheHeader() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("s.sqlite").path
        let store = try SQLiteStorage(path: path)
        _ = try store.createStudy(name: "x", direction: .minimize, seed: 0, configSource: "", configHash: "")
        // Uncheckpointed commits: page 1 on disk may be stale, so the header is not trusted.
        #expect(SQLiteStorage.headerVersion(path) == nil)
        try store.close()
        #expect(SQLiteStorage.headerVersion(path) == Migration.latest)
        // Reopened from the header alone, it still reads and writes.
        let again = try SQLiteStorage(path: path)
        #expect(try again.studies().map(\.name) == ["x"])
        try again.close()
    }

    @Test func otherFilesAreLeftToSQLite() throws {
        let dir = try makeTemporaryDirectory()
        let missing = dir.appendingPathComponent("missing.sqlite").path
        #expect(SQLiteStorage.headerVersion(missing) == nil)
        let text = dir.appendingPathComponent("notes.sqlite")
        try Data(String(repeating: "not a database\n", count: 20).utf8).write(to: text)
        #expect(SQLiteStorage.headerVersion(text.path) == nil)
        let foreign = dir.appendingPathComponent("app.db").path
        try python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.execute('pragma user_version=2'); c.commit()", foreign)
        #expect(SQLiteStorage.headerVersion(foreign) == nil)
        let marked = dir.appendingPathComponent("marked.db").path
        try python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma application_id=\(SQLiteStorage.applicationID)'); c.execute('pragma user_version=7'); c.execute('create table t(x)'); c.commit()", marked)
        #expect(SQLiteStorage.headerVersion(marked) == 7)
        // A Sweep marker with a schema newer than this binary's is still refused (by SQLite's reading).
        #expect(throws: StorageError.self) { _ = try SQLiteStorage(path: marked) }
    }
}

/// ``StoreUse/singleThreaded``: one connection, the file still in WAL mode and shared with pools.
@Suite struct SQLiteStoreUseTests {
    @Test func oneConnectionKeepsTheFileInWALModeBesideAPool() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("one.sqlite").path
        let single = try SQLiteStorage(path: path, use: .singleThreaded)
        let study = try single.createStudy(name: "x", direction: .minimize, seed: 0, configSource: "", configHash: "")
        let pool = try SQLiteStorage(path: path)
        #expect(try pool.studies().map(\.name) == ["x"])
        _ = try pool.sql.engine.write { s in try s.execute("UPDATE sweep_studies SET config_source = 'y' WHERE id = ?", [.integer(study.id)]) }
        #expect(try single.studies().first?.configSource == "y")
        let mode = try single.sql.engine.read { s in try s.row("PRAGMA journal_mode", [])?["journal_mode"].string }
        #expect(mode == "wal")
        try pool.close()
        try single.close()
        #expect(SQLiteStorage.headerVersion(path) == Migration.latest)
    }
}

/// A file whose header claims the current schema but has no migration record is migrated, not refused.
@Suite struct SQLiteHeaderWithoutRecordTests {
    @Test func aCurrentMarkerWithoutTheRecordTableIsMigrated() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("r.sqlite").path
        let store = try SQLiteStorage(path: path)
        _ = try store.createStudy(name: "x", direction: .minimize, seed: 0, configSource: "", configHash: "")
        try store.sql.engine.write { s in _ = try s.execute("DROP TABLE sweep_migrations", []) }
        try store.close()
        #expect(SQLiteStorage.headerVersion(path) == Migration.latest)
        let again = try SQLiteStorage(path: path)
        #expect(try again.studies().map(\.name) == ["x"])
        let recorded = try again.sql.engine.read { s in try s.rows("SELECT id FROM sweep_migrations ORDER BY id", []).compactMap { $0["id"].int } }
        #expect(recorded == Array(1...Migration.latest))
        try again.close()
    }
}
