import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Sweep
import SweepCore
import SweepMath
import SweepStore
import SweepTestSupport
import Testing

/// Builders of synthetic sweeps for report tests.
enum Synthetic {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(_ name: String = "synthetic", direction: Direction = .minimize, seed: UInt64 = 0) -> StudyRecord {
        StudyRecord(id: 1, name: name, direction: direction, seed: seed, configSource: "{}", configHash: "h", createdAt: start)
    }

    static let mixedYAML = """
        name: mixed
        seed: 4
        metric: {name: loss, goal: minimize}
        parameters:
          lr: {type: float, min: 1e-5, max: 1, log: true}
          layers: {type: int, min: 1, max: 4}
          activation: {values: [relu, tanh, gelu]}
          optimizer: {values: [sgd, adam]}
          momentum: {type: float, min: 0, max: 0.99, when: {optimizer: sgd}}
        objective: {kind: command, command: [python3, train.py]}
        budget: {trials: 100}
        """

    /// `count` trials at seeded random points of `space`; every 7th fails and every 5th is pruned
    /// (when `mixed`), values from `f`, with timings and (when `steps` > 0) learning curves.
    static func trials(_ space: SearchSpace, count: Int, mixed: Bool = true, steps: Int = 0, seed: UInt64 = 2,
                       _ f: ([String: ParameterValue]) -> Double) throws -> [Trial] {
        var rng = Xoshiro256StarStar(seed: seed)
        return try (0..<count).map { n in
            let params = try space.decode((0..<space.dimension).map { _ in rng.nextUnit() })
            let v = f(params)
            var t = Trial(number: n, state: .complete, params: params, value: v,
                          startedAt: start.addingTimeInterval(Double(n)), finishedAt: start.addingTimeInterval(Double(n) + 0.5 + Double(n % 3)))
            if steps > 0 {
                for s in 1...steps { t.intermediateValues[s] = v + 2 * exp(-0.3 * Double(s)) }
            }
            if mixed && n % 7 == 3 {
                t.state = .failed
                t.value = nil
                t.failureReason = n % 2 == 0 ? "exit status 1; stderr: loss became NaN" : "timed out after 30s"
            } else if mixed && n % 5 == 4 {
                t.state = .pruned
                if steps > 2 {
                    t.intermediateValues = t.intermediateValues.filter { $0.key <= steps / 2 }
                    t.value = t.intermediateValues[steps / 2]
                }
            }
            return t
        }
    }

    /// A hand-built Hyperband-like sweep: bracket 0 with 9 trials at 1 step, 3 promoted to 3 steps,
    /// 1 to 9 steps (trial 5 failed); bracket 1 with 3 trials at 3 steps, 1 promoted to 9.
    static func rungSweep() throws -> (SweepConfig, [Trial]) {
        let config = try SweepConfig.parse(yaml: """
            name: hb
            metric: {name: loss, goal: minimize}
            parameters: {x: {type: float, min: 0, max: 1}}
            objective: {kind: command, command: [train]}
            """)
        var trials: [Trial] = []
        var rng = Xoshiro256StarStar(seed: 1)
        for n in 0..<12 {
            let bracket = n < 9 ? 0 : 1
            let rung = bracket == 0 ? (n == 0 ? 2 : n < 3 ? 1 : 0) : (n == 9 ? 1 : 0)
            let resources = bracket == 0 ? [1, 3, 9] : [3, 9]
            let x = rng.nextUnit()
            var t = Trial(number: n, state: n == 5 ? .failed : .complete, params: ["x": .float(x)], attributes: [
                "sweep.bracket": .number(Double(bracket)), "sweep.rung": .number(Double(rung)),
                "sweep.resource": .number(Double(resources[rung])),
            ])
            for s in 1...resources[rung] { t.intermediateValues[s] = x + 1 / Double(s) }
            t.value = t.state == .complete ? t.intermediateValues[resources[rung]] : nil
            trials.append(t)
        }
        return (config, trials)
    }
}

/// Checks shared by the report tests: each `<svg>` parses as XML, and the plots named exist.
func svgElements(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let a = rest.range(of: "<svg class=\"plot\""), let b = rest[a.lowerBound...].range(of: "</svg>") {
        out.append(String(rest[a.lowerBound..<b.upperBound]))
        rest = rest[b.upperBound...]
    }
    return out
}

func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

func plotNames(_ html: String) -> [String] {
    svgElements(html).compactMap { svg in
        guard let r = svg.range(of: "data-plot=\"") else { return nil }
        return String(svg[r.upperBound...].prefix { $0 != "\"" })
    }
}

