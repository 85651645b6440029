import Foundation
import SweepCore
import SweepStore

/// A self-contained HTML report of a sweep: one file with inline SVG and CSS, no scripts and no
/// network access, readable offline in any browser.
///
/// Sections: summary, optimization history (values and best-so-far by trial), parameter importance
/// (``ParameterImportance``: fANOVA main effects of a random forest), parallel coordinates, one slice
/// plot per parameter, learning curves (intermediate values coloured by final state), the rung view of
/// multi-fidelity schedulers (when trials carry ``RungSummary`` attributes), the top trials, failures,
/// and run metadata (config, seed, versions, durations).
///
/// Scale: the document stays small and fast for 10,000 trials because every plot draws at most a
/// fixed number of marks (``Options``), chosen by the rules in ``Decimation`` — the best trials and
/// best-so-far improvements are always kept — and each plot says what it shows ("showing 2,000 of
/// 10,000 trials …").
///
/// Direction: best-so-far, rankings, "best" highlighting and colour scales follow the study's
/// ``Direction``. Failed, pruned and running trials have their own colours and marker shapes.
public struct SweepReport: Sendable {
    /// Limits on what each plot draws.
    public struct Options: Sendable, Equatable {
        /// Points in the history plot.
        public var historyPoints: Int
        /// Lines of complete trials in the parallel-coordinates plot (the best 50 always included).
        public var parallelLines: Int
        /// Lines of pruned and of failed trials each in the parallel-coordinates plot.
        public var parallelOtherLines: Int
        /// Parameters (axes) in the parallel-coordinates plot; the most important first when more.
        public var parallelAxes: Int
        /// Points in each slice plot.
        public var slicePoints: Int
        /// Points in all slice plots together (sweeps with many parameters get fewer per plot, at
        /// least 200).
        public var slicePointsTotal: Int
        /// Learning curves drawn (the best 10 always included).
        public var curves: Int
        /// Points per learning curve (longer curves are thinned evenly, keeping both ends).
        public var curvePoints: Int
        /// Trial paths per bracket in the rung view.
        public var rungPaths: Int
        /// Rows of the top-trials table.
        public var topTrials: Int
        /// Settings of the importance computation (its seed is replaced by the study's seed, so a
        /// sweep's report always shows the same importance).
        public var importance: ParameterImportance.Options

        public init(historyPoints: Int = 2000, parallelLines: Int = 400, parallelOtherLines: Int = 100, parallelAxes: Int = 16,
                    slicePoints: Int = 1500, slicePointsTotal: Int = 12_000, curves: Int = 150, curvePoints: Int = 200, rungPaths: Int = 300, topTrials: Int = 20,
                    importance: ParameterImportance.Options = ParameterImportance.Options()) {
            self.historyPoints = historyPoints
            self.parallelLines = parallelLines
            self.parallelOtherLines = parallelOtherLines
            self.parallelAxes = parallelAxes
            self.slicePoints = slicePoints
            self.slicePointsTotal = slicePointsTotal
            self.curves = curves
            self.curvePoints = curvePoints
            self.rungPaths = rungPaths
            self.topTrials = topTrials
            self.importance = importance
        }
    }

    /// The stored study.
    public var record: StudyRecord
    /// The sweep config, when the study was created from one (nil for library-created studies: the
    /// parameters are then inferred from the trials).
    public var config: SweepConfig?
    /// All trials of the study.
    public var trials: [Trial]
    /// Where the study is stored, for the metadata section.
    public var storage: String?
    /// The time printed as "generated at".
    public var generatedAt: Date
    public var options: Options

    public init(config: SweepConfig?, record: StudyRecord, trials: [Trial], storage: String? = nil,
                generatedAt: Date = Date(), options: Options = Options()) {
        self.config = config
        self.record = record
        self.trials = trials
        self.storage = storage
        self.generatedAt = generatedAt
        self.options = options
    }

    /// The report as one HTML document.
    public func html() -> String {
        HTMLReport(self).render()
    }

    /// Writes the report to `url` (creating missing directories; replaced atomically).
    /// - Throws: ``ReportError/cannotWrite(path:reason:)``.
    public func write(to url: URL) throws {
        let text = html()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Where a sweep's report goes by default: next to its SQLite file with the extension `.html`
    /// (`sweeps/<name>.sqlite` → `sweeps/<name>.html`); for PostgreSQL or in-memory storage,
    /// `reports/<name>.html` in the working directory.
    public static func defaultURL(location: StorageLocation, sweepName: String) -> URL {
        switch location {
        case let .sqlite(path):
            return URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("html")
        case .memory, .postgres:
            return URL(fileURLWithPath: "reports/\(sweepName).html")
        }
    }
}

/// Why a report could not be produced.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "cannot write the report to \(path): \(reason); pass another path with -o"
        }
    }
}

extension SweepLocator {
    /// The report of the located sweep (its stored config, when it parses, names the metric and the
    /// search space).
    public func report(options: SweepReport.Options = SweepReport.Options()) throws -> SweepReport {
        let trials = try storage.trials(study: record.id)
        return SweepReport(config: try? config(), record: record, trials: trials, storage: location.description, options: options)
    }

    /// Writes the located sweep's report to `path` (default: ``SweepReport/defaultURL(location:sweepName:)``)
    /// and returns where it went.
    @discardableResult
    public func writeReport(to path: String? = nil) throws -> URL {
        let url = path.map { URL(fileURLWithPath: $0) } ?? SweepReport.defaultURL(location: location, sweepName: record.name)
        try report().write(to: url)
        return url
    }
}

extension SweepSession {
    /// Writes this sweep's report to `path` (default: ``SweepReport/defaultURL(location:sweepName:)``)
    /// and returns where it went.
    @discardableResult
    public func writeReport(to path: String? = nil) throws -> URL {
        let url = path.map { URL(fileURLWithPath: $0) } ?? SweepReport.defaultURL(location: location, sweepName: config.name)
        let report = SweepReport(config: config, record: study.record, trials: try study.trials(), storage: location.description)
        try report.write(to: url)
        return url
    }
}
