import Foundation
import SweepTestSupport
import Testing

/// `Study` is the only writer of trials: outside the stores themselves, only `Study` and its extensions
/// (`Sources/Sweep/Study/Study*.swift`) call a writing method of `StudyStorage`, and only on their own
/// `storage` — never another object through `study.storage` (as `RunningTrial` and the worker pool once did).
@Suite struct StudyOnlyWriterTests {
    static let writes = ["ask", "finishAndAsk", "finish", "release", "report", "enqueue", "setAttributes", "addParams",
                         "saveCheckpoint", "heartbeat", "createStudy", "updateConfig"]

    /// `file:line` of every call `.<write>(study:` in the Swift files under `Sources/`.
    static func writeCalls() throws -> [(file: String, line: String)] {
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: "\\.(" + writes.joined(separator: "|") + ")\\(study:")
        var found: [(String, String)] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for url in files where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(TestPaths.packageRoot.path.count)).trimmingCharacters(in: ["/"])
            for (i, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = String(line)
                if text.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                if pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                    found.append(("\(relative):\(i + 1)", text))
                }
            }
        }
        return found
    }

    @Test func onlyStudyWritesTrials() throws {
        let calls = try Self.writeCalls()
        // The pattern does find Study's own writes (so this test can see a stray one).
        #expect(calls.contains { $0.file.hasPrefix("Sources/Sweep/Study/") && $0.line.contains("storage.finish(") })
        let stray = calls.filter { call in
            let isStudy = call.file.hasPrefix("Sources/Sweep/Study/Study"), isStore = call.file.hasPrefix("Sources/SweepStore/")
            return !(isStudy || isStore) || call.line.contains("study.storage.")
        }
        #expect(stray.isEmpty, "write trials through Study methods instead: \(stray.map { "\($0.file): \($0.line)" })")
    }
}
