import ArgumentParser
import Foundation
import Sweep
import SweepCore

/// Options shared by commands that run trials.
struct RunOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as one JSON object (progress goes to stderr).")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    @Option(name: .long, help: "Override the config's storage (SQLite path, postgresql:// URL, or 'memory').")
    var storage: String?

    @Option(name: .long, help: "Override budget.workers.")
    var workers: Int?

    @Option(name: .long, help: "Seconds a running trial stays owned without a heartbeat.")
    var lease: Double = 60

    @Flag(name: .long, help: "Do not write the HTML report at the end (by default next to the sweep's database).")
    var noReport = false

    /// Refuses more workers than one process runs (before anything is opened or created).
    func checkWorkers() throws {
        if let w = workers, w > 256 {
            throw InputError(message: "--workers must be at most 256 per process (like budget.workers), got \(w); start more processes with sweep worker")
        }
    }

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if !(lease > 0 && lease.isFinite) { throw ValidationError("--lease must be a positive number of seconds, got \(lease)") }
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep from a YAML file; running it again resumes it.",
        discussion: "Trials are stored (by default in sweeps/<name>.sqlite) as they finish; Ctrl-C checkpoints running trials and exits with 130.")

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @OptionGroup var options: RunOptions

    func run() throws {
        try guarded {
            try options.checkWorkers()
            SignalStop.install()
            let config = try SweepConfig.load(path: file)
            try config.requireObjective(command: "sweep run")
            let session = try SweepSession.open(config: config, storage: options.storage, lease: options.lease)
            try SweepRunPresenter(session: session, options: options).execute()
        }
    }
}

struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a sweep in its storage without running it (then start `sweep worker`s on any machine).",
        discussion: "Checks the config like `sweep run`; an existing sweep with the same search space is left as it is.")

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(name: .long, help: "Override the config's storage (SQLite path or postgresql:// URL).")
    var storage: String?

    func run() throws {
        try guarded {
            let config = try SweepConfig.load(path: file)
            let session = try SweepSession.open(config: config, storage: storage)
            let count = try session.study.history().trials.count
            print("\(session.resumed ? "Sweep exists" : "Created sweep") '\(config.name)' in \(session.location) (\(count) trial(s))")
        }
    }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a stored sweep by name or database file, with its stored config.")

    @Argument(help: "Sweep name (in sweeps/<name>.sqlite), a .sqlite file, or a postgresql:// URL.")
    var target: String

    @OptionGroup var options: RunOptions

    func run() throws {
        try guarded {
            try options.checkWorkers()
            SignalStop.install()
            let located = try SweepLocator.locate(target, storage: options.storage)
            let session = try located.session(lease: options.lease)
            try SweepRunPresenter(session: session, options: options).execute()
        }
    }
}

/// Runs a session and prints progress and results.
struct SweepRunPresenter {
    let session: SweepSession
    let options: RunOptions

