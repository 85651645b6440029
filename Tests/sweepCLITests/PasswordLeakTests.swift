import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// Issue 18 item 1: a PostgreSQL password written in the sweep file's `storage:` URL appears in no
/// output — CLI text and JSON, CSV, the HTML report, trial logs, error messages — nor in any row the
/// sweep stores (every database user can read `sweep_studies.config_source`).
@Suite(.serialized, .enabled(if: TestPostgres.available, "needs the PostgreSQL server scripts/test starts"))
struct PasswordLeakTests {
    /// Every row of every table of the database, as text.
    static func rawRows(_ url: String) throws -> String {
        func psql(_ sql: String) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "psql \(sql)")
            return String(decoding: data, as: UTF8.self)
        }
        let tables = try psql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            .split(separator: "\n").map(String.init)
        #expect(tables.contains("sweep_studies"), "\(tables)")
        return try tables.map { try psql("SELECT t::text FROM \"\($0)\" t") }.joined(separator: "\n")
    }

    @Test func postgresPasswordNeverAppearsInAnyOutputOrStoredRow() throws {
        let url = try TestPostgres.freshDatabase(prefix: "sweep_pwleak")
        let password = try #require(URLComponents(string: url)?.password, "the test cluster URL has a password")
        #expect(password.count >= 8)
        let dir = try makeTemporaryDirectory("pw-leak")
        let config = { (max: Int) in """
            name: secret
            method: grid
            objective: {kind: command, command: [sh, -c, "if [ {x} -eq 2 ]; then echo boom >&2; exit 3; fi; echo loss={x}"]}
            parameters:
              x: {type: int, min: 0, max: \(max)}
            storage: "\(url)"
            """ }
        try write(config(3), to: dir.appendingPathComponent("secret.yaml"))
        var outputs: [(String, CLI.Result)] = []
        func run(_ args: [String]) throws -> CLI.Result {
            let r = try CLI.run(args, in: dir)
            outputs.append((args.joined(separator: " "), r))
            return r
        }
        #expect(try run(["validate", "secret.yaml"]).status == 0)
        #expect(try run(["validate", "secret.yaml", "--json"]).status == 0)
        #expect(try run(["create", "secret.yaml"]).status == 0)
        let first = try run(["run", "secret.yaml", "--json"])
        #expect(first.status == 0, "\(first)")
        _ = try run(["run", "secret.yaml"])
        for format in ["json", "csv", "table"] { _ = try run(["trials", "secret", "--storage", url, "--format", format]) }
        _ = try run(["status", "secret", "--storage", url])
        _ = try run(["status", "secret", "--storage", url, "--json"])
        _ = try run(["best", "secret", "--storage", url])
        for format in ["csv", "json", "jsonl"] { _ = try run(["export", "secret", "--storage", url, "--format", format]) }
        #expect(try run(["report", "secret", "--storage", url, "-o", dir.appendingPathComponent("r.html").path]).status == 0)
        _ = try run(["resume", "secret", "--storage", url])
        _ = try run(["tell", "secret", "--storage", url, "99", "1.0"])
        // Errors: a changed search space (the message shows the stored config's differences), a wrong
        // password, an unknown scheme carrying the password.
        try write(config(5), to: dir.appendingPathComponent("secret.yaml"))
        #expect(try run(["run", "secret.yaml"]).status == 2)
        let wrong = url.replacingOccurrences(of: ":\(password)@", with: ":not-\(password.reversed())@")
        #expect(try run(["status", "secret", "--storage", wrong]).status != 0)
        #expect(try run(["run", "secret.yaml", "--storage", url.replacingOccurrences(of: "postgresql://", with: "mysql://")]).status == 2)

        for (command, r) in outputs {
            #expect(!r.stdout.contains(password) && !r.stderr.contains(password), "\(command) printed the password:\n\(r)")
        }
        // Every file sweep wrote (reports, trial logs), except the user's own sweep file.
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        var scanned = 0
        for file in files where file.lastPathComponent != "secret.yaml" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            scanned += 1
            #expect(!text.contains(password), "\(file.path) contains the password")
        }
        #expect(files.contains { $0.pathExtension == "html" } && scanned >= 3, "\(files)")
        let rows = try PasswordLeakTests.rawRows(url)
        #expect(rows.contains("name: secret"), "the stored config is there (redacted)")
        #expect(!rows.contains(password), "a stored row contains the password")
    }
}
