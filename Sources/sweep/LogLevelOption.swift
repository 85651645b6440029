import Foundation
import Logging
import SweepStore

/// `--log-level LEVEL`, accepted anywhere before a `--` on the command line (before or after the
/// subcommand): what Sweep logs to standard error (lease takeovers and requeues, retried transactions,
/// reconnects; at `trace` also PostgresNIO's protocol log). Default `warning`. Logged servers appear only
/// as their redacted URL.
enum LogLevelOption {
    static let name = "--log-level"
    static let levels = Logger.Level.allCases.map(\.rawValue)

    /// Why a `--log-level` value was refused (exit status 2).
    struct Invalid: Error, CustomStringConvertible {
        let value: String?
        var description: String {
            let choices = LogLevelOption.levels.joined(separator: "|")
            guard let value else { return "error: \(LogLevelOption.name) needs a value: \(choices)" }
            return "error: unknown \(LogLevelOption.name) '\(value)'; use one of \(choices)"
        }
    }

    /// Removes `--log-level X` / `--log-level=X` from `arguments` (up to a `--`) and returns the level
    /// (the last one given wins; `warning` when absent).
    static func extract(from arguments: inout [String]) throws -> Logger.Level {
        var level = Logger.Level.warning
        var i = 0
        while i < arguments.count, arguments[i] != "--" {
            let argument = arguments[i]
            let value: String?
            if argument == name {
                value = i + 1 < arguments.count ? arguments[i + 1] : nil
                arguments.removeSubrange(i..<min(i + 2, arguments.count))
            } else if argument.hasPrefix(name + "=") {
                value = String(argument.dropFirst(name.count + 1))
                arguments.remove(at: i)
            } else {
                i += 1
                continue
            }
            guard let value, let parsed = Logger.Level(rawValue: value.lowercased()) else { throw Invalid(value: value) }
            level = parsed
        }
        return level
    }

    /// Sends every log message of this process at `level` or above to standard error, and makes that the
    /// logger Sweep's stores and studies use (``SweepLog/default``). Call once, at start-up.
    static func bootstrap(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        SweepLog.setDefault(Logger(label: "sweep"))
    }
}
