import Foundation
@testable import Sweep
import SweepCore
import SweepTestSupport
import Testing

/// The report's Pareto section: the front, its order, faded and infeasible points, labels, the
/// reference point and the hypervolume history.
@Suite struct ReportParetoTests {
    static let metrics = ["val_accuracy", "latency_us"]
    static let directions: [Direction] = [.maximize, .minimize]

    /// #0, #1, #3 form the feasible front; #2 and #5 are dominated; #4 would dominate everything
    /// but violates its constraint; #6 failed (no values).
    static func trials() -> [MultiObjectiveTrial] {
        let rows: [(Double, Double, Double)] = [(0.90, 10, -1), (0.95, 20, -1), (0.85, 30, -1), (0.97, 40, -1),
                                                (0.99, 5, 1), (0.95, 25, -2)]
        var out = rows.enumerated().map { i, r in
            MultiObjectiveTrial(number: i, state: .complete, params: ["nodes": .int(8 << i), "lr": .float(0.01)],
                                values: [r.0, r.1], constraints: [r.2])
        }
        out.append(MultiObjectiveTrial(number: 6, state: .failed, params: ["nodes": .int(9)]))
        return out
    }

    static func model() throws -> ParetoReportModel {
        try #require(ParetoReportModel(metrics: metrics, directions: directions, trials: trials()))
    }

    /// The inner text of the first `<g class="name">…</g>` of `svg`.
    static func group(_ name: String, in svg: String) throws -> String {
        let start = try #require(svg.range(of: "<g class=\"\(name)\">"))
        let end = try #require(svg[start.upperBound...].range(of: "</g>"))
        return String(svg[start.upperBound..<end.lowerBound])
    }

