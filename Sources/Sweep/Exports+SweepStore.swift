// Storages a study opens on (in-memory, SQLite, PostgreSQL) are part of Sweep's public API.
@_exported import SweepStore
