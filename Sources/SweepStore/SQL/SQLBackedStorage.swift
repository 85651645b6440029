import Foundation
import SweepCore

/// A store whose rules are an ``SQLStudyStore`` it holds (``SQLiteStorage``, ``PostgresStorage``): the
/// engine-specific type owns the connection and its lifecycle, the shared core owns every rule. The
/// ``StudyStorage`` and ``ModelRegistry`` calls go to ``sql`` unchanged, so both backends behave alike
/// by construction, and each type's `Sendable` conformance is checked by the compiler.
public protocol SQLBackedStorage: StudyStorage, ModelRegistry {
    /// The shared SQL implementation this store delegates to.
    var sql: SQLStudyStore { get }
}

extension SQLBackedStorage {
    public var location: String { sql.location }

    /// A consistent copy of study `name`; see ``SQLStudyStore/dump(study:)``.
    public func dump(study name: String) throws -> StudyDump { try sql.dump(study: name) }

    /// Writes `dump` as a new study; see ``SQLStudyStore/restore(_:replace:)``.
    @discardableResult
    public func restore(_ dump: StudyDump, replace: Bool = false) throws -> StudyRecord { try sql.restore(dump, replace: replace) }

    // MARK: StudyStorage

    public func createStudy(name: String, direction: Direction, seed: UInt64, configSource: String, configHash: String) throws -> StudyRecord {
        try sql.createStudy(name: name, direction: direction, seed: seed, configSource: configSource, configHash: configHash)
    }
    public func study(named name: String) throws -> StudyRecord? { try sql.study(named: name) }
    public func studies() throws -> [StudyRecord] { try sql.studies() }
    public func updateConfig(study: Int64, source: String, hash: String) throws { try sql.updateConfig(study: study, source: source, hash: hash) }
    public func ask(study: Int64, worker: WorkerIdentity, lease: Double,
                    decide: (StudyHistory) throws -> AskDecision) throws -> (trial: Trial?, decision: AskDecision) {
        try sql.ask(study: study, worker: worker, lease: lease, decide: decide)
    }
    public func finishAndAsk(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity, lease: Double,
                             decide: (StudyHistory) throws -> AskDecision) throws -> (finished: Trial, trial: Trial?, decision: AskDecision) {
        try sql.finishAndAsk(study: study, finishing: request, worker: worker, lease: lease, decide: decide)
    }
    public func enqueue(study: Int64, params: [String: ParameterValue], attributes: [String: AttributeValue]) throws -> Trial {
        try sql.enqueue(study: study, params: params, attributes: attributes)
    }
    public func addParams(study: Int64, trial: Int, _ params: [String: ParameterValue], worker: WorkerIdentity) throws -> Trial {
        try sql.addParams(study: study, trial: trial, params, worker: worker)
    }
    public func report(study: Int64, trial: Int, step: Int, value: Double, worker: WorkerIdentity) throws -> Trial {
        try sql.report(study: study, trial: trial, step: step, value: value, worker: worker)
    }
    public func setAttributes(study: Int64, trial: Int, _ attributes: [String: AttributeValue], worker: WorkerIdentity) throws {
        try sql.setAttributes(study: study, trial: trial, attributes, worker: worker)
    }
    public func finish(study: Int64, trial: Int, state: TrialState, value: Double?, failureReason: String?,
                       worker: WorkerIdentity) throws -> Trial {
        try sql.finish(study: study, trial: trial, state: state, value: value, failureReason: failureReason, worker: worker)
    }
    public func finish(study: Int64, finishing request: FinishRequest, worker: WorkerIdentity) throws -> Trial {
        try sql.finish(study: study, finishing: request, worker: worker)
    }
    public func release(study: Int64, trial: Int, worker: WorkerIdentity, attributes: [String: AttributeValue]) throws {
        try sql.release(study: study, trial: trial, worker: worker, attributes: attributes)
    }
    public func heartbeat(study: Int64, trials: [Int], worker: WorkerIdentity, lease: Double) throws -> Set<Int> {
        try sql.heartbeat(study: study, trials: trials, worker: worker, lease: lease)
    }
    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, worker: WorkerIdentity) throws {
        try sql.saveCheckpoint(study: study, trial: trial, step: step, data: data, worker: worker)
    }
    public func saveCheckpoint(study: Int64, trial: Int, step: Int, data: Data, reporting value: Double,
                               worker: WorkerIdentity) throws -> Trial {
        try sql.saveCheckpoint(study: study, trial: trial, step: step, data: data, reporting: value, worker: worker)
    }
    public func checkpoint(study: Int64, trial: Int) throws -> (step: Int, data: Data)? { try sql.checkpoint(study: study, trial: trial) }
    public func history(study: Int64) throws -> StudyHistory { try sql.history(study: study) }
    public func trials(study: Int64) throws -> [Trial] { try sql.trials(study: study) }
    public func trial(study: Int64, number: Int) throws -> Trial? { try sql.trial(study: study, number: number) }

    // MARK: ModelRegistry

    public func registerModel(_ model: String, checkpoint: Data, lineage: ModelLineage) throws -> ModelVersion {
        try sql.registerModel(model, checkpoint: checkpoint, lineage: lineage)
    }
    public func modelNames() throws -> [String] { try sql.modelNames() }
    public func modelVersions(model: String) throws -> [ModelVersion] { try sql.modelVersions(model: model) }
    public func modelCheckpoint(model: String, version: Int) throws -> Data { try sql.modelCheckpoint(model: model, version: version) }
    public func setModelAlias(model: String, alias: String, version: Int) throws { try sql.setModelAlias(model: model, alias: alias, version: version) }
    public func removeModelAlias(model: String, alias: String) throws { try sql.removeModelAlias(model: model, alias: alias) }
    public func deleteModelVersion(model: String, version: Int) throws { try sql.deleteModelVersion(model: model, version: version) }
    public func deleteModel(_ model: String) throws { try sql.deleteModel(model) }
    public func modelPointers() throws -> [String: ModelPointers] { try sql.modelPointers() }
}
