import ArgumentParser
import Foundation

/// `sweep ask` and `sweep tell` run once per trial, often thousands of times from another program, so
/// their start-up is what such a loop waits for. ArgumentParser builds the whole command tree by
/// reflection first (every subcommand's arguments, the completion-script request, the help names):
/// about a sixth of a `tell` call. Their arguments are few, so this reads the usual spellings itself
/// and produces the same ``AskRequest``/``TellRequest``; everything else — `--help`, `--`, an
/// unknown option, a missing value, a repeated option, any mistake — goes to ArgumentParser as
/// before, so help and error messages are unchanged.
///
/// Debug builds (the ones the tests run) parse every shortcut command line with ArgumentParser too
/// and stop with exit status 70 if the two readings differ.
enum AskTellShortcut {
    /// A command line the shortcut read.
    enum Request: Equatable {
        case ask(AskRequest)
        case tell(TellRequest)
    }

    /// The request `arguments` (the words after `sweep`, `--log-level` removed) make, or nil when
    /// ArgumentParser must read them.
    static func request(_ arguments: [String]) -> Request? {
        guard let name = arguments.first, name == "ask" || name == "tell" else { return nil }
        let isTell = name == "tell"
        // Options whose value may start with "-" (ArgumentParser's `.unconditional` parsing).
        let unconditional: Set<String> = isTell ? ["--lease", "--step", "--failed", "--metric"] : ["--lease"]
        let flagNames: Set<String> = isTell ? ["--json", "--pruned", "--interrupted"] : ["--json"]
        var positional: [String] = [], options: [String: String] = [:], metrics: [String] = [], flags: Set<String> = []
        var words = arguments.dropFirst()[...]
        while let word = words.popFirst() {
            guard word.hasPrefix("-") else {
                positional.append(word)
                continue
            }
            guard word.hasPrefix("--") else {
                // A negative VALUE of tell; anything else (-h, a short option) is ArgumentParser's.
                guard isTell, !positional.isEmpty, Double(word) != nil else { return nil }
                positional.append(word)
                continue
            }
            var key = word, value: String?
            if let eq = word.firstIndex(of: "=") {
                key = String(word[..<eq])
                value = String(word[word.index(after: eq)...])
            }
            if flagNames.contains(key) {
                guard value == nil, flags.insert(key).inserted else { return nil }
                continue
            }
            guard key == "--storage" || unconditional.contains(key) else { return nil }
            if value == nil {
                guard let next = words.popFirst(), unconditional.contains(key) || !next.hasPrefix("-") else { return nil }
                value = next
            }
            guard let value, !value.isEmpty else { return nil }
            if key == "--metric" {
                metrics.append(value)
            } else {
                guard options.updateValue(value, forKey: key) == nil else { return nil }
            }
        }
        guard let target = positional.first else { return nil }
        guard isTell else {
            guard positional.count == 1 else { return nil }
            return .ask(AskRequest(target: target, storage: options["--storage"], json: flags.contains("--json"), lease: options["--lease"]))
        }
        return .tell(TellRequest(target: target, storage: options["--storage"], words: Array(positional.dropFirst()),
                                 step: options["--step"], metrics: metrics, pruned: flags.contains("--pruned"),
                                 interrupted: flags.contains("--interrupted"), failed: options["--failed"],
                                 lease: options["--lease"], json: flags.contains("--json")))
    }

    /// Runs `request` as its command would: errors become their message and exit status.
    static func run(_ request: Request, arguments: [String]) {
        #if DEBUG
        crossCheck(request, arguments: arguments)
        #endif
        do {
            switch request {
            case let .ask(r): try r.run()
            case let .tell(r): try r.run()
            }
        } catch {
            CLIFailure.exit(error)
        }
    }

    #if DEBUG
    /// Stops (exit 70, an internal error) when ArgumentParser reads `arguments` differently.
    private static func crossCheck(_ request: Request, arguments: [String]) {
        let parsed: Request?
        switch try? SweepCommand.parseAsRoot(arguments) {
        case let command as AskCommand: parsed = .ask(command.request)
        case let command as TellCommand: parsed = .tell(command.request)
        default: parsed = nil
        }
        guard parsed != request else { return }
        FileHandle.standardError.write(Data("internal error: the ask/tell shortcut read \(arguments) as \(request); ArgumentParser reads \(parsed.map { "\($0)" } ?? "an error")\n".utf8))
        exit(70)
    }
    #endif
}
