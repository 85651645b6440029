/// Sweep's storage schema, oldest step first. Append only: a database records the ids it has applied and
/// this binary applies the rest. Ids 1 and 2 predate the `sweep_migrations` table: databases written
/// before it carry them as `PRAGMA user_version` (SQLite) or `sweep_meta.schema_version` (PostgreSQL),
/// which ``MigrationRunner`` adopts.
extension Migration {
    public static let all: [Migration] = [studiesAndTrials, modelRegistry, objectiveValues]

    /// 3: the objective vector of multi-objective trials (`metrics:` with several entries), a JSON array
    /// of numbers in the config's metric order; NULL for single-objective trials, which keep `value`.
    static let objectiveValues = Migration(
        id: 3, name: "objective values of multi-objective trials",
        sqlite: ["ALTER TABLE sweep_trials ADD COLUMN objective_values TEXT"],
        postgres: ["ALTER TABLE sweep_trials ADD COLUMN objective_values text"])

    /// 1: studies, trials (one row each, values as exact JSON text) and their latest checkpoint.
    static let studiesAndTrials = Migration(
        id: 1, name: "studies, trials and checkpoints",
        sqlite: [
            """
            CREATE TABLE sweep_studies (
                id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL, seed TEXT NOT NULL,
                config_source TEXT NOT NULL, config_hash TEXT NOT NULL, created_at REAL NOT NULL,
                seq INTEGER NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE sweep_trials (study_id INTEGER NOT NULL REFERENCES sweep_studies(id), number INTEGER NOT NULL,
                state TEXT NOT NULL, params TEXT NOT NULL, value REAL, intermediate TEXT NOT NULL DEFAULT '{}',
                started_at REAL, finished_at REAL, failure_reason TEXT, attributes TEXT NOT NULL,
                owner TEXT, lease_expires_at REAL, seq INTEGER NOT NULL, PRIMARY KEY (study_id, number))
            """,
            "CREATE INDEX sweep_trials_by_seq ON sweep_trials(study_id, seq)",
            "CREATE INDEX sweep_trials_by_state ON sweep_trials(study_id, state)",
            """
            CREATE TABLE sweep_checkpoints (study_id INTEGER NOT NULL, number INTEGER NOT NULL, step INTEGER NOT NULL,
                data BLOB NOT NULL, saved_at REAL NOT NULL,
                PRIMARY KEY (study_id, number), FOREIGN KEY (study_id, number) REFERENCES sweep_trials(study_id, number))
            """,
        ],
        postgres: [
            """
            CREATE TABLE sweep_studies (
                id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, direction text NOT NULL, seed text NOT NULL,
                config_source text NOT NULL, config_hash text NOT NULL, created_at float8 NOT NULL, seq bigint NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE sweep_trials (
                study_id bigint NOT NULL REFERENCES sweep_studies(id), number integer NOT NULL, state text NOT NULL,
                params text NOT NULL, value float8, intermediate text NOT NULL DEFAULT '{}', started_at float8, finished_at float8, failure_reason text,
                attributes text NOT NULL, owner text, lease_expires_at float8, seq bigint NOT NULL,
                PRIMARY KEY (study_id, number))
            """,
            "CREATE INDEX sweep_trials_by_seq ON sweep_trials(study_id, seq)",
            "CREATE INDEX sweep_trials_by_state ON sweep_trials(study_id, state)",
            """
            CREATE TABLE sweep_checkpoints (
                study_id bigint NOT NULL, number integer NOT NULL, step integer NOT NULL, data bytea NOT NULL,
                saved_at float8 NOT NULL, PRIMARY KEY (study_id, number),
                FOREIGN KEY (study_id, number) REFERENCES sweep_trials(study_id, number))
            """,
        ])

    /// 2: the model registry (versions with lineage and checkpoint, aliases).
    static let modelRegistry = Migration(
        id: 2, name: "model registry",
        sqlite: [
            "CREATE TABLE sweep_models (name TEXT PRIMARY KEY, next_version INTEGER NOT NULL, created_at REAL NOT NULL)",
            """
            CREATE TABLE sweep_model_versions (model TEXT NOT NULL REFERENCES sweep_models(name), version INTEGER NOT NULL,
                sweep TEXT NOT NULL, trial INTEGER NOT NULL, params TEXT NOT NULL, metrics TEXT NOT NULL, dataset_name TEXT NOT NULL,
                dataset_hash TEXT NOT NULL, code_version TEXT NOT NULL, checksum TEXT NOT NULL, size INTEGER NOT NULL, created_at REAL NOT NULL,
                checkpoint BLOB NOT NULL, PRIMARY KEY (model, version))
            """,
            """
            CREATE TABLE sweep_model_aliases (model TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
                updated_at REAL NOT NULL, PRIMARY KEY (model, alias),
                FOREIGN KEY (model, version) REFERENCES sweep_model_versions(model, version))
            """,
        ],
        postgres: [
            "CREATE TABLE sweep_models (name text PRIMARY KEY, next_version bigint NOT NULL, created_at float8 NOT NULL)",
            """
            CREATE TABLE sweep_model_versions (
                model text NOT NULL REFERENCES sweep_models(name), version bigint NOT NULL, sweep text NOT NULL,
                trial bigint NOT NULL, params text NOT NULL, metrics text NOT NULL, dataset_name text NOT NULL,
                dataset_hash text NOT NULL, code_version text NOT NULL, checksum text NOT NULL, size bigint NOT NULL,
                created_at float8 NOT NULL, checkpoint bytea NOT NULL, PRIMARY KEY (model, version))
            """,
            """
            CREATE TABLE sweep_model_aliases (
                model text NOT NULL, alias text NOT NULL, version bigint NOT NULL, updated_at float8 NOT NULL,
                PRIMARY KEY (model, alias), FOREIGN KEY (model, version) REFERENCES sweep_model_versions(model, version))
            """,
        ])
}
