import Foundation
import SweepTestSupport
import Testing

/// The README's "To production" walkthrough, run command by command as written: the sweep (with the
/// quick-start config shrunk to 2 trials of 3 epochs), register, alias, serve (on a free port instead of
/// 8080), curl an infer, retrain, promote, and retrain with --promote-if-better. The infer after the
/// promotion must come from the promoted version.
@Suite struct ProductionWalkthroughTests {
    /// One command of a `sh` block: words after quote removal, and whether it ends in `&`.
    struct Command: CustomStringConvertible {
        var words: [String]
        var background: Bool
        var description: String { words.joined(separator: " ") + (background ? " &" : "") }
    }

    /// The `sh` block under the README heading that starts with `heading`.
    static func walkthrough(heading: String) throws -> String {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "\n" + heading))
        let open = try #require(readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound])
    }

    /// Splits shell text the way `sh` would for these commands: quotes (single, double), `\`-newline
    /// continuations, `#` comments, one command per line, a trailing `&`.
    static func commands(_ text: String) -> [Command] {
        var out: [Command] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var background = false
        var chars = Array(text)
        chars.append("\n")
        var i = 0
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == "\\" && i + 1 < chars.count && chars[i + 1] == "\n" {
                i += 1
            } else if c == "#" && !inWord {
                while i + 1 < chars.count && chars[i + 1] != "\n" { i += 1 }
            } else if c == "&" && !inWord {
                background = true
            } else if c == " " || c == "\t" {
                endWord()
            } else if c == "\n" {
                endWord()
                if !words.isEmpty { out.append(Command(words: words, background: background)) }
                words = []
                background = false
            } else {
                word.append(c)
                inWord = true
            }
            i += 1
        }
        return out
    }

    @Test func theToProductionWalkthroughRunsAsWritten() throws {
        let commands = Self.commands(try Self.walkthrough(heading: "## To production"))
        let programs = commands.map { $0.words.first ?? "" }
        #expect(programs.allSatisfy { $0 == "sweep" || $0 == "curl" }, "\(commands)")
        for step in ["run", "register", "alias", "serve", "retrain"] {
            #expect(commands.contains { $0.words.dropFirst().contains(step) }, "the walkthrough has no `\(step)` step")
        }
        #expect(commands.contains { $0.words.contains("--promote-if-better") })
        let curl = try #require(["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                "curl is needed to run the walkthrough (scripts/test's serve check installs it)")

        try withTemporaryDirectory { dir in
            // The repository files the commands name, the quick-start config made small.
            let root = TestPaths.packageRoot
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("configs"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("docs/production"), withIntermediateDirectories: true)
            var quickstart = try String(contentsOf: root.appendingPathComponent("configs/quickstart.yaml"), encoding: .utf8)
            for (from, to) in [("budget: {trials: 40, workers: 2}", "budget: {trials: 2, workers: 1}"), ("epochs: 30", "epochs: 3")] {
                #expect(quickstart.contains(from), "configs/quickstart.yaml changed: update this test's shrinking")
                quickstart = quickstart.replacingOccurrences(of: from, with: to)
            }
            try quickstart.write(to: dir.appendingPathComponent("configs/quickstart.yaml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: root.appendingPathComponent("docs/production/digits-new.csv"),
                                             to: dir.appendingPathComponent("docs/production/digits-new.csv"))

            var server: RunningCLI?
            var port = 0
            var answers: [[String: Any]] = []
            defer { server?.signal(SIGTERM); _ = server?.wait(timeout: 30) }
            for command in commands {
                var args = Array(command.words.dropFirst())
                if command.words[0] == "curl" {
                    args = args.map { $0.replacingOccurrences(of: "localhost:8080", with: "127.0.0.1:\(port)") }
                    let r = try CLI.start(args, in: dir, program: URL(fileURLWithPath: curl)).wait(timeout: 60)
                    #expect(r.status == 0, "\(command): \(r)")
                    let answer = try #require(try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(command): \(r)")
                    answers.append(answer)
                    continue
                }
                if let p = args.firstIndex(of: "--port") { args[p + 1] = "0" }
                if command.background {
                    let started = try CLI.start(args, in: dir)
                    server = started
                    for _ in 0..<3000 where port == 0 {
                        if let line = started.stdoutSoFar.split(separator: "\n").first(where: { $0.hasPrefix("Listening on http://127.0.0.1:") }) {
                            port = Int(line.dropFirst("Listening on http://127.0.0.1:".count).prefix { $0.isNumber }) ?? 0
                        } else {
                            Thread.sleep(forTimeInterval: 0.02)
                        }
                    }
                    #expect(port > 0, "\(command): \(started.wait(timeout: 1))")
                    continue
                }
                let r = try CLI.run(args, in: dir, timeout: 600)
                #expect(r.status == 0, "\(command): \(r)")
            }
            #expect(answers.first?["model_version"] as? String == "1", "\(answers)")
            let outputs = answers.first?["outputs"] as? [[String: Any]] ?? []
            #expect(outputs.contains { $0["name"] as? String == "label" }, "\(answers)")

            // After the walkthrough production points at the promoted version, and the running server
            // answers from it (it re-reads the registry every quarter second).
            let production = (try? JSONSerialization.jsonObject(with: Data(try CLI.run(
                ["models", "show", "digits@production", "--json", "--storage", "sweeps/quickstart.sqlite"], in: dir).stdout.utf8))) as? [String: Any]
            let version = try #require(production?["version"] as? Int)
            #expect(version >= 2)
            let infer = try #require(commands.first { $0.words.first == "curl" })
            var served = ""
            for _ in 0..<100 where served != "\(version)" {
                let args = infer.words.dropFirst().map { $0.replacingOccurrences(of: "localhost:8080", with: "127.0.0.1:\(port)") }
                let r = try CLI.start(Array(args), in: dir, program: URL(fileURLWithPath: curl)).wait(timeout: 60)
                served = ((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any])?["model_version"] as? String ?? ""
                if served != "\(version)" { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(served == "\(version)")
        }
    }
}
