import ArgumentParser
@preconcurrency import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Sweep

// TEMPORARY root for branch `nn` (the lead's root command replaces this at merge): it only
// registers `train` and `predict`. Usage errors exit with 2 (bad input), as the CLI contract asks.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Hyperparameter optimization.", subcommands: [Train.self, Predict.self])
}

setvbuf(stdout, nil, _IOLBF, 0)
do {
    var command = try SweepCommand.parseAsRoot()
    try command.run()
} catch {
    let code = SweepCommand.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((SweepCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    SweepCommand.exit(withError: error)
}
