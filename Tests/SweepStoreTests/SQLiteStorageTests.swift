import Foundation
import SweepCore
import SweepStore
import SweepTestSupport
import Testing

private let worker = WorkerIdentity(id: "w", host: "h", pid: 1, processStart: 0, external: false)

private func sha(_ url: URL) throws -> Data { try Data(contentsOf: url) }

@Suite struct SQLiteStorageTests {
    @Test func dataSurvivesReopening() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("nested/dir/s.sqlite").path
        do {
            let s = try SQLiteStorage(path: path)
            let study = try s.createStudy(name: "x", direction: .maximize, seed: 99, configSource: "src", configHash: "h")
            let t = try s.ask(study: study.id, worker: worker, lease: 60) { _ in .create(params: ["a": 1], attributes: [:]) }.trial!
            _ = try s.finish(study: study.id, trial: t.number, state: .complete, value: 0.5, failureReason: nil, worker: worker)
        }
        let s = try SQLiteStorage(path: path)
        let study = try #require(try s.study(named: "x"))
        #expect(study.direction == .maximize && study.seed == 99)
        #expect(try s.trials(study: study.id).first?.value == 0.5)
    }

    @Test func twoHandlesOnOneFileSeeEachOthersTrials() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("s.sqlite").path
        let a = try SQLiteStorage(path: path), b = try SQLiteStorage(path: path)
        let study = try a.createStudy(name: "x", direction: .minimize, seed: 0, configSource: "", configHash: "")
        for i in 0..<6 {
            let store = i % 2 == 0 ? a : b
            _ = try store.ask(study: study.id, worker: worker, lease: 60) { h in
                #expect(h.trials.count == i)
                return .create(params: ["i": .int(i)], attributes: [:])
            }
            _ = try store.report(study: study.id, trial: i, step: 1, value: Double(i), worker: worker)
        }
        // Incremental sync picked up intermediate values written through the other handle.
        let h = try a.history(study: study.id)
        #expect(h.trials.map { $0.intermediateValues[1] } == [0, 1, 2, 3, 4, 5])
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("notes.sqlite")
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: url)
        do {
            _ = try SQLiteStorage(path: url.path)
            Issue.record("opened a text file")
        } catch let error as StorageError {
            guard case .notADatabase = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains(url.path))
        }
        #expect(try Data(contentsOf: url) == bytes)
        #expect(!FileManager.default.fileExists(atPath: url.path + "-wal"))
    }

    @Test func aCorruptSweepDatabaseIsRefused() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("s.sqlite")
        do {
            let s = try SQLiteStorage(path: url.path)
            _ = try s.createStudy(name: "x", direction: .minimize, seed: 0, configSource: "", configHash: "")
        }
        // Keep the header, trash the pages after it.
        var data = try Data(contentsOf: url)
        for i in 100..<data.count { data[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try data.write(to: url)
        #expect(throws: StorageError.self) {
            let s = try SQLiteStorage(path: url.path)
            _ = try s.studies()
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftUntouched() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("app.db")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table users(id int)'); c.execute('insert into users values (1)'); c.commit()", url.path]
        try p.run(); p.waitUntilExit()
        let before = try Data(contentsOf: url)
        do {
            _ = try SQLiteStorage(path: url.path)
            Issue.record("opened a foreign database")
        } catch let error as StorageError {
            guard case .foreignDatabase = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("another application"))
        }
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let url = try makeTemporaryDirectory().appendingPathComponent("s.sqlite")
        _ = try SQLiteStorage(path: url.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma user_version=7'); c.commit()", url.path]
        try p.run(); p.waitUntilExit()
        #expect(throws: StorageError.schemaTooNew(location: url.path, found: 7, supported: SQLiteStorage.schemaVersion)) {
            _ = try SQLiteStorage(path: url.path)
        }
    }

    @Test func aReadOnlyDirectoryGivesAClearError() throws {
        guard let dir = ReadOnlyDirectory.make() else {
            Issue.record("cannot make a read-only directory on this machine (need root mount/chattr or a non-root user)")
            return
        }
        let path = dir.url.appendingPathComponent("s.sqlite").path
        do {
            _ = try SQLiteStorage(path: path)
            Issue.record("opened a database in a read-only directory")
        } catch let error as StorageError {
            #expect(error.description.contains(path) && (error.description.contains("read-only") || error.description.contains("cannot")),
                    "\(error)")
        }
    }

    @Test func anExistingSweepInAReadOnlyPlaceIsNotModified() throws {
        // Make a real sweep file, then put it into a read-only directory.
        let src = try makeTemporaryDirectory().appendingPathComponent("s.sqlite")
        do {
            let s = try SQLiteStorage(path: src.path)
            _ = try s.createStudy(name: "x", direction: .minimize, seed: 0, configSource: "", configHash: "")
        }
        let bytes = try Data(contentsOf: src)
        guard let dir = ReadOnlyDirectory.make(files: ["s.sqlite": bytes]) else {
            Issue.record("cannot make a read-only directory on this machine")
            return
        }
        let path = dir.url.appendingPathComponent("s.sqlite").path
        #expect(throws: StorageError.self) { _ = try SQLiteStorage(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }
}
