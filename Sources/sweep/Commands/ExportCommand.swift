import ArgumentParser
import Foundation
import Sweep

extension TrialTable.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export all trials (params, values, states, timings) as CSV, JSON or JSON Lines.",
        discussion: """
            Numbers are exact (shortest round-trip text). csv: one row per trial with param_<name> columns; \
            json: one array of trial objects; jsonl: one trial object per line.
            """)

    @OptionGroup var sweep: SweepTarget

    @Option(name: .long, help: "csv, json or jsonl.")
    var format: TrialTable.Format

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            let trials = try located.storage.trials(study: located.record.id)
            let names = TrialTable.parameterNames(trials, space: try? located.config().space)
            let text = TrialTable.export(trials, format: format, parameters: names)
            guard let output else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw InputError(message: "cannot write \(output): \((error as NSError).localizedDescription); choose a writable path")
            }
        }
    }
}
