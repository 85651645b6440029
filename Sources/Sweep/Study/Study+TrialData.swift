import Foundation
import SweepCore
import SweepStore

/// Writes of a running trial's data (define-by-run parameters, attributes, checkpoints) on behalf of
/// ``RunningTrial``: like every other write they go through the `Study`, as this handle's worker.
extension Study {
    /// Adds define-by-run parameters to running trial `number` (existing names keep their values).
    func addParams(number: Int, _ params: [String: ParameterValue]) throws -> Trial {
        try storage.addParams(study: record.id, trial: number, params, worker: worker)
    }

    /// Merges attributes into running trial `number`.
    func setAttributes(number: Int, _ attributes: [String: AttributeValue]) throws {
        try storage.setAttributes(study: record.id, trial: number, attributes, worker: worker)
    }

    /// Stores running trial `number`'s latest checkpoint (replacing an earlier one).
    func saveCheckpoint(number: Int, step: Int, data: Data) throws {
        try storage.saveCheckpoint(study: record.id, trial: number, step: step, data: data, worker: worker)
    }

    /// Trial `number`'s latest checkpoint, if any.
    func checkpoint(number: Int) throws -> (step: Int, data: Data)? {
        try storage.checkpoint(study: record.id, trial: number)
    }
}