    /// Values of attribute `name` in `text`, in order.
    static func attribute(_ name: String, in text: String) -> [Double] {
        text.components(separatedBy: " \(name)=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
    }

    /// Texts of `<text class="cls">` elements, in order.
    static func texts(_ cls: String, in svg: String) -> [String] {
        svg.components(separatedBy: "class=\"\(cls)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test func frontIsFeasibleNondominatedAndSortedByTheFirstMetric() throws {
        let p = try Self.model()
        #expect(p.front.map(\.number) == [3, 1, 0])
        #expect(p.infeasible == [4])
        #expect(p.trials.map(\.number) == [0, 1, 2, 3, 4, 5])
    }

    @Test func scatterDrawsFrontInOrderFadesDominatedAndMarksInfeasible() throws {
        let p = try Self.model()
        let html = try #require(SVGPlotPareto.render(p, cap: 2000)).html
        let svg = try #require(svgElements(html).first)
        #expect(isWellFormedXML(svg))
        #expect(plotNames(svg) == ["pareto"])
        // Front markers in front order: accuracy (x) falls, latency (y pixel: lower value = lower on
        // screen = larger y) falls too.
        let front = try Self.group("front", in: svg)
        let cx = Self.attribute("cx", in: front), cy = Self.attribute("cy", in: front)
        #expect(cx.count == 3)
        #expect(zip(cx, cx.dropFirst()).allSatisfy { $0 > $1 })
        #expect(zip(cy, cy.dropFirst()).allSatisfy { $0 < $1 })
        #expect(occurrences("<circle", in: try Self.group("dominated", in: svg)) == 2)
        #expect(occurrences("m-infeasible", in: try Self.group("infeasible", in: svg)) == 1)
        #expect(Self.texts("front-label", in: svg) == ["#3", "#1", "#0"])
        // The staircase: from the reference line up to #3, then one step per front trial, out to the
        // reference again.
        let d = try #require(svg.components(separatedBy: "class=\"front-line\"").first?.components(separatedBy: "<path d=\"").last)
        #expect(occurrences("H", in: d) == 3 && occurrences("V", in: d) == 3)
        #expect(d.hasPrefix("M" + ReportText.coordinate(cx[0])))
        #expect(svg.contains("class=\"ref-point\""))
    }

    @Test func referencePointIsTheWorstObservedPlusTenPercentOfTheRange() throws {
        let p = try Self.model()
        let r = try #require(p.reference)
        #expect(abs(r[0] - (0.85 - 0.1 * 0.14)) < 1e-12)
        #expect(abs(r[1] - (40 + 0.1 * 35)) < 1e-12)
        // Constant metric: 10 % of |value|, or 1 around zero.
        #expect(ParetoReportModel.referencePoint([[2, 0], [2, 0]], directions: [.minimize, .maximize]) == [2.2, -1])
    }

    @Test func hypervolumeHistoryGrowsToTheFrontsArea() throws {
        let p = try Self.model()
        #expect(p.hypervolume.map(\.trial) == [0, 1, 2, 3, 4, 5])
        let r = try #require(p.reference)
        // Rectangles below the staircase, by hand: #0 alone, then all three front trials.
        let first = (0.90 - r[0]) * (r[1] - 10)
        let all = (0.97 - r[0]) * (r[1] - 40) + (0.95 - r[0]) * (40 - 20) + (0.90 - r[0]) * (20 - 10)
        #expect(abs(p.hypervolume[0].hypervolume - first) < 1e-12)
        #expect(abs(p.hypervolume[5].hypervolume - all) < 1e-12)
        #expect(p.hypervolume[4].hypervolume == p.hypervolume[3].hypervolume, "the infeasible #4 adds nothing")
        #expect(zip(p.hypervolume, p.hypervolume.dropFirst()).allSatisfy { $0.hypervolume <= $1.hypervolume })
        let plot = try #require(SVGPlotHypervolume.render(p))
        #expect(plotNames(plot.html) == ["hypervolume"])
        #expect(plot.note.contains("val_accuracy 0.836") && plot.note.contains("latency_us 43.5"))
        // One marker per trial that enlarged the hypervolume: #0, #1, #3.
        #expect(occurrences("<circle", in: try #require(svgElements(plot.html).first)) == 3)
    }

    @Test func frontTableListsTheFrontWithMetricsAndParameters() throws {
        let p = try Self.model()
        let table = try #require(p.frontTable(parameters: ["nodes"]))
        let rows = table.components(separatedBy: "<tr><td class=\"num\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(rows == ["#3", "#1", "#0"])
        #expect(table.contains("val_accuracy (maximize ↑)") && table.contains("latency_us (minimize ↓)"))
        #expect(table.contains(">64<") && table.contains(">nodes<") && table.contains(">lr<"))
    }

    @Test func singleMetricOrEmptyStudiesHaveNoParetoSection() throws {
        #expect(ParetoReportModel(metrics: ["loss"], directions: [.minimize], trials: Self.trials()) == nil)
        let empty = try #require(ParetoReportModel(metrics: Self.metrics, directions: Self.directions, trials: []))
        #expect(SVGPlotPareto.render(empty, cap: 100) == nil && SVGPlotHypervolume.render(empty) == nil)
        #expect(empty.frontTable(parameters: []) == nil)
    }

    @Test func decimationKeepsEveryFrontTrial() throws {
        // 400 trials on a line trading accuracy for latency, all on the front, plus 600 dominated ones.
        var trials: [MultiObjectiveTrial] = []
        for i in 0..<1000 {
            let a = Double(i % 400) / 400
            let values = i < 400 ? [a, 10 + 100 * a] : [a - 0.5, 200 + Double(i)]
            trials.append(MultiObjectiveTrial(number: i, state: .complete, params: [:], values: values))
        }
        let p = try #require(ParetoReportModel(metrics: Self.metrics, directions: Self.directions, trials: trials))
        #expect(p.front.count == 400)
        let plot = try #require(SVGPlotPareto.render(p, cap: 500))
        let svg = try #require(svgElements(plot.html).first)
        #expect(occurrences("<circle", in: try Self.group("front", in: svg)) == 400)
        #expect(occurrences("<circle", in: try Self.group("dominated", in: svg)) == 100)
        #expect(Self.texts("front-label", in: svg).count == SVGPlotPareto.labelCap)
        #expect(plot.note?.contains("Showing 500 of 1,000") == true)
    }

    static let yaml = """
        name: mo
        metrics:
          - {name: val_accuracy, goal: maximize}
          - {name: latency_us, goal: minimize}
        constraints: ["latency_us <= 50"]
        method: random
        parameters:
          nodes: {type: int, min: 8, max: 256, log: true}
          lr: {type: float, min: 0.001, max: 0.1, log: true}
        budget: {trials: 10}
        """

    /// ``trials()`` as stored trials: value vector, first value as `value`, constraint attribute.
    static func stored() -> [Trial] {
        trials().map { t in
            var attributes: [String: AttributeValue] = [:]
            if let c = t.constraints { attributes[ProbabilityOfFeasibility.constraintsKey] = .array(c.map { .number($0) }) }
            return Trial(number: t.number, state: t.state, params: t.params, value: t.values?.first, values: t.values,
                         failureReason: t.state == .failed ? "diverged" : nil, attributes: attributes)
        }
    }

    @Test func reportsOfSeveralMetricsOpenWithTheParetoSectionOthersDoNot() throws {
        let config = try SweepConfig.parse(yaml: Self.yaml)
        let html = SweepReport(config: config, record: Synthetic.record("mo", direction: .maximize), trials: Self.stored()).html()
        #expect(plotNames(html).prefix(3) == ["pareto", "hypervolume", "history"])
        #expect(occurrences("<section id=\"pareto\">", in: html) == 1 && html.contains("<table class=\"front\">"))
        #expect(Self.texts("front-label", in: html) == ["#3", "#1", "#0"])
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        let single = try SweepConfig.parse(yaml: Self.yaml.replacingOccurrences(of: "  - {name: latency_us, goal: minimize}\n", with: "")
            .replacingOccurrences(of: "constraints: [\"latency_us <= 50\"]\n", with: ""))
        let one = SweepReport(config: single, record: Synthetic.record("mo", direction: .maximize), trials: Self.stored()).html()
        #expect(!one.contains("id=\"pareto\"") && !plotNames(one).contains("pareto") && !plotNames(one).contains("hypervolume"))
    }

    /// The Pareto report in headless Chromium (scripts/check-report checks the front's markers and labels).
    @Test(.enabled(if: BrowserCheck.isAvailable, "needs chromium (apt-get install chromium)"), .timeLimit(.minutes(5)))
    func paretoReportRendersInARealBrowser() throws {
        let dir = try makeTemporaryDirectory("sweep-browser")
        let config = try SweepConfig.parse(yaml: Self.yaml)
        let file = dir.appendingPathComponent("mo.html")
        try SweepReport(config: config, record: Synthetic.record("mo", direction: .maximize), trials: Self.stored()).write(to: file)
        let check = try BrowserCheck.run(["--out", dir.path, file.path], logIn: dir)
        #expect(check.status == 0 && check.log.contains("Pareto front: 3 trial(s), labels #3, #1, #0"), "\(check.log)")
    }
}
