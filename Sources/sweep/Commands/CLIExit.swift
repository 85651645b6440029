import ArgumentParser
import Foundation
import Sweep

/// Maps library errors to the CLI's exit codes: 2 for bad input (flags, data, checkpoints),
/// 1 for runtime failures. The message goes to stderr.
enum CLIExit {
    static func run(_ body: () throws -> Void) -> Result<Void, ExitCode> {
        do {
            try body()
            return .success(())
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            switch error {
            case is DatasetError, is CheckpointError, is MLPConfigurationError: return .failure(ExitCode(2))
            default: return .failure(ExitCode(1))
            }
        }
    }
}
