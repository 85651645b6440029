import SweepCore
import SweepStore

/// What ``Retrainer/run(registry:)`` did: the versions compared, their held-out scores and whether
/// the alias moved.
public struct RetrainOutcome: Sendable, Equatable {
    /// The registered version that was retrained (as it was before the run).
    public var champion: ModelVersion
    /// The newly registered version.
    public var challenger: ModelVersion
    public var comparison: ChampionChallenger
    /// Rows the challenger trained on and validated on (both inside the non-held-out part).
    public var trainingRows: Int
    public var validationRows: Int
    /// Rows both models were scored on.
    public var heldOutRows: Int
    /// The alias `--promote-if-better` moves, and the version it points at after the run (nil: unset).
    public var alias: String
    public var aliasVersion: Int?
    public var promotionRequested: Bool
    /// True when the alias was moved to the challenger.
    public var promoted: Bool

    /// Why the alias moved or did not.
    public var decision: String {
        let name = "\(champion.model)@\(alias)"
        if promoted { return "promoted: \(name) → \(challenger.version) (\(comparison.verdict))" }
        let now = aliasVersion.map { "\(name) stays at \($0)" } ?? "\(name) stays unset"
        if !promotionRequested {
            return "not promoted: \(now); \(comparison.verdict) (add --promote-if-better to move it when the challenger wins)"
        }
        return "not promoted: \(now); \(comparison.verdict)"
    }

    /// The outcome as a JSON-like value (what `sweep retrain --json` prints).
    public var jsonValue: AttributeValue {
        .object([
            "model": .string(champion.model),
            "metric": .string(comparison.metric.name),
            "goal": .string(comparison.metric.goal.rawValue),
            "margin": .number(comparison.margin),
            "champion": .object(["version": .number(Double(champion.version)), "holdout_score": .number(comparison.champion)]),
            "challenger": .object(["version": .number(Double(challenger.version)), "holdout_score": .number(comparison.challenger)]),
            "registered": challenger.jsonValue,
            "improvement": .number(comparison.improvement),
            "challenger_wins": .bool(comparison.challengerWins),
            "held_out_rows": .number(Double(heldOutRows)),
            "training_rows": .number(Double(trainingRows)),
            "validation_rows": .number(Double(validationRows)),
            "alias": .string(alias),
            "alias_version": aliasVersion.map { .number(Double($0)) } ?? .null,
            "promoted": .bool(promoted),
            "decision": .string(decision),
        ])
    }
}
