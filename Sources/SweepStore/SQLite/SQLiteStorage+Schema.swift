import Foundation
import GRDB

/// The SQLite schema, created or upgraded in order when a file is opened: version 1 the studies,
/// trials and checkpoints; version 2 the model registry. Each step runs once and records
/// `PRAGMA user_version`; a file newer than ``SQLiteStorage/schemaVersion`` is refused.
extension SQLiteStorage {
    /// Creates or upgrades the schema; returns whether it wrote anything.
    @discardableResult
    static func migrate(_ db: Database, location: String) throws -> Bool {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID == 0 && tables > 0 {
            throw StorageError.foreignDatabase(path: location, reason: "it has \(tables) schema objects and no Sweep marker")
        }
        if appID != 0 && appID != applicationID {
            throw StorageError.foreignDatabase(path: location, reason: String(format: "application_id 0x%08x", UInt32(bitPattern: appID)))
        }
        if version > schemaVersion {
            throw StorageError.schemaTooNew(location: location, found: version, supported: schemaVersion)
        }
        var wrote = false
        if version < 1 {
            try db.execute(sql: """
                CREATE TABLE sweep_studies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    direction TEXT NOT NULL,
                    seed TEXT NOT NULL,
                    config_source TEXT NOT NULL,
                    config_hash TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    seq INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE sweep_trials (
                    study_id INTEGER NOT NULL REFERENCES sweep_studies(id),
                    number INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    params TEXT NOT NULL,
                    value REAL,
                    intermediate TEXT NOT NULL DEFAULT '{}',
                    started_at REAL,
                    finished_at REAL,
                    failure_reason TEXT,
                    attributes TEXT NOT NULL,
                    owner TEXT,
                    lease_expires_at REAL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (study_id, number)
                );
                CREATE INDEX sweep_trials_by_seq ON sweep_trials(study_id, seq);
                CREATE INDEX sweep_trials_by_state ON sweep_trials(study_id, state);
                CREATE TABLE sweep_checkpoints (
                    study_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    step INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    saved_at REAL NOT NULL,
                    PRIMARY KEY (study_id, number),
                    FOREIGN KEY (study_id, number) REFERENCES sweep_trials(study_id, number)
                );
                """)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
            wrote = true
        }
        if version < 2 {
            try db.execute(sql: """
                CREATE TABLE sweep_models (
                    name TEXT PRIMARY KEY,
                    next_version INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE sweep_model_versions (
                    model TEXT NOT NULL REFERENCES sweep_models(name),
                    version INTEGER NOT NULL,
                    sweep TEXT NOT NULL,
                    trial INTEGER NOT NULL,
                    params TEXT NOT NULL,
                    metrics TEXT NOT NULL,
                    dataset_name TEXT NOT NULL,
                    dataset_hash TEXT NOT NULL,
                    code_version TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    checkpoint BLOB NOT NULL,
                    PRIMARY KEY (model, version)
                );
                CREATE TABLE sweep_model_aliases (
                    model TEXT NOT NULL,
                    alias TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (model, alias),
                    FOREIGN KEY (model, version) REFERENCES sweep_model_versions(model, version)
                );
                """)
            try db.execute(sql: "PRAGMA user_version = 2")
            wrote = true
        }
        // Future migrations: `if version < 3 { ... }`.
        return wrote
    }
}
