import ArgumentParser
import Foundation
import Sweep

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a sweep (trials, values, attributes, checkpoints) into a new self-contained SQLite file.",
        discussion: """
            Safe while the sweep runs: the copy is one consistent snapshot. Works from SQLite and PostgreSQL. \
            FILE must not exist. Restore with `sweep import FILE`. Per-trial logs in <name>.files/ are not copied.
            """)

    @OptionGroup var sweep: SweepTarget

    @Argument(help: "The backup file to create.")
    var file: String

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            let dump = try SweepBackup.backup(located, to: file)
            print("backed up sweep '\(dump.name)' (\(dump.trialCount) trials, \(dump.checkpointCount) checkpoints) to \(file)")
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy the sweep(s) of a file written by `sweep backup` into a store.",
        discussion: """
            By default into sweeps/<name>.sqlite. An existing sweep of the same name is an error (exit 2, \
            nothing written) unless --replace.
            """)

    @Argument(help: "A file written by `sweep backup`.")
    var file: String

    @Option(name: .long, help: "Where to import (SQLite path or postgresql:// URL); default sweeps/<name>.sqlite.")
    var storage: String?

    @Flag(name: .long, help: "Overwrite a sweep of the same name.")
    var replace = false

    func run() throws {
        try guarded {
            for (record, dump) in try SweepBackup.importFile(file, storage: storage, replace: replace) {
                print("imported sweep '\(record.name)' (\(dump.trialCount) trials, \(dump.checkpointCount) checkpoints)")
            }
        }
    }
}
