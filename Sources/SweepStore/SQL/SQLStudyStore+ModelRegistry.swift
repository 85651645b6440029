import Foundation
import SweepCore

/// The model registry in the same SQL for SQLite and PostgreSQL. Tables (schema version 2):
/// `sweep_models` (name, the next version number, creation time), `sweep_model_versions` (lineage,
/// SHA-256 and the checkpoint bytes) and `sweep_model_aliases` (model, alias → version).
extension SQLStudyStore: ModelRegistry {
    private static let versionColumns = "model, version, sweep, trial, params, metrics, dataset_name, dataset_hash, code_version, checksum, size, created_at"

    private func decodeVersion(_ row: SQLRow, aliases: [String]) throws -> ModelVersion {
        guard let model = row["model"].string, let version = row["version"].int, let sweep = row["sweep"].string,
              let trial = row["trial"].int, let paramsText = row["params"].string, let metricsText = row["metrics"].string,
              let datasetName = row["dataset_name"].string, let datasetHash = row["dataset_hash"].string,
              let code = row["code_version"].string, let checksum = row["checksum"].string, let size = row["size"].int,
              let created = row["created_at"].double else {
            throw StorageError.notADatabase(path: location, reason: "a malformed model version row")
        }
        do {
            let params = try StoredJSON.decodeParams(paramsText)
            var metrics: [String: Double] = [:]
            for (k, v) in try StoredJSON.decodeAttributes(metricsText) {
                guard let x = v.number else { throw JSONDecodingFailure(what: "metric \(k)") }
                metrics[k] = x
            }
            let lineage = ModelLineage(sweep: sweep, trial: trial, params: params, metrics: metrics,
                                       datasetName: datasetName, datasetHash: datasetHash, codeVersion: code)
            return ModelVersion(model: model, version: version, lineage: lineage, checksum: checksum, size: size,
                                createdAt: Date(timeIntervalSince1970: created), aliases: aliases.sorted())
        } catch let failure as JSONDecodingFailure {
            throw StorageError.notADatabase(path: location, reason: "\(failure) in version \(version) of model \(model)")
        }
    }

    private func requireModel(_ s: any SQLSession, _ model: String) throws {
        guard try s.row("SELECT name FROM sweep_models WHERE name = ?", [.text(model)]) != nil else {
            throw RegistryError.modelNotFound(name: model, location: location)
        }
    }

    private func requireVersion(_ s: any SQLSession, _ model: String, _ version: Int) throws {
        try requireModel(s, model)
        guard try s.row("SELECT version FROM sweep_model_versions WHERE model = ? AND version = ?",
                        [.text(model), SQLValue(version)]) != nil else {
            throw RegistryError.versionNotFound(model: model, version: version, location: location)
        }
    }

