import Foundation
import SweepCore

/// Writes a sweep's trials to an MLflow tracking server, idempotently.
///
/// The experiment is found by name or created. Every trial becomes one run `trial-N` (a child of one
/// parent run named after the sweep, via `mlflow.parentRunId`); runs are found again by their
/// `sweep.name` and `sweep.trial` tags, so exporting twice updates the same runs, logs only the
/// params and metric points that are missing, and adds runs for trials that are new. With a
/// checkpoint, it is uploaded as `model/best.ckpt` to the best trial's run, tagged `sweep.best=true`.
public struct MLflowExport {
    /// The server.
    public let client: MLflowClient
    /// The sweep being exported.
    public let sweep: MLflowSweepInfo

    public init(client: MLflowClient, sweep: MLflowSweepInfo) {
        self.client = client
        self.sweep = sweep
    }

    /// What an export did.
    public struct Summary: Sendable, Equatable {
        /// The experiment's id (created or found).
        public var experimentID = ""
        /// The sweep's parent run.
        public var parentRunID = ""
        /// Runs created for trials not exported before.
        public var runsCreated = 0
        /// Runs found again (by their tags) and updated.
        public var runsUpdated = 0
        /// Metric points logged by this export (points already on the server are not logged again).
        public var metricPointsLogged = 0
        /// Params logged by this export.
        public var paramsLogged = 0
        /// The best trial's run id, when there is a best trial.
        public var bestRunID: String?
        /// The artifact path uploaded (`model/best.ckpt`), when a model was given.
        public var artifact: String?
    }

    /// A run already on the server.
    struct ExistingRun {
        var id: String
        var artifactURI: String
        var params: [String: String]
        var tags: [String: String]
    }

