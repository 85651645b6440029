import Foundation
@testable import Sweep
import SweepCore
import SweepTestSupport
import Testing

/// The MLflow mapping, batching, URL handling and error messages, without a server (the export against
/// a real `mlflow server` is `MLflowCLITests`, run by scripts/test).
@Suite struct MLflowExportTests {
    static let sweep = MLflowSweepInfo(name: "s1", method: "asha", metric: "val_loss", direction: .minimize,
                                       createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    static let start = Date(timeIntervalSince1970: 1_800_000_000.25)

    @Test func trialBecomesARunWithExactParamsHistoryAndTags() throws {
        let awkward = [0.1 + 0.2, 1e-300, -123456789.123456789, 5e15, .pi]
        for (n, v) in awkward.enumerated() {
            let t = Trial(number: n, state: .complete, params: ["lr": .float(v), "layers": .int(n), "act": "tanh", "bn": true],
                          value: v / 3, intermediateValues: [3: v, 1: v * 2], startedAt: Self.start,
                          finishedAt: Self.start.addingTimeInterval(2.5))
            let plan = MLflowRunPlan.plan(for: t, sweep: Self.sweep, isBest: n == 2)
            #expect(plan.runName == "trial-\(n)" && plan.status == "FINISHED")
            #expect(plan.startTime == 1_800_000_000_250 && plan.endTime == 1_800_000_002_750)
            #expect(plan.params.map(\.key) == ["act", "bn", "layers", "lr"])
            let lr = try #require(plan.params.first { $0.key == "lr" }?.value)
            #expect(Double(lr)?.bitPattern == v.bitPattern && lr == v.description)  // shortest round-trip text
            #expect(plan.params.contains { $0 == (key: "layers", value: String(n)) })
            #expect(plan.params.contains { $0 == (key: "bn", value: "true") })
            // History in step order at the start time, then the final value (different from step 3's) at the end.
            #expect(plan.metrics.map(\.step) == [1, 3, 3])
            #expect(plan.metrics.map(\.value) == [v * 2, v, v / 3])
            #expect(plan.metrics.map(\.timestamp) == [1_800_000_000_250, 1_800_000_000_250, 1_800_000_002_750])
            #expect(plan.metrics.allSatisfy { $0.key == "val_loss" })
            #expect(plan.tags == ["mlflow.runName": "trial-\(n)", "sweep.name": "s1", "sweep.trial": String(n),
                                  "sweep.state": "complete", "sweep.method": "asha", "sweep.best": n == 2 ? "true" : "false"])
        }
    }

    @Test func statesMapToMLflowStatusesAndFinalValueIsNotRepeated() {
        let pruned = Trial(number: 4, state: .pruned, params: ["x": 1.5], value: 0.75, intermediateValues: [1: 0.9, 2: 0.75],
                           startedAt: Self.start, finishedAt: Self.start.addingTimeInterval(1))
        let p = MLflowRunPlan.plan(for: pruned, sweep: Self.sweep, isBest: false)
        #expect(p.status == "KILLED" && p.tags["sweep.state"] == "pruned")
        #expect(p.metrics.map(\.step) == [1, 2])  // the final value is the last point already

        let noSteps = Trial(number: 5, state: .complete, value: 2, startedAt: Self.start, finishedAt: Self.start)
        #expect(MLflowRunPlan.plan(for: noSteps, sweep: Self.sweep, isBest: true).metrics
                == [MLflowMetric(key: "val_loss", value: 2, timestamp: 1_800_000_000_250, step: 0)])

        let longReason = "line\n" + String(repeating: "x", count: 9000) + "END"
        let failed = Trial(number: 6, state: .failed, startedAt: Self.start, finishedAt: Self.start, failureReason: longReason)
        let f = MLflowRunPlan.plan(for: failed, sweep: Self.sweep, isBest: false)
        #expect(f.status == "FAILED" && f.metrics.isEmpty)
        let reason = f.tags["sweep.failure_reason"] ?? ""
        #expect(reason.count == MLflowRunPlan.maxTagValueLength && reason.hasSuffix("xEND") && reason.hasPrefix("…"))

        let running = Trial(number: 7, state: .running, intermediateValues: [1: 3], startedAt: Self.start)
        let r = MLflowRunPlan.plan(for: running, sweep: Self.sweep, isBest: false)
        #expect(r.status == "RUNNING" && r.endTime == nil && r.metrics.count == 1)
        #expect(MLflowRunPlan.plan(for: Trial(number: 8, state: .waiting), sweep: Self.sweep, isBest: false).status == "SCHEDULED")
    }

    @Test func samePointIgnoresTimestampsButNotValueBits() {
        let a = MLflowMetric(key: "m", value: 0.1 + 0.2, timestamp: 5, step: 2)
        #expect(a.isSamePoint(as: MLflowMetric(key: "m", value: 0.1 + 0.2, timestamp: 99, step: 2)))
        #expect(!a.isSamePoint(as: MLflowMetric(key: "m", value: 0.3, timestamp: 5, step: 2)))
        #expect(!a.isSamePoint(as: MLflowMetric(key: "m", value: 0.1 + 0.2, timestamp: 5, step: 3)))
        #expect(MLflowMetric(key: "m", value: .nan, timestamp: 0, step: 0).isSamePoint(as: MLflowMetric(key: "m", value: .nan, timestamp: 1, step: 0)))
        #expect(!MLflowMetric(key: "m", value: .nan, timestamp: 0, step: 0).isSamePoint(as: MLflowMetric(key: "m", value: 0, timestamp: 0, step: 0)))
        // MLflow's SQL store keeps infinity as the largest finite double: a re-export must recognise it.
        let inf = MLflowMetric(key: "m", value: .infinity, timestamp: 0, step: 1)
        #expect(inf.isSamePoint(as: MLflowMetric(key: "m", value: .greatestFiniteMagnitude, timestamp: 7, step: 1)))
        #expect(!inf.isSamePoint(as: MLflowMetric(key: "m", value: -.greatestFiniteMagnitude, timestamp: 7, step: 1)))
    }

    @Test func batchesRespectMLflowLimitsAndKeepOrder() {
        let metrics = (0..<2500).map { MLflowMetric(key: "m", value: Double($0), timestamp: 0, step: $0) }
        let params = (0..<250).map { MLflowTag("p\($0)", "\($0)") }
        let tags = (0..<130).map { MLflowTag("t\($0)", "\($0)") }
        let batches = MLflowBatch.split(metrics: metrics, params: params, tags: tags)
        for b in batches {
            #expect(b.metrics.count <= MLflowBatch.maxMetrics && b.params.count <= MLflowBatch.maxParams)
            #expect(b.tags.count <= MLflowBatch.maxTags && b.count <= MLflowBatch.maxEntities && b.count > 0)
        }
        #expect(batches.flatMap(\.metrics) == metrics)
        #expect(batches.flatMap(\.params) == params)
        #expect(batches.flatMap(\.tags) == tags)
        // 250 params need 3 requests, and 3 hold all 2880 entities.
        #expect(batches.count == 3)
        #expect(MLflowBatch.split(metrics: Array(metrics.prefix(1000)), params: [], tags: []).count == 1)
        #expect(MLflowBatch.split(metrics: [], params: [], tags: []).isEmpty)
    }

    @Test func urlCredentialsBecomeBasicAuthAndNeverShow() throws {
        let c = try MLflowClient(url: "http://alice:s3cr%40t@mlflow.example:5000/prefix/", environment: ["MLFLOW_TRACKING_TOKEN": "tok"])
        #expect(c.baseURL == "http://mlflow.example:5000/prefix")
        #expect(!c.displayURL.contains("s3cr") && c.displayURL.contains("alice:***@"))
        #expect(c.authorization == "Basic " + Data("alice:s3cr@t".utf8).base64EncodedString())  // URL credentials win
        let token = try MLflowClient(url: "https://mlflow.example", environment: ["MLFLOW_TRACKING_TOKEN": "tok"])
        #expect(token.baseURL == "https://mlflow.example" && token.displayURL == "https://mlflow.example")
        #expect(token.authorization == "Bearer tok")
        #expect(try MLflowClient(url: "http://h:5000", environment: [:]).authorization == nil)

        for (bad, reason) in [("ftp://host", "scheme"), ("http://", "host"), ("localhost:5000", "scheme"), ("http://u:hunter2@h?x=1", "query")] {
            #expect {
                try MLflowClient(url: bad, environment: [:])
            } throws: { error in
                guard let e = error as? MLflowError, e.isInputError else { return false }
                return e.description.contains(reason) && !e.description.contains("hunter2")
            }
        }
    }

    @Test func unreachableServerIsATypedErrorNamingTheURLWithoutPassword() throws {
        // A port nothing listens on: bind one, close it.
        var client = try MLflowClient(url: "http://bob:pw123@127.0.0.1:\(closedLocalPort())", environment: [:])
        client.retries = 1
        #expect {
            try client.call("experiments/get-by-name", query: [("experiment_name", "x")])
        } throws: { error in
            guard case let .unreachable(url, _)? = error as? MLflowError else { return false }
            let text = "\(error)"
            return url.contains("/api/2.0/mlflow/experiments/get-by-name") && url.contains("bob:***@") && !text.contains("pw123")
        }
    }

    @Test func artifactProxyPathsAndServerErrors() throws {
        #expect(try MLflowExport.proxyPath(artifactURI: "mlflow-artifacts:/3/abc/artifacts", run: "abc") == "3/abc/artifacts")
        #expect(try MLflowExport.proxyPath(artifactURI: "mlflow-artifacts://h:5000/3/abc/artifacts/", run: "abc") == "3/abc/artifacts")
        #expect(throws: MLflowError.noArtifactProxy(run: "abc", artifactURI: "/srv/mlruns/3/abc/artifacts")) {
            try MLflowExport.proxyPath(artifactURI: "/srv/mlruns/3/abc/artifacts", run: "abc")
        }
        let e = MLflowError.server(url: "http://h/api/2.0/mlflow/runs/create", status: 400, errorCode: "INVALID_PARAMETER_VALUE", message: "bad key")
        #expect(e.description.contains("INVALID_PARAMETER_VALUE") && e.description.contains("http://h/api/2.0/mlflow/runs/create") && !e.isInputError)
        #expect(!e.isTransient)
        #expect(MLflowError.server(url: "u", status: 503, errorCode: nil, message: "busy").isTransient)
        #expect(MLflowError.unreachable(url: "u", reason: "timed out").isTransient)
        #expect(!MLflowError.invalidURL("u", reason: "r").isTransient)
    }
}
