import Foundation
import SweepMath
import SweepTestSupport

/// Valid inputs the fuzzer starts from.
enum FuzzSeeds {
    /// The shipped `configs/*.yaml` (made small: iris instead of digits, 2 epochs, 3 trials, 10 s) and
    /// the test configs below, by name.
    static func configs() throws -> [(name: String, text: String)] {
        let dir = TestPaths.packageRoot.appendingPathComponent("configs")
        var seeds: [(String, String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".yaml") {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            seeds.append((String(file.dropLast(5)), small(text)))
        }
        return seeds + inline
    }

    /// A config made cheap to run: every trial budget, epoch count and dataset shrunk.
    static func small(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = String(line.prefix { $0 == " " })
            if trimmed.hasPrefix("budget:") { return "budget: {trials: 3, workers: 1, time_limit: 10s}" }
            if trimmed.hasPrefix("epochs:") { return indent + "epochs: 2" }
            if trimmed.hasPrefix("dataset: digits") { return indent + "dataset: iris" }
            return String(line)
                .replacingOccurrences(of: "dataset: digits", with: "dataset: iris")
                .replacingOccurrences(of: "epochs: 9", with: "epochs: 2")
                .replacingOccurrences(of: "epochs: 30", with: "epochs: 2")
        }.joined(separator: "\n")
    }

    /// Configs like the tests' own: conditional parameters, a command objective, an MLP with a pruner.
    static let inline: [(name: String, text: String)] = [
        ("command", """
            name: cmd
            seed: 4
            metric: {name: loss, goal: minimize}
            objective:
              kind: command
              command: [echo, "loss={x}", "step=1"]
              timeout: 5
            parameters:
              x: {type: float, min: -1, max: 1}
              n: {type: int, min: 1, max: 8, log: true}
              c: {values: [a, b, 3, true]}
            budget: {trials: 3, workers: 2}
            """),
        ("mlp", """
            name: mlp
            seed: 1
            metric: {name: val_accuracy}
            method: {name: sobol}
            pruner: {name: median, warmup_trials: 1, warmup_steps: 1}
            objective: {kind: mlp, dataset: iris, epochs: 2, nodes: 4, batch_size: 16}
            parameters:
              lr: {type: float, min: 1e-3, max: 1e-1, log: true}
              dropout: {type: float, min: 0, max: 0.5, step: 0.1}
            budget: {trials: 2, max_failed: 2}
            """),
        ("grid", """
            name: grid
            seed: 0
            metric: {name: value, goal: minimize}
            method: grid
            objective: {kind: function, function: branin, noise: 0.1}
            parameters:
              x0: {values: [-5, 0, 5, 10]}
              x1: {type: int, min: 0, max: 15, step: 5}
            budget: {trials: 3}
            """),
    ]

