import Foundation

/// Runs the package's other executables (the `Examples/` programs) as real subprocesses.
public enum ExamplePrograms {
    /// The built executable `name`, next to the `sweep` binary the tests use.
    public static func executable(_ name: String) -> URL {
        CLI.executable.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs `name args…` to completion in `directory`.
    public static func run(_ name: String, _ args: [String], in directory: URL, timeout: Double = 300) throws -> CLI.Result {
        try CLI.start(args, in: directory, program: executable(name)).wait(timeout: timeout)
    }
}

/// Swift code blocks of Markdown documents, for checking them against compiled sources.
public enum MarkdownCode {
    /// The ```swift blocks of `text`, each as its lines.
    public static func swiftBlocks(in text: String) -> [[String]] {
        var blocks: [[String]] = [], current: [String]?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!)
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// The lines that carry code: trimmed, without blank lines and `import` lines (a document may show
    /// fewer imports than a program needs).
    public static func significantLines(_ lines: [String]) -> [String] {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
    }

    /// Whether `block`'s significant lines appear, in order and contiguously, among `source`'s.
    public static func contains(_ source: [String], block: [String]) -> Bool {
        let s = significantLines(source), b = significantLines(block)
        guard !b.isEmpty, b.count <= s.count else { return b.isEmpty }
        return (0...(s.count - b.count)).contains { start in Array(s[start..<(start + b.count)]) == b }
    }
}
