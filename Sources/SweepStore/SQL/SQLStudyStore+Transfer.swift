import Foundation
import SweepCore

/// One study copied out of an SQL store, row for row: the study (name, direction, seed, config), every
/// trial (parameters, values, intermediate values, attributes, states, times, owners, as the exact stored
/// text and numbers) and every checkpoint. ``SQLStudyStore/restore(_:replace:)`` writes it into another
/// store, SQLite or PostgreSQL, unchanged.
public struct StudyDump: Sendable {
    /// The study's name.
    public let name: String
    let study: SQLRow
    let trials: [SQLRow]
    let checkpoints: [SQLRow]
    /// Trials in the dump.
    public var trialCount: Int { trials.count }
    /// Checkpoints in the dump.
    public var checkpointCount: Int { checkpoints.count }
}

extension SQLStudyStore {
    private static let studyColumns = ["name", "direction", "seed", "config_source", "config_hash", "created_at", "seq"]
    private static let trialColumns = ["number"] + TrialColumns.names + ["seq"]
    private static let checkpointColumns = ["number", "step", "data", "saved_at"]

    /// A consistent copy of study `name`: read in one transaction that holds the study's write lock, so a
    /// sweep running meanwhile is copied as of one moment (no trial half-written, every checkpoint with
    /// the value of its step).
    /// - Throws: ``StorageError/studyNotFound(name:location:)``.
    public func dump(study name: String) throws -> StudyDump {
        try engine.write { s in
            guard let id = try s.row("SELECT id FROM sweep_studies WHERE name = ?", [.text(name)])?["id"].int64,
                  try engine.beginStudyChange(s, id: id) != nil,
                  let study = try s.row("SELECT \(Self.studyColumns.joined(separator: ", ")) FROM sweep_studies WHERE id = ?", [.integer(id)])
            else { throw StorageError.studyNotFound(name: name, location: location) }
            let trials = try s.rows("SELECT \(Self.trialColumns.joined(separator: ", ")) FROM sweep_trials WHERE study_id = ? ORDER BY number",
                                    [.integer(id)])
            let checkpoints = try s.rows(
                "SELECT \(Self.checkpointColumns.joined(separator: ", ")) FROM sweep_checkpoints WHERE study_id = ? ORDER BY number",
                [.integer(id)])
            return StudyDump(name: name, study: study, trials: trials, checkpoints: checkpoints)
        }
    }

    /// Writes `dump` as a new study of this store, in one transaction.
    /// - Parameter replace: when a study of the same name exists, delete it (trials and checkpoints
    ///   included) in the same transaction; without it, throw ``StorageError/studyExists(name:location:)``
    ///   and change nothing.
    @discardableResult
    public func restore(_ dump: StudyDump, replace: Bool = false) throws -> StudyRecord {
        try engine.write { s in
            if let existing = try s.row("SELECT id FROM sweep_studies WHERE name = ?", [.text(dump.name)])?["id"].int64 {
                guard replace else { throw StorageError.studyExists(name: dump.name, location: location) }
                for table in ["sweep_checkpoints", "sweep_trials"] {
                    try s.execute("DELETE FROM \(table) WHERE study_id = ?", [.integer(existing)])
                }
                try s.execute("DELETE FROM sweep_studies WHERE id = ?", [.integer(existing)])
            }
            func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }
            guard let id = try s.row("""
                INSERT INTO sweep_studies (\(Self.studyColumns.joined(separator: ", "))) VALUES (\(placeholders(Self.studyColumns.count))) RETURNING id
                """, Self.studyColumns.map { dump.study[$0] })?["id"].int64 else {
                throw StorageError.backend(location: location, reason: "inserting study '\(dump.name)' returned no id")
            }
            for (table, columns, rows) in [("sweep_trials", Self.trialColumns, dump.trials),
                                           ("sweep_checkpoints", Self.checkpointColumns, dump.checkpoints)] {
                let sql = "INSERT INTO \(table) (study_id, \(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count + 1)))"
                for row in rows { try s.executePipelined(sql, [.integer(id)] + columns.map { row[$0] }) }
            }
            guard let study = try s.row("SELECT id, name, direction, seed, config_source, config_hash, created_at FROM sweep_studies WHERE id = ?",
                                        [.integer(id)]) else {
                throw StorageError.studyNotFound(name: dump.name, location: location)
            }
            return try record(study)
        }
    }
}
