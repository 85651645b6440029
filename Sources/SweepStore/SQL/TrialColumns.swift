import Foundation
import SweepCore

/// One stored column of a trial row: its name and how a ``StoredTrial`` becomes its value and back.
struct TrialColumn: Sendable {
    let name: String
    let encode: @Sendable (StoredTrial) -> SQLValue
    /// Sets the column's part of a trial being read; throws ``JSONDecodingFailure`` for a malformed value.
    let decode: @Sendable (SQLValue, inout StoredTrial, TrialColumns.Decoding) throws -> Void
}

/// The `sweep_trials` row written and read by every statement: one table of columns, so INSERT, UPDATE,
/// SELECT and dumps name the same columns in the same order. The key columns (`study_id`, `number`) and
/// the change number `seq` are the statements' own.
enum TrialColumns {
    /// What decoding needs besides the row (owners are decoded once per distinct JSON text).
    struct Decoding {
        let owner: (String) throws -> WorkerIdentity
    }

    static let all: [TrialColumn] = [
        TrialColumn(name: "state", encode: { .text($0.trial.state.rawValue) }) { v, t, _ in
            guard let text = v.string, let state = TrialState(rawValue: text) else {
                throw JSONDecodingFailure(what: "state of trial \(t.trial.number)")
            }
            t.trial.state = state
        },
        TrialColumn(name: "params", encode: { .text(StoredJSON.encode(params: $0.trial.params)) }) { v, t, _ in
            t.trial.params = try StoredJSON.decodeParams(try required(v, "params", t))
        },
        TrialColumn(name: "value", encode: { SQLValue($0.trial.value) }) { v, t, _ in t.trial.value = v.double },
        // Migration 3: the objective vector of a multi-objective trial, as a JSON array (NULL for one objective).
        TrialColumn(name: "objective_values", encode: { SQLValue($0.trial.values.map(StoredJSON.encode(values:))) }) { v, t, _ in
            t.trial.values = try v.string.map { try StoredJSON.decodeValues($0, trial: t.trial.number) }
        },
        TrialColumn(name: "intermediate", encode: { .text(StoredJSON.encode(intermediate: $0.trial.intermediateValues)) }) { v, t, _ in
            t.trial.intermediateValues = try StoredJSON.decodeIntermediate(try required(v, "intermediate values", t))
        },
        TrialColumn(name: "started_at", encode: { SQLValue($0.trial.startedAt) }) { v, t, _ in t.trial.startedAt = date(v) },
        TrialColumn(name: "finished_at", encode: { SQLValue($0.trial.finishedAt) }) { v, t, _ in t.trial.finishedAt = date(v) },
        TrialColumn(name: "failure_reason", encode: { SQLValue($0.trial.failureReason) }) { v, t, _ in t.trial.failureReason = v.string },
        TrialColumn(name: "attributes", encode: { .text(StoredJSON.encode(attributes: $0.trial.attributes)) }) { v, t, _ in
            t.trial.attributes = try StoredJSON.decodeAttributes(try required(v, "attributes", t))
        },
        TrialColumn(name: "owner", encode: { SQLValue($0.owner.map(StoredJSON.encode(worker:))) }) { v, t, d in
            t.owner = try v.string.map(d.owner)
        },
        TrialColumn(name: "lease_expires_at", encode: { SQLValue($0.leaseExpiresAt) }) { v, t, _ in t.leaseExpiresAt = date(v) },
    ]

    /// Column names, in table order.
    static let names = all.map(\.name)
    /// `number, state, …` for SELECT.
    static let selectList = (["number"] + names).joined(separator: ", ")
    /// INSERT of one row; arguments: ``arguments(_:seq:study:)``.
    static let insert = """
        INSERT INTO sweep_trials (\((names + ["seq", "study_id", "number"]).joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: names.count + 3).joined(separator: ", ")))
        """
    /// UPDATE of one row; same arguments as ``insert``.
    static let update = """
        UPDATE sweep_trials SET \((names + ["seq"]).map { "\($0) = ?" }.joined(separator: ", "))
        WHERE study_id = ? AND number = ?
        """

    /// The values of `stored`'s columns, then `seq`, `study` and the trial number.
    static func arguments(_ stored: StoredTrial, seq: Int64, study: Int64) -> [SQLValue] {
        all.map { $0.encode(stored) } + [.integer(seq), .integer(study), SQLValue(stored.trial.number)]
    }

    /// Where the table's columns stand in one result set, looked up once for all its rows.
    struct Positions {
        let columns: SQLColumns
        let positions: [Int?]

        init(_ columns: SQLColumns) {
            self.columns = columns
            positions = TrialColumns.all.map { columns.position(of: $0.name) }
        }
    }

    /// A trial read from a row that has `number` and every column of the table; `positions` (of the
    /// row's result set) saves looking each column up by name.
    static func decode(_ row: SQLRow, number: Int, _ decoding: Decoding, at positions: Positions? = nil) throws -> StoredTrial {
        let positions = positions.flatMap { $0.columns === row.columns ? $0 : nil } ?? Positions(row.columns)
        var stored = StoredTrial(trial: Trial(number: number))
        for (column, position) in zip(all, positions.positions) {
            try column.decode(position.map { row[position: $0] } ?? .null, &stored, decoding)
        }
        return stored
    }

    private static func required(_ value: SQLValue, _ what: String, _ t: StoredTrial) throws -> String {
        guard let text = value.string else { throw JSONDecodingFailure(what: "\(what) of trial \(t.trial.number)") }
        return text
    }

    private static func date(_ value: SQLValue) -> Date? { value.double.map { Date(timeIntervalSince1970: $0) } }
}