    /// Exports `trials` into `experiment`; `bestModel` is the best trial's checkpoint bytes, if any.
    /// - Throws: ``MLflowError``.
    public func run(trials: [Trial], experiment: String, bestModel: (trial: Int, data: Data)? = nil) throws -> Summary {
        var summary = Summary()
        let experimentID = try experimentID(named: experiment)
        summary.experimentID = experimentID
        let (parent, existing) = try existingRuns(experiment: experimentID)
        let best = trials.best(sweep.direction)

        summary.parentRunID = try syncParent(parent, experiment: experimentID, trials: trials, best: best)
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            let plan = MLflowRunPlan.plan(for: trial, sweep: sweep, isBest: trial.number == best?.number)
            var run: ExistingRun
            var newMetrics = plan.metrics
            var newParams = plan.params.map { MLflowTag($0.key, $0.value) }
            if let found = existing[trial.number] {
                run = found
                summary.runsUpdated += 1
                newParams.removeAll { found.params[$0.key] != nil }
                if !newMetrics.isEmpty {
                    let logged = try history(run: found.id, key: sweep.metric)
                    newMetrics.removeAll { m in logged.contains { $0.isSamePoint(as: m) } }
                }
            } else {
                run = try createRun(experiment: experimentID, name: plan.runName, start: plan.startTime ?? plan.endTime,
                                    tags: ["sweep.name": sweep.name, "sweep.trial": String(trial.number),
                                           "mlflow.parentRunId": summary.parentRunID])
                summary.runsCreated += 1
            }
            var tags = plan.tags
            tags["mlflow.parentRunId"] = summary.parentRunID
            try logBatches(run: run.id, metrics: newMetrics, params: newParams,
                           tags: tags.sorted { $0.key < $1.key }.map { MLflowTag($0.key, $0.value) })
            summary.metricPointsLogged += newMetrics.count
            summary.paramsLogged += newParams.count
            try update(run: run.id, name: plan.runName, status: plan.status, end: plan.endTime)
            if trial.number == best?.number {
                summary.bestRunID = run.id
                if let bestModel, bestModel.trial == trial.number {
                    try client.putArtifact(path: try MLflowExport.proxyPath(artifactURI: run.artifactURI, run: run.id) + "/model/best.ckpt",
                                           data: bestModel.data)
                    summary.artifact = "model/best.ckpt"
                }
            }
        }
        return summary
    }

    /// The id of the experiment called `name`, created when missing.
    func experimentID(named name: String) throws -> String {
        if let id = try findExperiment(name) { return id }
        do {
            let created = try client.call("experiments/create", body: .object(["name": .string(name)]))
            guard let id = created.field("experiment_id") else {
                throw MLflowError.badResponse(url: client.displayURL + "/api/2.0/mlflow/experiments/create", reason: "no experiment_id")
            }
            return id
        } catch let MLflowError.server(_, _, code, _) where code == "RESOURCE_ALREADY_EXISTS" {
            // Created meanwhile by another export, or deleted (a deleted experiment keeps its name).
            if let id = try findExperiment(name) { return id }
            throw MLflowError.server(url: client.displayURL + "/api/2.0/mlflow/experiments/create", status: 400, errorCode: code,
                                     message: "experiment '\(name)' exists but is deleted; restore it (mlflow experiments restore) or pass another --experiment")
        }
    }

    private func findExperiment(_ name: String) throws -> String? {
        do {
            let found = try client.call("experiments/get-by-name", query: [("experiment_name", name)])
            guard case let .object(o) = found, let exp = o["experiment"], let id = exp.field("experiment_id") else {
                throw MLflowError.badResponse(url: client.displayURL + "/api/2.0/mlflow/experiments/get-by-name", reason: "no experiment in the answer")
            }
            if exp.field("lifecycle_stage") == "deleted" { return nil }
            return id
        } catch let MLflowError.server(_, status, code, _) where status == 404 || code == "RESOURCE_DOES_NOT_EXIST" {
            return nil
        }
    }

    /// This sweep's runs in the experiment: the parent run and the trials' runs by trial number (the
    /// oldest run when several carry the same trial).
    func existingRuns(experiment: String) throws -> (parent: ExistingRun?, trials: [Int: ExistingRun]) {
        var parent: ExistingRun?
        var byTrial: [Int: ExistingRun] = [:]
        var token: String?
        repeat {
            var body: [String: AttributeValue] = [
                "experiment_ids": .array([.string(experiment)]),
                "filter": .string("tags.`sweep.name` = '\(sweep.name)'"),
                "max_results": 1000,
                "order_by": .array([.string("attributes.start_time ASC")]),
            ]
            if let token { body["page_token"] = .string(token) }
            let answer = try client.call("runs/search", body: .object(body))
            guard case let .object(o) = answer else {
                throw MLflowError.badResponse(url: client.displayURL + "/api/2.0/mlflow/runs/search", reason: "not an object")
            }
            for item in o["runs"]?.items ?? [] {
                guard let run = MLflowExport.parseRun(item) else { continue }
                if run.tags["sweep.role"] == "parent" {
                    if parent == nil { parent = run }
                } else if let n = run.tags["sweep.trial"].flatMap({ Int($0) }), byTrial[n] == nil {
                    byTrial[n] = run
                }
            }
            token = o["next_page_token"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return (parent, byTrial)
    }

    static func parseRun(_ item: AttributeValue) -> ExistingRun? {
        guard case let .object(o) = item, let info = o["info"], let id = info.field("run_id") else { return nil }
        func pairs(_ v: AttributeValue?) -> [String: String] {
            var out: [String: String] = [:]
            for p in v?.items ?? [] { if let k = p.field("key") { out[k] = p.field("value") ?? "" } }
            return out
        }
        let data = o["data"]
        return ExistingRun(id: id, artifactURI: info.field("artifact_uri") ?? "", params: pairs(data?.member("params")),
                           tags: pairs(data?.member("tags")))
    }

    /// Creates or updates the sweep's parent run; returns its id.
    func syncParent(_ parent: ExistingRun?, experiment: String, trials: [Trial], best: Trial?) throws -> String {
        let id = try parent?.id ?? createRun(experiment: experiment, name: sweep.name,
                                             start: MLflowRunPlan.milliseconds(sweep.createdAt),
                                             tags: ["sweep.name": sweep.name, "sweep.role": "parent"]).id
        var tags = ["mlflow.runName": sweep.name, "sweep.name": sweep.name, "sweep.role": "parent",
                    "sweep.method": sweep.method, "sweep.metric": sweep.metric, "sweep.direction": sweep.direction.rawValue,
                    "sweep.trials": String(trials.count)]
        if let best { tags["sweep.best_trial"] = String(best.number) }
        try logBatches(run: id, metrics: [], params: [], tags: tags.sorted { $0.key < $1.key }.map { MLflowTag($0.key, $0.value) })
        let finished = !trials.isEmpty && trials.allSatisfy { $0.state.isFinished }
        let end = finished ? trials.compactMap(\.finishedAt).max().map(MLflowRunPlan.milliseconds) : nil
        try update(run: id, name: sweep.name, status: finished ? "FINISHED" : "RUNNING", end: end)
        return id
    }

    /// Creates a run. A create that failed without a clear answer may still have created the run, and
    /// retrying it blindly would duplicate it: so it is tried once, then the run is looked for by its
    /// tags (`tags` must identify it), and only created again when it is not there.
    func createRun(experiment: String, name: String, start: Int64?, tags: [String: String]) throws -> ExistingRun {
        var once = client
        once.retries = 0
        do {
            return try createRun(with: once, experiment: experiment, name: name, start: start, tags: tags)
        } catch let error as MLflowError where error.isTransient {
            Thread.sleep(forTimeInterval: 0.5)
            let filter = tags.filter { $0.key.hasPrefix("sweep.") }.sorted { $0.key < $1.key }
                .map { "tags.`\($0.key)` = '\($0.value)'" }.joined(separator: " and ")
            let found = try client.call("runs/search", body: .object([
                "experiment_ids": .array([.string(experiment)]), "filter": .string(filter), "max_results": 1,
            ]))
            if let run = found.member("runs")?.items.first.flatMap(MLflowExport.parseRun) { return run }
            return try createRun(with: client, experiment: experiment, name: name, start: start, tags: tags)
        }
    }

    private func createRun(with client: MLflowClient, experiment: String, name: String, start: Int64?,
                           tags: [String: String]) throws -> ExistingRun {
        var body: [String: AttributeValue] = [
            "experiment_id": .string(experiment), "run_name": .string(name),
            "tags": .array(tags.sorted { $0.key < $1.key }.map { MLflowTag($0.key, $0.value).json }),
        ]
        if let start { body["start_time"] = .number(Double(start)) }
        let answer = try client.call("runs/create", body: .object(body))
        guard let run = answer.member("run").flatMap(MLflowExport.parseRun) else {
            throw MLflowError.badResponse(url: client.displayURL + "/api/2.0/mlflow/runs/create", reason: "no run in the answer")
        }
        return run
    }

    func update(run: String, name: String, status: String, end: Int64?) throws {
        var body: [String: AttributeValue] = ["run_id": .string(run), "status": .string(status), "run_name": .string(name)]
        if let end { body["end_time"] = .number(Double(end)) }
        try client.call("runs/update", body: .object(body))
    }

    func logBatches(run: String, metrics: [MLflowMetric], params: [MLflowTag], tags: [MLflowTag]) throws {
        for batch in MLflowBatch.split(metrics: metrics, params: params, tags: tags) {
            try client.call("runs/log-batch", body: batch.body(run: run))
        }
    }

    /// Every logged point of `key` in `run` (following pages).
    func history(run: String, key: String) throws -> [MLflowMetric] {
        var out: [MLflowMetric] = []
        var token: String?
        repeat {
            var query = [("run_id", run), ("metric_key", key), ("max_results", "25000")]
            if let token { query.append(("page_token", token)) }
            let answer = try client.call("metrics/get-history", query: query)
            for m in answer.member("metrics")?.items ?? [] {
                guard let value = m.member("value").flatMap(MLflowExport.number) else { continue }
                let step = m.member("step").flatMap(MLflowExport.number).map { Int(exactly: $0) ?? 0 } ?? 0
                let ts = m.member("timestamp").flatMap(MLflowExport.number).map { Int64(exactly: $0) ?? 0 } ?? 0
                out.append(MLflowMetric(key: key, value: value, timestamp: ts, step: step))
            }
            token = answer.member("next_page_token")?.string.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return out
    }

    /// A JSON number, or a protobuf-JSON string form of one (int64 and NaN/Infinity come as strings).
    static func number(_ v: AttributeValue) -> Double? {
        if let x = v.number { return x }
        if let s = v.string { return Double(s) }
        return nil
    }

    /// The path below the artifact proxy for a run's artifact URI: `mlflow-artifacts:/1/abc/artifacts`
    /// or `mlflow-artifacts://host:port/1/abc/artifacts` → `1/abc/artifacts`.
    /// - Throws: ``MLflowError/noArtifactProxy(run:artifactURI:)`` for any other scheme.
    public static func proxyPath(artifactURI: String, run: String) throws -> String {
        let scheme = "mlflow-artifacts:"
        guard artifactURI.hasPrefix(scheme) else { throw MLflowError.noArtifactProxy(run: run, artifactURI: artifactURI) }
        var rest = artifactURI.dropFirst(scheme.count)
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            rest = rest.drop { $0 != "/" }
        }
        let path = rest.split(separator: "/").joined(separator: "/")
        guard !path.isEmpty else { throw MLflowError.noArtifactProxy(run: run, artifactURI: artifactURI) }
        return path
    }
}

extension AttributeValue {
    /// The member `key` of an object.
    func member(_ key: String) -> AttributeValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    /// The member `key` of an object as text (strings as they are, numbers in shortest form).
    func field(_ key: String) -> String? {
        switch member(key) {
        case let .string(s)?: return s
        case let .number(x)?: return x == x.rounded() && abs(x) < 9e15 ? String(Int64(x)) : x.description
        case let .bool(b)?: return b ? "true" : "false"
        default: return nil
        }
    }

    /// The items of an array (empty otherwise).
    var items: [AttributeValue] {
        if case let .array(a) = self { return a }
        return []
    }
}
