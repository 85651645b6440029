import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// `--log-level`: Sweep's log on standard error, at the level asked for, never with a password.
@Suite struct LogLevelTests {
    private let sweep = """
        name: logged
        method: grid
        objective: {kind: function, function: branin}
        parameters:
          x0: {type: float, min: -5, max: 10, step: 5}
          x1: {type: float, min: 0, max: 15, step: 5}
        """

    @Test func anUnknownLevelIsBadInput() throws {
        let dir = try makeTemporaryDirectory("log-level")
        let r = try CLI.run(["status", "nothing", "--log-level", "loud"], in: dir)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("unknown --log-level 'loud'") && r.stderr.contains("trace|debug|info|notice|warning|error|critical"), "\(r)")
        let missing = try CLI.run(["status", "nothing", "--log-level"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("--log-level needs a value"), "\(missing)")
    }

    @Test func theLevelIsAcceptedBeforeOrAfterTheSubcommandAndDefaultsToWarning() throws {
        let dir = try makeTemporaryDirectory("log-level")
        try write(sweep, to: dir.appendingPathComponent("logged.yaml"))
        let quiet = try CLI.run(["run", "logged.yaml", "--no-report", "-q", "--storage", "a.sqlite"], in: dir)
        #expect(quiet.status == 0, "\(quiet)")
        #expect(!quiet.stderr.contains("schema migrations"), "\(quiet)")
        for args in [["--log-level", "debug", "run", "logged.yaml"], ["run", "logged.yaml", "--log-level=DEBUG"]] {
            let storage = "\(args.count).sqlite"
            let r = try CLI.run(args + ["--no-report", "-q", "--storage", storage], in: dir)
            #expect(r.status == 0, "\(r)")
            #expect(r.stderr.contains("debug") && r.stderr.contains("schema migrations [1, 2, 3] applied or adopted"), "\(r)")
        }
    }

    @Test(.enabled(if: TestPostgres.available, "needs the PostgreSQL server scripts/test starts"))
    func aTraceLogOfAPostgresSweepNeverContainsThePassword() throws {
        let url = try TestPostgres.freshDatabase(prefix: "sweep_log")
        let password = try #require(URLComponents(string: url)?.password, "the test cluster URL has a password")
        let dir = try makeTemporaryDirectory("log-level-pg")
        try write(sweep + "\nstorage: \"\(url)\"\n", to: dir.appendingPathComponent("logged.yaml"))
        let r = try CLI.run(["--log-level", "trace", "run", "logged.yaml", "--no-report"], in: dir)
        #expect(r.status == 0, "\(r)")
        // The trace really is on: our connection log and PostgresNIO's protocol log are both there.
        #expect(r.stderr.contains("connection 1 opened"), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.contains("trace"), "\(r.stderr.prefix(2000))")
        #expect(!r.stderr.contains(password) && !r.stdout.contains(password), "the password was logged")
        let status = try CLI.run(["status", "logged", "--storage", url, "--log-level", "trace"], in: dir)
        #expect(status.status == 0, "\(status)")
        #expect(!status.stderr.contains(password) && !status.stdout.contains(password), "the password was logged")
    }
}
