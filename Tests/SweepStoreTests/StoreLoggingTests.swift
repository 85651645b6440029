import Foundation
import Logging
import SweepCore
@testable import SweepStore
import SweepTestSupport
import Synchronization
import Testing

/// A log handler that keeps every message (level and text), for checking what a store logs.
final class CapturedLog: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String, metadata: String)]>([])

    var entries: [(level: Logger.Level, message: String, metadata: String)] { lines.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "test", factory: { _ in Handler(log: self) })
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        // swiftlint:disable:next function_parameter_count
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { _, new in new }
            log.lines.withLock { $0.append((level, message.description, all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))) }
        }
    }
}

@Suite struct StoreLoggingTests {
    /// Opens `store`, lets worker A's lease run out, and asks as worker B.
    private func expireAndTakeOver(_ store: any StudyStorage) throws -> Trial? {
        let study = try store.createStudy(name: "s", direction: .minimize, seed: 1, configSource: "c", configHash: "h")
        let a = WorkerIdentity(id: "a", host: "host-a", pid: 1, processStart: 1, external: true)
        let b = WorkerIdentity(id: "b", host: "host-b", pid: 2, processStart: 2, external: true)
        _ = try store.ask(study: study.id, worker: a, lease: 0.01) { _ in .create(params: ["x": .float(1)], attributes: [:]) }
        Thread.sleep(forTimeInterval: 0.05)
        return try store.ask(study: study.id, worker: b, lease: 60) { history in
            history.trials.first?.state == .waiting ? .claim(number: 0, attributes: [:]) : .none(retry: false)
        }.trial
    }

    @Test func anExpiredLeaseTakenOverIsLoggedAtInfo() throws {
        try withTemporaryDirectory { dir in
            let log = CapturedLog()
            let store = try SQLiteStorage(path: dir.appendingPathComponent("s.sqlite").path, logger: log.logger)
            let taken = try expireAndTakeOver(store)
            #expect(taken?.number == 0)
            let requeues = log.entries.filter { $0.message.contains("lease expired") }
            #expect(requeues.count == 1, "\(log.entries)")
            #expect(requeues.first?.level == .info)
            #expect(requeues.first?.message.contains("trial 0 of sweep 's'") == true)
            #expect(requeues.first?.message.contains("requeued") == true)
            #expect(requeues.first?.metadata.contains("taken_over_by=external@host-b") == true)
        }
    }

    @Test func migrationsOfANewFileAreLoggedAtDebug() throws {
        try withTemporaryDirectory { dir in
            let log = CapturedLog()
            _ = try SQLiteStorage(path: dir.appendingPathComponent("s.sqlite").path, logger: log.logger)
            #expect(log.entries.contains { $0.level == .debug && $0.message.contains("schema migrations [1, 2, 3]") }, "\(log.entries)")
        }
    }

    /// A connection the server drops is noticed, logged as a warning, and the transaction still succeeds.
    @Test(.enabled(if: TestPostgres.available)) func aDroppedPostgresConnectionIsLoggedAndRetried() throws {
        let url = try TestPostgres.freshDatabase()
        let log = CapturedLog()
        let store = try PostgresStorage(url: url, logger: log.logger)
        defer { store.close() }
        let study = try store.createStudy(name: "s", direction: .minimize, seed: 1, configSource: "c", configHash: "h")
        // Drop every other connection to this database from a separate session (the store's pool keeps its
        // connection idle meanwhile).
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c",
                       "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let terminated = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && terminated.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try store.study(named: "s")?.id == study.id)
        let warnings = log.entries.filter { $0.level == .warning }
        #expect(warnings.contains { $0.message.contains("reconnecting") || $0.message.contains("retry 1 of 8") }, "\(log.entries)")
        // Every message names the server only by its redacted URL.
        let password = URLComponents(string: url)?.password ?? "\u{0}"
        #expect(!log.entries.contains { $0.message.contains(password) || $0.metadata.contains(password) })
        #expect(log.entries.contains { $0.metadata.contains("postgres=") })
    }
}