func occurrences(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite struct ReportTests {
    let branin = try! SweepConfig.parse(yaml: """
        name: b
        metric: {name: value, goal: minimize}
        objective: {kind: function, function: branin}
        budget: {trials: 50}
        """)

    @Test func oneTrial() throws {
        let t = Trial(number: 0, state: .complete, params: ["x0": 1.5, "x1": 2.5], value: 17.25,
                      startedAt: Synthetic.start, finishedAt: Synthetic.start.addingTimeInterval(2))
        let html = SweepReport(config: branin, record: Synthetic.record("b"), trials: [t]).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(plotNames(html) == ["history", "parallel-coordinates", "slice", "slice"])
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        #expect(html.contains("Not computed: needs at least 5 complete trials for parameter importance, got 1"))
        #expect(html.contains("<tr class=\"best\"><td class=\"num\">1</td><td class=\"num\">#0</td><td class=\"num\">17.25</td>"))
        #expect(!html.contains("data-plot=\"learning-curves\"") && !html.contains("id=\"rungs\"") && !html.contains("id=\"failures\""))
        // Self-contained: no scripts, no external resources.
        #expect(!html.contains("<script") && !html.contains("https://") && !html.contains("<link") && !html.contains("<img"))
        #expect(html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg\"") })
    }

    @Test func noCompleteTrialAllFailed() throws {
        let trials = (0..<6).map { n in
            Trial(number: n, state: .failed, params: ["x0": .float(Double(n)), "x1": 3.0],
                  failureReason: n < 4 ? "exit status 1; stderr: <CUDA> out of memory & more\nline 2" : "timed out after 5s")
        }
        let html = SweepReport(config: branin, record: Synthetic.record("b"), trials: trials).html()
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        #expect(html.contains("none yet"))
        #expect(occurrences("class=\"m-failed\"", in: html) >= 6)
        #expect(html.contains("id=\"failures\""))
        // Grouped by first line, most frequent first, escaped.
        #expect(html.contains("<td class=\"num\">4</td><td>#0, #1, #2, #3</td><td class=\"reason\">exit status 1; stderr: &lt;CUDA&gt; out of memory &amp; more\nline 2</td>"))
        #expect(html.contains("<td class=\"num\">2</td><td>#4, #5</td>"))
        #expect(!html.contains("id=\"top-trials\""))
        #expect(html.contains("Not computed: needs at least 5 complete trials"))
    }

    @Test func bestFollowsTheDirection() throws {
        let values: [Double] = [3, 1, 4, 1.5, 9, 2.6]
        let trials = values.enumerated().map { n, v in
            Trial(number: n, state: .complete, params: ["x0": .float(Double(n)), "x1": .float(v)], value: v)
        }
        var maxConfig = branin
        maxConfig.metric.goal = .maximize
        let minHTML = SweepReport(config: branin, record: Synthetic.record("b", direction: .minimize), trials: trials).html()
        let maxHTML = SweepReport(config: maxConfig, record: Synthetic.record("b", direction: .maximize), trials: trials).html()
        #expect(minHTML.contains("<div class=\"v\">1</div><div class=\"d\">trial #1:"))
        #expect(maxHTML.contains("<div class=\"v\">9</div><div class=\"d\">trial #4:"))
        #expect(minHTML.contains("<tr class=\"best\"><td class=\"num\">1</td><td class=\"num\">#1</td>"))
        #expect(maxHTML.contains("<tr class=\"best\"><td class=\"num\">1</td><td class=\"num\">#4</td>"))
        #expect(minHTML.contains("value (minimize ↓)") && maxHTML.contains("value (maximize ↑)"))
        // Best-so-far steps: minimize improves at 0 and 1; maximize at 0, 2 and 4.
        func steps(_ html: String) -> Int {
            guard let history = svgElements(html).first(where: { $0.contains("data-plot=\"history\"") }),
                  let r = history.range(of: "class=\"best-line\""),
                  let d = history[..<r.lowerBound].range(of: "d=\"", options: .backwards) else { return -1 }
            return history[d.upperBound..<r.lowerBound].filter { $0 == "V" }.count
        }
        #expect(steps(minHTML) == 1)
        #expect(steps(maxHTML) == 2)
        // The best star sits on the best trial.
        #expect(minHTML.contains("<title>best: #1 complete"))
        #expect(maxHTML.contains("<title>best: #4 complete"))
    }

    @Test func categoricalLogAndConditionalParameters() throws {
        let config = try SweepConfig.parse(yaml: Synthetic.mixedYAML)
        let trials = try Synthetic.trials(config.space, count: 120, steps: 12) { p in
            (log10(p["lr"]!.doubleValue!) + 3) * (log10(p["lr"]!.doubleValue!) + 3) + (p["activation"] == "tanh" ? 1 : 0)
        }
        let html = SweepReport(config: config, record: Synthetic.record("mixed"), trials: trials).html()
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        #expect(plotNames(html).filter { $0 == "slice" }.count == 5)
        #expect(Set(plotNames(html)).isSuperset(of: ["history", "importance", "parallel-coordinates", "learning-curves"]))
        #expect(html.contains(">lr (log)</text>"))  // log axis
        #expect(html.contains(">1e-5</text>") || html.contains(">0.0001</text>"))  // decade ticks
        for category in ["relu", "tanh", "gelu", "sgd", "adam"] { #expect(html.contains(">\(category)</text>")) }
        #expect(html.contains(">n/a</text>"))  // inactive momentum in parallel coordinates
        let active = trials.filter { $0.params["momentum"] != nil }.count
        #expect(html.contains("active in \(active) of 120 trials"))
        #expect(html.contains("momentum *"))  // conditional mark in importance
        // Importance ranks lr first and says which method it used.
        let importance = try #require(html.range(of: "data-plot=\"importance\""))
        #expect(html[importance.upperBound...].contains(">lr</text>"))
        #expect(html.contains("fANOVA main effects (Hutter, Hoos &amp; Leyton-Brown 2014)"))
        // Failed, pruned and complete each have their own look.
        for cls in ["m-complete", "m-pruned", "m-failed", "lc-complete", "lc-pruned", "pc-failed", "pc-pruned"] {
            #expect(html.contains("class=\"\(cls)\""), "\(cls)")
        }
    }

    @Test func tenThousandTrialsStaySmallAndSayWhatTheyShow() throws {
        let config = try SweepConfig.parse(yaml: Synthetic.mixedYAML)
        let trials = try Synthetic.trials(config.space, count: 10_000, steps: 30) { p in
            abs(log10(p["lr"]!.doubleValue!) + 2) + Double(p["layers"]!.intValue!) * 0.1
        }
        let html = SweepReport(config: config, record: Synthetic.record("mixed"), trials: trials).html()
        #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        #expect(html.contains("Showing 2,000 of 10,000 finished trials: every best-so-far improvement plus an evenly spaced sample"))
        #expect(html.contains("Showing 150 of 10,000 curves"))
        #expect(html.contains("complete trials: the 50 best plus an evenly spaced sample"))
        #expect(html.contains("a seeded sample of 2,000 of the"))
        let history = try #require(svgElements(html).first { $0.contains("data-plot=\"history\"") })
        let marks = occurrences("<circle", in: history) + occurrences("class=\"m-failed\"", in: history)
        #expect(marks > 1_900 && marks <= 2_001)
        // The best trial is drawn even though most trials are not.
        let best = try #require(trials.best(.minimize))
        #expect(history.contains("<title>best: #\(best.number) complete"))
        #expect(html.contains("<div class=\"v\">10,000</div>"))
    }

    @Test func manyParametersShareTheBudget() throws {
        let space = try SearchSpace((0..<40).map { Parameter.float("p\($0)", 0, 1) })
        let trials = try Synthetic.trials(space, count: 1_000) { p in p["p3"]!.doubleValue! * 3 + p["p17"]!.doubleValue! }
        var options = SweepReport.Options()
        options.importance.trees = 8  // keeps the debug-build test quick; the default is 32
        let html = SweepReport(config: nil, record: Synthetic.record("wide"), trials: trials, options: options).html()
        #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
        #expect(plotNames(html).filter { $0 == "slice" }.count == 40)
        #expect(html.contains("Showing 16 of 40 parameters (the most important)."))
        #expect(html.contains("Plots with more than 300 points show every best-so-far improvement"))
        let pc = try #require(svgElements(html).first { $0.contains("data-plot=\"parallel-coordinates\"") })
        #expect(pc.contains(">p3</text>") && pc.contains(">p17</text>"))
        #expect(!html.contains("(log)"))  // uniform values on [0, 1] are not mistaken for a log range
    }

    @Test func rungViewFromSchedulerAttributes() throws {
        let (config, trials) = try Synthetic.rungSweep()
        let html = SweepReport(config: config, record: Synthetic.record("hb"), trials: trials).html()
        #expect(plotNames(html).filter { $0 == "rungs" }.count == 2)
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        #expect(html.contains(">rung 2 (9)</text>"))
        #expect(html.contains("<tr><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">9</td><td class=\"num\">3</td>"))
        #expect(html.contains("— promoted</title>") && html.contains("— stopped here</title>") && html.contains("— completed the top rung</title>"))
        #expect(html.contains("— failed here</title>"))
        // Without the attributes, no rung view.
        let plain = trials.map { t -> Trial in var t = t; t.attributes = [:]; return t }
        #expect(!SweepReport(config: config, record: Synthetic.record("hb"), trials: plain).html().contains("id=\"rungs\""))
    }

    @Test func libraryStudiesWithoutAConfigInferTheParameters() throws {
        let space = try SearchSpace([.float("a", 0.001, 10, log: true), .int("b", 1, 5), .categorical("c", ["x", "y"])])
        var trials = try Synthetic.trials(space, count: 40) { p in p["a"]!.doubleValue! }
        trials[0].params["extra <b>"] = .float(1)  // define-by-run, in one trial only
        let html = SweepReport(config: nil, record: Synthetic.record("lib"), trials: trials).html()
        #expect(svgElements(html).allSatisfy(isWellFormedXML))
        #expect(plotNames(html).filter { $0 == "slice" }.count == 4)
        #expect(html.contains("range inferred from the trials"))
        #expect(html.contains(">a (log)</text>"))
        #expect(html.contains("extra &lt;b&gt;") && !html.contains("extra <b>"))
        #expect(html.contains("id=\"importance\"") && html.contains("data-plot=\"importance\""))
    }

    @Test func writesToTheDefaultPlaceNextToTheDatabase() throws {
        let dir = try makeTemporaryDirectory()
        #expect(SweepReport.defaultURL(location: .sqlite(path: "sweeps/x.sqlite"), sweepName: "x").relativePath == "sweeps/x.html")
        #expect(SweepReport.defaultURL(location: .postgres(url: "postgresql://h/db"), sweepName: "x").relativePath == "reports/x.html")
        let url = dir.appendingPathComponent("deep/er/r.html")
        try SweepReport(config: branin, record: Synthetic.record("b"), trials: []).write(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("No trial has finished yet.") && !text.contains("data-plot=\"slice\""))
        if let ro = ReadOnlyDirectory.make() {
            #expect(throws: ReportError.self) {
                try SweepReport(config: branin, record: Synthetic.record("b"), trials: []).write(to: ro.url.appendingPathComponent("r.html"))
            }
        }
    }

    /// Renders a 3,000-trial report (every plot decimated) and a rung view in headless Chromium
    /// (scripts/check-report) when chromium is installed.
    @Test(.enabled(if: BrowserCheck.isAvailable, "needs chromium (apt-get install chromium)"), .timeLimit(.minutes(5)))
    func largeAndRungReportsRenderInARealBrowser() throws {
        let dir = try makeTemporaryDirectory("sweep-browser")
        let config = try SweepConfig.parse(yaml: Synthetic.mixedYAML)
        let big = try Synthetic.trials(config.space, count: 3_000, steps: 30) { p in abs(log10(p["lr"]!.doubleValue!) + 2) }
        try SweepReport(config: config, record: Synthetic.record("mixed"), trials: big).write(to: dir.appendingPathComponent("large.html"))
        let (hb, rungTrials) = try Synthetic.rungSweep()
        try SweepReport(config: hb, record: Synthetic.record("hb"), trials: rungTrials).write(to: dir.appendingPathComponent("rungs.html"))
        let check = try BrowserCheck.run(
            ["--out", dir.path, dir.appendingPathComponent("large.html").path, dir.appendingPathComponent("rungs.html").path], logIn: dir)
        #expect(check.status == 0, "\(check.log)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("rungs.png").path))
    }

    @Test func numbersAreShownAtSensiblePrecision() {
        #expect(ReportText.value(0.39788735772973816) == "0.397887")
        #expect(ReportText.value(1234567.891) == "1.23457e+06")
        #expect(ReportText.value(1.5e-7) == "1.5000e-07")
        #expect(ReportText.value(nil) == "-" && ReportText.value(.nan) == "nan")
        #expect(ReportText.short(0.0001234) == "1.23e-04")
        #expect(ReportText.count(10_000) == "10,000" && ReportText.count(999) == "999")
        #expect(ReportText.duration(0.25) == "250ms" && ReportText.duration(245) == "4m05s")
    }
}
