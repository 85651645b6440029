import Foundation
import SweepCore

/// The report's tables: top trials, failures and run metadata.
enum ReportTables {
    static func stateBadge(_ s: TrialState) -> String {
        "<span class=\"state \(s.rawValue)\">\(s.rawValue)</span>"
    }

    /// The best `limit` complete trials, best first.
    static func topTrials(_ m: ReportModel, limit: Int) -> String? {
        guard !m.ranked.isEmpty else { return nil }
        let rows = m.ranked.prefix(limit)
        let showSteps = rows.contains { !$0.intermediateValues.isEmpty }
        let cost = CostMetrics.names(in: Array(rows))
        var html = "<div class=\"table-wrap\"><table>" + ReportCostColumns.colgroups(leading: 4 + m.parameters.count + (showSteps ? 1 : 0), cost: cost)
            + "<thead><tr><th class=\"num\">rank</th><th class=\"num\">trial</th><th class=\"num\">"
            + ReportText.escape(m.metric) + "</th>"
        for p in m.parameters { html += "<th class=\"num\">" + ReportText.escape(p.name) + "</th>" }
        if showSteps { html += "<th class=\"num\">steps</th>" }
        html += "<th class=\"num\">duration</th>" + ReportCostColumns.headers(cost) + "</tr></thead><tbody>"
        for (i, t) in rows.enumerated() {
            html += i == 0 ? "<tr class=\"best\">" : "<tr>"
            html += "<td class=\"num\">\(i + 1)</td><td class=\"num\">#\(t.number)</td><td class=\"num\">" + ReportText.value(t.value) + "</td>"
            for p in m.parameters {
                let cell = t.params[p.name].map { ReportText.escape(ReportText.param($0)) } ?? "<span class=\"note\">n/a</span>"
                html += "<td class=\"num\">" + cell + "</td>"
            }
            if showSteps { html += "<td class=\"num\">\(t.intermediateValues.count)</td>" }
            html += "<td class=\"num\">" + ReportText.duration(t.duration) + "</td>" + ReportCostColumns.cells(cost, of: t) + "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    /// Failed trials grouped by the first line of their reason (at most 12 groups).
    static func failures(_ m: ReportModel) -> String? {
        let failed = m.trials.filter { $0.state == .failed }
        guard !failed.isEmpty else { return nil }
        var groups: [String: [Trial]] = [:]
        var order: [String] = []
        for t in failed {
            let reason = t.failureReason ?? "no reason recorded"
            let key = String((reason.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? reason).prefix(160))
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(t)
        }
        order.sort { groups[$0]!.count > groups[$1]!.count }
        var html = "<div class=\"table-wrap\"><table><thead><tr><th>trials</th><th>examples</th><th>reason (first example)</th></tr></thead><tbody>"
        for key in order.prefix(12) {
            let ts = groups[key]!
            let examples = ts.prefix(6).map { "#\($0.number)" }.joined(separator: ", ") + (ts.count > 6 ? ", …" : "")
            let text = String((ts[0].failureReason ?? "no reason recorded").prefix(800))
            html += "<tr><td class=\"num\">\(ts.count)</td><td>\(examples)</td><td class=\"reason\">" + ReportText.escape(text) + "</td></tr>"
        }
        html += "</tbody></table></div>"
        if order.count > 12 { html += "<p class=\"note\">\(order.count - 12) more distinct reasons not shown (see sweep trials --state failed).</p>" }
        return html
    }

    /// Key–value rows describing the run, and the config text.
    static func metadata(_ report: SweepReport, _ m: ReportModel) -> String {
        var rows: [(String, String)] = []
        let r = report.record
        rows.append(("sweep", r.name))
        if let s = report.storage { rows.append(("storage", s)) }
        rows.append(("created", ReportText.timestamp(r.createdAt)))
        rows.append(("metric", "\(m.metric), \(r.direction.rawValue)"))
        rows.append(("seed", String(r.seed)))
        if let config = report.config {
            var method = config.method.name
            if !config.method.options.isEmpty {
                method += " " + AttributeValue.object(config.method.options).jsonText
            }
            rows.append(("method", method))
            rows.append(("objective", config.objective.spec.summary))
            var budget = "trials \(config.budget.trials.map(String.init) ?? "unlimited"), workers \(config.budget.workers)"
            if let t = config.budget.timeLimit { budget += ", time limit " + ReportText.duration(t) }
            if let f = config.budget.maxFailed { budget += ", max failed \(f)" }
            rows.append(("budget", budget))
            if let p = config.pruner {
                rows.append(("pruner", p.name + (p.options.isEmpty ? "" : " " + AttributeValue.object(p.options).jsonText)))
            }
            rows.append(("parameters", config.space.parameters.map { p in
                "\(p.name): \(p.domain)" + (p.condition.map { " when \($0)" } ?? "")
            }.joined(separator: "; ")))
        }
        rows.append(("trials", ReportText.count(m.trials.count) + " — " + TrialState.allCases.compactMap { s in
            m.count(s) > 0 ? "\(ReportText.count(m.count(s))) \(s.rawValue)" : nil
        }.joined(separator: ", ")))
        let starts = m.trials.compactMap(\.startedAt)
        let ends = m.trials.compactMap(\.finishedAt)
        if let first = starts.min() { rows.append(("first trial started", ReportText.timestamp(first))) }
        if let last = ends.max() { rows.append(("last trial finished", ReportText.timestamp(last))) }
        if let first = starts.min(), let last = ends.max(), last >= first {
            rows.append(("wall-clock span", ReportText.duration(last.timeIntervalSince(first))))
        }
        let durations = m.trials.compactMap(\.duration).filter { $0.isFinite && $0 >= 0 }.sorted()
        if !durations.isEmpty {
            let total = durations.reduce(0, +)
            rows.append(("trial time", "total \(ReportText.duration(total)); per trial median \(ReportText.duration(durations[durations.count / 2])), "
                         + "mean \(ReportText.duration(total / Double(durations.count))), max \(ReportText.duration(durations.last!))"))
        }
        rows.append(("versions", "sweep \(SweepVersion.version), \(SweepVersion.compiler), \(SweepVersion.operatingSystem)"))
        rows.append(("generated", ReportText.timestamp(report.generatedAt)))
        var html = "<table class=\"meta\"><tbody>"
        for (k, v) in rows { html += "<tr><th>" + ReportText.escape(k) + "</th><td>" + ReportText.escape(v) + "</td></tr>" }
        html += "</tbody></table>"
        let source = report.config?.source ?? ConfigRedaction.redactingURLPasswords(in: r.configSource)
        if !source.isEmpty {
            html += "<h3>Config</h3><pre>" + ReportText.escape(source) + "</pre>"
        }
        return html
    }
}
