import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// The `Examples/` programs are run, not only compiled, and the documentation's Swift code is theirs.
@Suite struct ExamplesTests {
    @Test func embeddedTrainingExampleRunsAndResumes() throws {
        let dir = try makeTemporaryDirectory()
        let first = try ExamplePrograms.run("sweep-example", ["6"], in: dir)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("best trial #"), "\(first)")
        let trials = try json(CLI.run(["trials", "embedded-example", "--format", "json"], in: dir).stdout).items
        #expect(trials.count == 6)
        #expect(trials.allSatisfy { $0["state"] == .string("complete") || $0["state"] == .string("pruned") }, "\(trials)")

        // Running it again with a larger budget continues the same study: the first six are kept as they were.
        let second = try ExamplePrograms.run("sweep-example", ["8"], in: dir)
        #expect(second.status == 0, "\(second)")
        let after = try json(CLI.run(["trials", "embedded-example", "--format", "json"], in: dir).stdout).items
        #expect(after.count == 8)
        #expect(Array(after.prefix(6)) == trials)
    }

    @Test func libraryTourFromTheReadmeRuns() throws {
        let dir = try makeTemporaryDirectory()
        let run = try ExamplePrograms.run("sweep-library-tour", [], in: dir)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("(50 trials)"), "\(run)")
        let best = try json(CLI.run(["best", "my-net", "--json"], in: dir).stdout)
        // The stand-in model peaks at lr = 10^-2.5 with 2 layers (value 1); 50 random trials get close.
        if case let .number(value)? = best["value"] { #expect(value > 0.9, "\(best)") } else { Issue.record("no best value: \(best)") }
    }

    @Test func everySwiftBlockInTheDocsIsCompiledExampleCode() throws {
        let root = TestPaths.packageRoot
        let examples = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("Examples").path)
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: root.appendingPathComponent("Examples/\($0)"), encoding: .utf8).components(separatedBy: "\n") }
        #expect(!examples.isEmpty)
        var documents = ["README.md"]
        let catalog = root.appendingPathComponent("Sources/Sweep/Sweep.docc")
        documents += try FileManager.default.contentsOfDirectory(atPath: catalog.path).filter { $0.hasSuffix(".md") }
            .map { "Sources/Sweep/Sweep.docc/\($0)" }
        var checked = 0
        for document in documents {
            let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
            // Package-manifest fragments (`.package(url:…)`) are what scripts/check-dependent builds; the
            // rest must be program code.
            for block in MarkdownCode.swiftBlocks(in: text) where !block.contains(where: { $0.contains(".package(") }) {
                checked += 1
                #expect(examples.contains { MarkdownCode.contains($0, block: block) },
                        "a Swift block in \(document) is not part of any Examples/ program:\n\(block.joined(separator: "\n"))")
            }
        }
        #expect(checked >= 5, "expected the README's and the catalog's Swift blocks, found \(checked)")
    }
}
