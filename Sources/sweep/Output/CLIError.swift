import ArgumentParser
import Foundation
import Sweep
import SweepCore
import SweepServe
import SweepStore

/// Maps library errors onto the CLI's exit codes: 2 for bad input, 1 for runtime failures.
enum CLIFailure {
    static func exitCode(for error: any Error) -> Int32 {
        switch error {
        case is ConfigError, is SearchSpaceError, is MethodOptionError: return 2
        case is DatasetError, is CheckpointError, is MLPConfigurationError: return 2
        case let e as StudyError:
            switch e {
            case .configChanged, .missingParameter, .wrongParameterType, .incompatibleSuggestion, .unknownTrial, .invalidParameters,
                 .wrongValueCount, .missingMetric:
                return 2
            }
        case let e as StorageError:
            switch e {
            case .notADatabase, .foreignDatabase, .schemaTooNew, .invalidLocation, .studyNotFound, .studyExists,
                 .trialNotFound, .trialAlreadyFinished, .notOwner, .trialNotRunning, .trialNotWaiting, .readOnly, .authenticationFailed:
                return 2
            case .cannotOpen, .unreachable, .backend:
                return 1
            }
        case is InputError, is ReportError, is ParetoPickError: return 2
        case let e as SweepBackupError:
            if case .cannotWrite = e { return 1 }
            return 2
        case is RegistryError, is ModelRegistrationError, is RetrainError: return 2
        case let e as ServeError: return e.exitCode
        case let e as BestModelError:
            if case .cannotWrite = e { return 1 }
            return 2
        default: return 1
        }
    }

    /// Prints `error` to stderr and exits with its code.
    static func exit(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        SQLiteStorage.checkpointAllOpenStores()
        Foundation.exit(exitCode(for: error))
    }
}

/// A bad command-line value that argument parsing itself cannot see.
struct InputError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning thrown errors into a message and the right exit code.
    func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            CLIFailure.exit(error)
        }
    }
}
