import ArgumentParser
import Foundation
import Sweep

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a sweep (plots, importance, top trials, metadata).",
        discussion: """
            The report is one HTML file with inline SVG and CSS: no scripts, no network. By default it is \
            written next to the sweep's SQLite file (sweeps/<name>.sqlite → sweeps/<name>.html), or to \
            reports/<name>.html for PostgreSQL storage. Prints the path.
            """)

    @OptionGroup var sweep: SweepTarget

    @Option(name: .shortAndLong, help: "Where to write the report (default: next to the sweep's database).")
    var output: String?

    func run() throws {
        try guarded {
            let located = try sweep.locate()
            let url = try located.writeReport(to: output)
            print(url.relativePath)
        }
    }
}
