import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// Real `sweep worker` processes sharing one PostgreSQL sweep (server started by scripts/test).
@Suite(.serialized, .enabled(if: TestPostgres.available, "needs the PostgreSQL server scripts/test starts"))
struct PostgresWorkerTests {
    @Test func threeWorkersOneKilledMidTrialNothingLostOrDuplicated() throws {
        let url = try TestPostgres.freshDatabase(prefix: "sweep_workers")
        let dir = try makeTemporaryDirectory("pg-workers")
        try write("""
            name: shared
            seed: 5
            method: random
            metric: {name: val_accuracy, goal: maximize}
            objective: {kind: mlp, dataset: digits, epochs: 6, layers: 1, batch_size: 32}
            parameters:
              lr: {type: float, min: 1e-3, max: 3e-2, log: true}
              nodes: {type: int, min: 16, max: 32}
            budget: {trials: 40, workers: 1}
            storage: "\(url)"
            """, to: dir.appendingPathComponent("shared.yaml"))
        let created = try CLI.run(["create", "shared.yaml"], in: dir)
        #expect(created.status == 0, "\(created)")
        let workers = try (0..<3).map { _ in
            try CLI.start(["worker", "--storage", url, "--sweep", "shared", "--quiet", "--lease", "30"], in: dir)
        }
        // 40 built-in MLP trials (digits, 6 epochs, a checkpoint per epoch). Wait until the third worker
        // runs a trial that has checkpointed at least two epochs, then kill it.
        let victim = workers[2]
        var killedTrial: Int?
        let deadline = Date().addingTimeInterval(120)
        while killedTrial == nil && Date() < deadline {
            let status = try CLI.run(["status", "shared", "--storage", url, "--json"], in: dir)
            for t in try json(status.stdout)["running"]?.items ?? [] {
                guard let owner = t["owner"]?.string, owner.hasSuffix(":\(victim.pid)"),
                      let steps = t["intermediate_values"], case let .object(o) = steps, o.count >= 2 else { continue }
                killedTrial = t["number"]?.int
            }
            if killedTrial == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        let killed = try #require(killedTrial, "no trial of the third worker reached two epochs")
        victim.signal(SIGKILL)
        _ = victim.wait()
        for w in workers.prefix(2) {
            let r = w.wait(timeout: 300)
            #expect(r.status == 0, "\(r)")
        }
        let trials = try json(CLI.run(["trials", "shared", "--storage", url, "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 40)
        #expect(trials.map { $0["number"]!.int! } == Array(0..<40))
        #expect(trials.allSatisfy { $0["state"] == .string("complete") })
        let resumed = try #require(trials.first { $0["number"]?.int == killed })
        // Another worker continued it from its checkpoint, not from epoch 0, and trained it to the end.
        #expect((resumed["attributes"]?["sweep.resumed_from_step"]?.int ?? 0) >= 2, "\(resumed)")
        #expect(resumed["attributes"]?["sweep.retries"]?.int == 1)
        if case let .object(epochs) = resumed["intermediate_values"] { #expect(epochs.count == 6, "\(resumed)") }
    }

    @Test func badURLsAndCredentialsGiveClearErrorsWithoutThePassword() throws {
        let url = try #require(TestPostgres.url)
        let dir = try makeTemporaryDirectory("pg-errors")
        let wrong = url.replacingOccurrences(of: "sweep-test-", with: "wrong-")
        let auth = try CLI.run(["status", "x", "--storage", wrong], in: dir)
        #expect(auth.status == 2, "\(auth)")
        #expect(auth.stderr.contains("authentication"), "\(auth)")
        #expect(!auth.stderr.contains("wrong-"), "the password leaked: \(auth.stderr)")
        // Nothing listens on port 1.
        let unreachable = try CLI.run(["status", "x", "--storage", "postgresql://u:secret@127.0.0.1:1/db?sslmode=disable"], in: dir)
        #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot reach"), "\(unreachable)")
        #expect(!unreachable.stderr.contains("secret"))
        let missingDB = try CLI.run(["status", "x", "--storage", TestPostgres.replacingDatabase(in: url, with: "no_such_db")], in: dir)
        #expect(missingDB.stderr.contains("no_such_db") && missingDB.stderr.contains("createdb"), "\(missingDB)")
        let bad = try CLI.run(["status", "x", "--storage", "postgresql://u@h:99999/db"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("bad port"), "\(bad)")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let url = try TestPostgres.freshDatabase(prefix: "sweep_schema")
        let dir = try makeTemporaryDirectory("pg-schema")
        try write("name: s\nobjective: {kind: function, function: branin}\nbudget: {trials: 2}\nstorage: \"\(url)\"\n",
                  to: dir.appendingPathComponent("s.yaml"))
        #expect(try CLI.run(["run", "s.yaml", "--quiet"], in: dir).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-q", "-c", "UPDATE sweep_meta SET value = '9' WHERE key = 'schema_version'"]
        try p.run(); p.waitUntilExit()
        let r = try CLI.run(["status", "s", "--storage", url], in: dir)
        #expect(r.status == 2 && r.stderr.contains("schema version 9"), "\(r)")
    }
}