    public func registerModel(_ model: String, checkpoint: Data, lineage: ModelLineage) throws -> ModelVersion {
        try ModelReference.checkName(model)
        let checksum = SHA256.hex(checkpoint)
        return try engine.write { s in
            let now = try engine.now(s).timeIntervalSince1970
            try s.execute("INSERT INTO sweep_models (name, next_version, created_at) VALUES (?, 1, ?) ON CONFLICT (name) DO NOTHING",
                          [.text(model), .real(now)])
            // The UPDATE takes the model's row lock (PostgreSQL) so concurrent registrations get distinct versions.
            guard let next = try s.row("UPDATE sweep_models SET next_version = next_version + 1 WHERE name = ? RETURNING next_version",
                                       [.text(model)])?["next_version"].int else {
                throw RegistryError.modelNotFound(name: model, location: location)
            }
            let version = next - 1
            let metrics = StoredJSON.encode(attributes: lineage.metrics.mapValues { AttributeValue.number($0) })
            try s.execute("""
                INSERT INTO sweep_model_versions (\(Self.versionColumns), checkpoint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(model), SQLValue(version), .text(lineage.sweep), SQLValue(lineage.trial),
                      .text(StoredJSON.encode(params: lineage.params)), .text(metrics), .text(lineage.datasetName),
                      .text(lineage.datasetHash), .text(lineage.codeVersion), .text(checksum), SQLValue(checkpoint.count),
                      .real(now), .blob(checkpoint)])
            return ModelVersion(model: model, version: version, lineage: lineage, checksum: checksum, size: checkpoint.count,
                                createdAt: Date(timeIntervalSince1970: now), aliases: [])
        }
    }

    public func modelNames() throws -> [String] {
        try engine.read { s in try s.rows("SELECT name FROM sweep_models ORDER BY name", []).compactMap { $0["name"].string } }
    }

    public func modelVersions(model: String) throws -> [ModelVersion] {
        try engine.read { s in
            try requireModel(s, model)
            var aliases: [Int: [String]] = [:]
            for row in try s.rows("SELECT alias, version FROM sweep_model_aliases WHERE model = ?", [.text(model)]) {
                if let a = row["alias"].string, let v = row["version"].int { aliases[v, default: []].append(a) }
            }
            return try s.rows("SELECT \(Self.versionColumns) FROM sweep_model_versions WHERE model = ? ORDER BY version", [.text(model)])
                .map { row in try decodeVersion(row, aliases: row["version"].int.flatMap { aliases[$0] } ?? []) }
        }
    }

    public func modelCheckpoint(model: String, version: Int) throws -> Data {
        let (data, expected) = try engine.read { s -> (Data, String) in
            try requireModel(s, model)
            guard let row = try s.row("SELECT checkpoint, checksum FROM sweep_model_versions WHERE model = ? AND version = ?",
                                      [.text(model), SQLValue(version)]),
                  let data = row["checkpoint"].data, let checksum = row["checksum"].string else {
                throw RegistryError.versionNotFound(model: model, version: version, location: location)
            }
            return (data, checksum)
        }
        let found = SHA256.hex(data)
        guard found == expected else {
            throw RegistryError.checksumMismatch(model: model, version: version, expected: expected, found: found)
        }
        return data
    }

    public func setModelAlias(model: String, alias: String, version: Int) throws {
        try ModelReference.checkAlias(alias)
        try engine.write { s in
            try requireVersion(s, model, version)
            try s.execute("""
                INSERT INTO sweep_model_aliases (model, alias, version, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                """, [.text(model), .text(alias), SQLValue(version), .real(try engine.now(s).timeIntervalSince1970)])
        }
    }

    public func removeModelAlias(model: String, alias: String) throws {
        try engine.write { s in
            try requireModel(s, model)
            guard try s.execute("DELETE FROM sweep_model_aliases WHERE model = ? AND alias = ?", [.text(model), .text(alias)]) > 0 else {
                throw RegistryError.aliasNotFound(model: model, alias: alias, location: location)
            }
        }
    }

    public func deleteModelVersion(model: String, version: Int) throws {
        try engine.write { s in
            try requireVersion(s, model, version)
            let aliases = try s.rows("SELECT alias FROM sweep_model_aliases WHERE model = ? AND version = ? ORDER BY alias",
                                     [.text(model), SQLValue(version)]).compactMap { $0["alias"].string }
            if !aliases.isEmpty { throw RegistryError.versionHasAliases(model: model, version: version, aliases: aliases) }
            try s.execute("DELETE FROM sweep_model_versions WHERE model = ? AND version = ?", [.text(model), SQLValue(version)])
        }
    }

    public func deleteModel(_ model: String) throws {
        try engine.write { s in
            try requireModel(s, model)
            try s.execute("DELETE FROM sweep_model_aliases WHERE model = ?", [.text(model)])
            try s.execute("DELETE FROM sweep_model_versions WHERE model = ?", [.text(model)])
            try s.execute("DELETE FROM sweep_models WHERE name = ?", [.text(model)])
        }
    }

    public func modelPointers() throws -> [String: ModelPointers] {
        try engine.read { s in
            var out: [String: ModelPointers] = [:]
            for row in try s.rows("""
                SELECT m.name AS name, (SELECT max(version) FROM sweep_model_versions v WHERE v.model = m.name) AS latest
                FROM sweep_models m
                """, []) {
                guard let name = row["name"].string else { continue }
                out[name] = ModelPointers(latest: row["latest"].int, aliases: [:])
            }
            for row in try s.rows("SELECT model, alias, version FROM sweep_model_aliases", []) {
                guard let m = row["model"].string, let a = row["alias"].string, let v = row["version"].int else { continue }
                out[m]?.aliases[a] = v
            }
            return out
        }
    }
}
