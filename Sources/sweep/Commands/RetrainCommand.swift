import ArgumentParser
import Foundation
import Sweep
import SweepStore

/// `sweep retrain`: champion vs challenger on new data. Parsing and printing only; the work is
/// `Retrainer` in Sweep.
struct RetrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Retrain a registered model's configuration on new data, compare it with the registered one, register it.",
        discussion: """
            Splits the new data (seeded, stratified) into training and held-out rows, trains the registered \
            configuration unchanged on the training rows, scores the registered model (champion) and the new \
            one (challenger) on the held-out rows with the metric the model was registered with, and registers \
            the challenger as the next version (lineage: parent version, data file and hash, both scores). \
            With --promote-if-better the alias moves to the challenger only when it is better by at least \
            --margin. Exit codes: 0 done (promoted or not), 2 bad input, 1 training failure.
            """)

    @Argument(help: "The registered model: NAME@ALIAS (e.g. digits@production), NAME@VERSION or NAME.") var model: String
    @Option(help: "CSV file with the model's feature columns and its target column.") var data: String
    @Option(help: "Target column (default: the model's own target name).") var target: String?
    @Option(help: "Share of the new rows held out to compare champion and challenger, in (0, 1).") var holdout: Double = 0.2
    @Option(help: "Seed of the held-out split.") var seed: UInt64 = 0
    @Option(help: "How much better the challenger must score to be promoted, in the metric's units (e.g. 0.005 accuracy).")
    var margin: Double = 0.005
    @Flag(name: .customLong("promote-if-better"), help: "Move the alias to the challenger when it wins by at least --margin.")
    var promoteIfBetter = false
    @Option(help: "The alias to move (default: the one in MODEL, else production).") var alias: String?
    @Option(help: "OpenBLAS threads for training.") var threads: Int = 1
    @OptionGroup var registry: RegistryStorage
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            var retrainer = Retrainer(reference: try ModelReference(parsing: model), dataPath: data)
            retrainer.targetColumn = target
            retrainer.holdout = holdout
            retrainer.seed = seed
            retrainer.margin = margin
            retrainer.promoteIfBetter = promoteIfBetter
            retrainer.alias = alias
            retrainer.threads = threads
            let outcome = try retrainer.run(registry: try registry.open())
            if json { Format.printJSON(outcome.jsonValue); return }
            let c = outcome.comparison
            let champion = outcome.champion
            let aliases = champion.aliases.isEmpty ? "" : " (" + champion.aliases.joined(separator: ", ") + ")"
            print("Champion   \(champion.model)@\(champion.version)\(aliases): \(c.metric.name) \(Format.value(c.champion)) "
                  + "on \(outcome.heldOutRows) held-out rows of \(data)")
            print("Challenger \(outcome.challenger.model)@\(outcome.challenger.version): \(c.metric.name) \(Format.value(c.challenger)) "
                  + "(trained on \(outcome.trainingRows) rows, validated on \(outcome.validationRows))")
            print("Registered \(outcome.challenger.model)@\(outcome.challenger.version); \(outcome.decision)")
        }
    }
}