    func execute() throws {
        // A resumed session builds its objective on first use: build it (read an mlp sweep's data) before
        // printing anything, so a missing dataset is the only message.
        _ = try session.objective
        let config = session.config
        let study = session.study
        let before = try study.history()
        let out: (String) -> Void = { text in
            if options.json { FileHandle.standardError.write(Data((text + "\n").utf8)) } else { print(text) }
        }
        if !options.quiet {
            let total = config.budget.trials.map { "\($0) trials" } ?? "no trial limit"
            let verb = session.resumed ? "Resuming" : "Starting"
            out("\(verb) sweep '\(config.name)': \(config.method.name) over \(config.space.dimension) parameter(s), \(total), "
                + "\(options.workers ?? config.budget.workers) worker(s); storage \(session.location)")
            if session.resumed {
                let finished = before.count(.complete) + before.count(.pruned) + before.count(.failed)
                out("  \(finished) trial(s) already finished, \(before.count(.waiting) + before.count(.running)) to resume")
            }
            for note in session.notes { out("  \(note)") }
        }
        let progress = ProgressPrinter(
            total: config.budget.trials, alreadyDone: before.trials.filter { $0.state.isFinished }.count,
            best: before.trials.best(study.direction), direction: study.direction, quiet: options.quiet, toStderr: options.json)
        let summary = try session.run(workers: options.workers, events: progress)
        progress.finish()
        let trials = try study.trials()
        let best = trials.best(study.direction)
        let report = writeReport()
        if options.json {
            var o: [String: AttributeValue] = [
                "sweep": .string(config.name), "storage": .string(session.location.description),
                "stop_reason": .string(summary.reason.rawValue), "elapsed_s": .number(summary.elapsed),
                "direction": .string(study.direction.rawValue), "metric": .string(config.metric.name),
                "best": best?.jsonValue ?? .null, "trials": .array(trials.map(\.jsonValue)),
                "report": report.map { .string($0.relativePath) } ?? .null,
            ]
            o["counts"] = .object(Dictionary(uniqueKeysWithValues: TrialState.allCases.map { s in
                (s.rawValue, AttributeValue.number(Double(trials.filter { $0.state == s }.count)))
            }))
            Format.printJSON(.object(o))
        } else {
            printResults(trials: trials, best: best, summary: summary)
            if let report { print("\nReport: \(report.relativePath)") }
        }
        if summary.reason == .interrupted { throw ExitCode(130) }
        if !trials.isEmpty, trials.allSatisfy({ $0.state == .failed }) {
            let lines = SweepRunPresenter.failureReasons(trials).map { "  \($0.count) × \($0.reason)" }
            FileHandle.standardError.write(Data(("error: every trial of sweep '\(config.name)' failed (\(trials.count)); reasons:\n"
                + lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
        if summary.reason == .tooManyFailures { throw ExitCode(1) }
    }

    /// Failure reasons of `trials` with how many trials failed for each, most frequent first.
    static func failureReasons(_ trials: [Trial]) -> [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for t in trials where t.state == .failed { counts[t.failureReason ?? "unknown reason", default: 0] += 1 }
        return counts.map { (reason: $0.key, count: $0.value) }.sorted { $0.count > $1.count || ($0.count == $1.count && $0.reason < $1.reason) }
    }

    /// Writes the HTML report unless `--no-report`; a failure is a warning, not a failed run.
    private func writeReport() -> URL? {
        guard !options.noReport else { return nil }
        do {
            return try session.writeReport()
        } catch {
            FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
            return nil
        }
    }

    private func printResults(trials: [Trial], best: Trial?, summary: OptimizeSummary) {
        let config = session.config
        let counts = TrialState.allCases.compactMap { s -> String? in
            let n = trials.filter { $0.state == s }.count
            return n > 0 ? "\(n) \(s.rawValue)" : nil
        }
        print("")
        print("Sweep '\(config.name)' stopped: \(summary.reason.rawValue) after \(Format.duration(summary.elapsed)); "
              + counts.joined(separator: ", "))
        let names = Format.parameterNames(trials, space: config.space)
        let complete = trials.filter { $0.state == .complete && $0.value != nil }
            .sorted { a, b in session.study.direction.isBetter(a.value!, than: b.value!) || (a.value! == b.value! && a.number < b.number) }
        if !complete.isEmpty {
            let shown = Array(complete.prefix(10))
            print("")
            print(complete.count > shown.count ? "Top \(shown.count) of \(complete.count) complete trials (\(config.metric.name), \(config.metric.goal.rawValue)):"
                  : "Complete trials (\(config.metric.name), \(config.metric.goal.rawValue)):")
            print(Format.trialsTable(shown, parameters: names))
        }
        let failed = trials.filter { $0.state == .failed }
        if !failed.isEmpty {
            print("")
            print("Failed trials:")
            for t in failed.prefix(5) { print("  #\(t.number): \(t.failureReason ?? "unknown reason")") }
            if failed.count > 5 { print("  … and \(failed.count - 5) more (sweep trials \(config.name) --format table)") }
        }
        print("")
        if let best, let v = best.value {
            print("Best trial #\(best.number): \(config.metric.name) = \(v)")
            for name in names { if let p = best.params[name] { print("  \(name): \(p)") } }
        } else {
            print("No trial completed.")
        }
    }
}