    /// A small classification CSV (header, 40 rows, 3 numeric features, a string target).
    static func csv(rng: inout Xoshiro256StarStar) -> String {
        var lines = ["a,b,c,target"]
        for i in 0..<40 {
            let label = ["setosa", "versicolor", "virginica"][i % 3]
            let cells = (0..<3).map { _ in String(Double(i % 3) + rng.nextUniform(-0.5, 0.5)) }
            lines.append((cells + [label]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Kept cases under `Tests/Fixtures/fuzz/<folder>`.
    static func fixtures(_ folder: String) throws -> [URL] {
        let dir = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz/\(folder)")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return files.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".csv") }.map { dir.appendingPathComponent($0) }
    }
}

/// Seeded text mutations: structural (lines), lexical (tokens replaced by edge-case values) and bytes.
enum Mutator {
    /// Edge-case scalars: huge, tiny, non-finite, integer limits, empty, wrong types.
    static let interesting = [
        "0", "-1", "1", "1e308", "-1e308", "1e400", "-1e400", "1e-320", ".nan", "nan", ".inf", "-.inf", "inf",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "4294967296", "-0", "0.0000001",
        "", "~", "null", "[]", "{}", "true", "\"\"", "x", "1_000", "0x10", "[1, [2]]", "{a: 1}", "'", "\"", "-",
        "99999999999999999999999", "2.5", "-3", "1e15", "18446744073709551615", "*a", "&a b", "!!binary x",
    ]

    static func pick<T>(_ items: [T], _ rng: inout Xoshiro256StarStar) -> T { items[Int(rng.next() % UInt64(items.count))] }
    static func index(_ count: Int, _ rng: inout Xoshiro256StarStar) -> Int { Int(rng.next() % UInt64(max(count, 1))) }

    /// One to three mutations of a YAML file.
    static func mutate(_ text: String, rng: inout Xoshiro256StarStar) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0...index(3, &rng) {
            let i = index(lines.count, &rng)
            switch rng.next() % 9 {
            case 0: if lines.count > 1 { lines.remove(at: i) }
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, index(lines.count, &rng))
            case 3, 4: lines[i] = replaceToken(lines[i], &rng)
            case 5: lines[i] = replaceValue(lines[i], &rng)
            case 6: lines[i] = rng.next() % 2 == 0 ? "  " + lines[i] : String(lines[i].drop { $0 == " " })
            case 7: lines[i] = insertCharacter(lines[i], &rng)
            default: lines = Array(lines.prefix(i)) + [String(lines[i].prefix(index(lines[i].count + 1, &rng)))]
            }
            if lines.isEmpty { lines = [""] }
        }
        return lines.joined(separator: "\n")
    }

    /// A number or word in `line` replaced by an edge-case value.
    static func replaceToken(_ line: String, _ rng: inout Xoshiro256StarStar) -> String {
        let tokens = line.split(whereSeparator: { " ,:{}[]".contains($0) })
        guard !tokens.isEmpty else { return line + " " + pick(interesting, &rng) }
        let token = pick(tokens, &rng)
        var out = line
        out.replaceSubrange(token.startIndex..<token.endIndex, with: pick(interesting, &rng))
        return out
    }

    /// The value after a `key:` replaced by an edge-case value.
    static func replaceValue(_ line: String, _ rng: inout Xoshiro256StarStar) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        return line[...colon] + " " + pick(interesting, &rng)
    }

    static func insertCharacter(_ line: String, _ rng: inout Xoshiro256StarStar) -> String {
        let characters: [String] = ["{", "}", "[", "]", ":", "\"", "'", "-", "#", "\t", "\u{0}", "\u{FEFF}", "é", "&", "*", "|", ">", "%", "\\", "?"]
        var out = Array(line)
        out.insert(contentsOf: pick(characters, &rng), at: index(out.count + 1, &rng))
        return String(out)
    }

    /// One to three mutations of a CSV file.
    static func mutateCSV(_ text: String, rng: inout Xoshiro256StarStar) -> String {
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let cells = ["", "nan", "NaN", "inf", "-inf", "1e400", "-1e400", "1e-320", "x", "\"", "\"a,b\"", " ", "0", "-0", "1,2",
                     "9223372036854775808", "setosa", "\u{FEFF}a", "é", "\t", "1e38", "3.4e39"]
        for _ in 0...index(3, &rng) {
            let r = index(rows.count, &rng)
            switch rng.next() % 8 {
            case 0: if rows.count > 1 { rows.remove(at: r) }
            case 1: rows.insert(rows[r], at: r)
            case 2, 3: if !rows[r].isEmpty { rows[r][index(rows[r].count, &rng)] = pick(cells, &rng) }
            case 4: if !rows[r].isEmpty { rows[r].remove(at: index(rows[r].count, &rng)) }
            case 5: rows[r].append(pick(cells, &rng))
            case 6: rows = Array(rows.prefix(max(1, r)))
            default: for k in rows.indices where !rows[k].isEmpty { rows[k][rows[k].count - 1] = pick(cells, &rng) }
            }
        }
        let sep = rng.next() % 6 == 0 ? "\r\n" : "\n"
        return rows.map { $0.joined(separator: ",") }.joined(separator: sep)
    }
}
