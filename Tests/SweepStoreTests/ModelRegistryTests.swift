import Foundation
import SweepCore
@testable import SweepStore
import SweepTestSupport
import Testing

/// A registry backend: a fresh SQLite file, or a fresh PostgreSQL database when scripts/test started one.
struct RegistryBackend: CustomStringConvertible, Sendable {
    let description: String
    let make: @Sendable () throws -> any ModelRegistry

    static let sqlite = RegistryBackend(description: "sqlite") {
        try SQLiteStorage(path: try makeTemporaryDirectory("sweep-registry").appendingPathComponent("r.sqlite").path)
    }
    static let postgres = RegistryBackend(description: "postgres") { try PostgresStorage(url: try TestPostgres.freshDatabase()) }
    static var all: [RegistryBackend] { [sqlite] + (TestPostgres.available ? [postgres] : []) }
}

private func lineage(trial: Int, accuracy: Double = 0.9) -> ModelLineage {
    ModelLineage(sweep: "quick", trial: trial, params: ["lr": .float(0.001), "layers": .int(2), "act": .string("relu")],
                 metrics: ["val_accuracy": accuracy, "epoch": 30], datasetName: "digits", datasetHash: "9e3779b97f4a7c15",
                 codeVersion: "sweep 0.1.0")
}

@Suite struct ModelRegistryTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks (FIPS 180-4 example) and a length at a padding boundary.
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: RegistryBackend.all)
    func versionsAreNumberedInOrderAndKeepTheirLineage(_ backend: RegistryBackend) throws {
        let r = try backend.make()
        let a = Data([1, 2, 3]), b = Data((0..<5000).map { UInt8($0 % 251) })
        let v1 = try r.registerModel("digits", checkpoint: a, lineage: lineage(trial: 4))
        let v2 = try r.registerModel("digits", checkpoint: b, lineage: lineage(trial: 7, accuracy: 0.95))
        #expect(v1.version == 1 && v2.version == 2)
        #expect(v1.checksum == SHA256.hex(a) && v2.size == 5000)
        let stored = try r.modelVersions(model: "digits")
        #expect(stored.map(\.version) == [1, 2])
        #expect(stored[1].lineage == lineage(trial: 7, accuracy: 0.95))
        #expect(stored[0].lineage.params["layers"] == .int(2))
        #expect(try r.modelCheckpoint(model: "digits", version: 2) == b)
        #expect(try r.modelNames() == ["digits"])
        #expect(try r.resolve(ModelReference(parsing: "digits")).version == 2)
        #expect(try r.resolve(ModelReference(parsing: "digits@1")).lineage.trial == 4)
    }

    @Test(arguments: RegistryBackend.all)
    func aliasesMoveAndGuardTheirVersion(_ backend: RegistryBackend) throws {
        let r = try backend.make()
        for t in 0..<3 { _ = try r.registerModel("m", checkpoint: Data([UInt8(t)]), lineage: lineage(trial: t)) }
        try r.setModelAlias(model: "m", alias: "production", version: 1)
        #expect(try r.resolve(ModelReference(parsing: "m@production")).version == 1)
        try r.setModelAlias(model: "m", alias: "production", version: 3)
        #expect(try r.resolve(ModelReference(parsing: "m@production")).version == 3)
        #expect(try r.modelPointers()["m"] == ModelPointers(latest: 3, aliases: ["production": 3]))
        #expect(try r.modelVersions(model: "m").last?.aliases == ["production"])

        #expect(throws: RegistryError.versionNotFound(model: "m", version: 9, location: r.location)) {
            try r.setModelAlias(model: "m", alias: "staging", version: 9)
        }
        #expect(throws: RegistryError.versionHasAliases(model: "m", version: 3, aliases: ["production"])) {
            try r.deleteModelVersion(model: "m", version: 3)
        }
        try r.deleteModelVersion(model: "m", version: 2)
        #expect(try r.modelVersions(model: "m").map(\.version) == [1, 3])
        try r.removeModelAlias(model: "m", alias: "production")
        #expect(throws: RegistryError.aliasNotFound(model: "m", alias: "production", location: r.location)) {
            try r.resolve(ModelReference(parsing: "m@production"))
        }
        try r.deleteModelVersion(model: "m", version: 3)
        // Numbers are never reused.
        #expect(try r.registerModel("m", checkpoint: Data([9]), lineage: lineage(trial: 9)).version == 4)
        try r.deleteModel("m")
        #expect(try r.modelNames().isEmpty)
        #expect(throws: RegistryError.modelNotFound(name: "m", location: r.location)) { try r.modelVersions(model: "m") }
    }

    @Test func referencesAndNamesAreChecked() throws {
        #expect(try ModelReference(parsing: "digits") == ModelReference(name: "digits", selector: .latest))
        #expect(try ModelReference(parsing: "digits@12") == ModelReference(name: "digits", selector: .version(12)))
        #expect(try ModelReference(parsing: "digits@prod-2") == ModelReference(name: "digits", selector: .alias("prod-2")))
        #expect(try ModelReference(parsing: "digits@latest") == ModelReference(name: "digits", selector: .latest))
        for bad in ["", "@prod", "a b", "digits@", "digits@0", "digits@a@b", "../x", "digits@-1"] {
            #expect(throws: RegistryError.self, "\(bad)") { try ModelReference(parsing: bad) }
        }
        #expect(throws: RegistryError.self) { try ModelReference.checkAlias("latest") }
    }

    @Test func aDamagedCheckpointIsRefusedByChecksum() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("r.sqlite").path
            let r = try SQLiteStorage(path: path)
            let v = try r.registerModel("m", checkpoint: Data([1, 2, 3, 4]), lineage: lineage(trial: 0))
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"update sweep_model_versions set checkpoint=x'01020305'\"); c.commit()", path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            #expect(throws: RegistryError.checksumMismatch(model: "m", version: 1, expected: v.checksum,
                                                          found: SHA256.hex(Data([1, 2, 3, 5])))) {
                try r.modelCheckpoint(model: "m", version: 1)
            }
        }
    }

    @Test func aVersionOneFileGainsTheRegistryTables() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("old.sqlite").path
            let old = try SQLiteStorage(path: path)
            _ = try old.createStudy(name: "s", direction: .minimize, seed: 1, configSource: "c", configHash: "h")
            // Make it a schema-1 file, as written before the registry existed.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", """
                import sqlite3,sys; c=sqlite3.connect(sys.argv[1])
                for t in ['sweep_model_aliases','sweep_model_versions','sweep_models','sweep_migrations']: c.execute('drop table '+t)
                c.execute('alter table sweep_trials drop column objective_values')  # added by migration 3
                c.execute('pragma user_version=1'); c.commit()
                """, path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            let reopened = try SQLiteStorage(path: path)
            #expect(try reopened.study(named: "s") != nil)
            #expect(try reopened.registerModel("m", checkpoint: Data([7]), lineage: lineage(trial: 1)).version == 1)
        }
    }
}
