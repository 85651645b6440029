import Foundation
import SweepCore

/// Checkpoints: the latest one per trial in `sweep_checkpoints`, written only by the trial's owner.
extension SQLStudyStore {
    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, worker: WorkerIdentity) throws {
        try engine.write { s in
            let name = try studyName(s, study)
            let stored = try loadStored(s, study: study, number: trial)
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            try replaceCheckpoint(s, study: study, trial: trial, step: step, data: data, now: try engine.now(s))
        }
    }

    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, reporting value: Double,
                               worker: WorkerIdentity) throws -> Trial {
        try update(study: study, trial: trial) { s, name, now, stored in
            try TrialRules.requireOwner(stored, worker: worker, study: name)
            try replaceCheckpoint(s, study: study, trial: trial, step: step, data: data, now: now)
            stored.trial.intermediateValues[step] = value
            return (stored.trial, true)
        }
    }

    private func replaceCheckpoint(_ s: any SQLSession, study: Int64, trial: Int, step: Int, data: Data, now: Date) throws {
        try s.execute("DELETE FROM sweep_checkpoints WHERE study_id = ? AND number = ?", [.integer(study), SQLValue(trial)])
        try s.execute("INSERT INTO sweep_checkpoints (study_id, number, step, data, saved_at) VALUES (?, ?, ?, ?, ?)",
                      [.integer(study), SQLValue(trial), SQLValue(step), .blob(data), .real(now.timeIntervalSince1970)])
    }

    public func checkpoint(study: Int64, trial: Int) throws -> (step: Int, data: Data)? {
        try engine.read { s in
            guard let row = try s.row("SELECT step, data FROM sweep_checkpoints WHERE study_id = ? AND number = ?",
                                      [.integer(study), SQLValue(trial)]),
                  let step = row["step"].int, let data = row["data"].data else { return nil }
            return (step, data)
        }
    }
}
