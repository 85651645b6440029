#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import ArgumentParser
import Foundation
import SweepStore

// Line-buffered stdout so progress and results survive a crash or a pipe.
setvbuf(stdout, nil, _IOLBF, 0)

// Parse errors (unknown flags, missing arguments, bad values) are bad input: exit 2, like every other
// input problem, rather than ArgumentParser's EX_USAGE (64). --help and --version still exit 0.
// Every normal exit checkpoints the SQLite stores first, so each `.sqlite` file holds all its data on its own
// (no `-wal` file needed to read it).
var arguments = Array(CommandLine.arguments.dropFirst())
do {
    LogLevelOption.bootstrap(try LogLevelOption.extract(from: &arguments))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
do {
    if let request = AskTellShortcut.request(arguments) {
        AskTellShortcut.run(request, arguments: arguments)
    } else {
        var command = try SweepCommand.parseAsRoot(arguments)
        try command.run()
    }
    SQLiteStorage.checkpointAllOpenStores()
} catch {
    SQLiteStorage.checkpointAllOpenStores()
    if SweepCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((SweepCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    SweepCommand.exit(withError: error)
}
