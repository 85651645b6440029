import Foundation
import SweepCore

/// One point of an MLflow metric: `timestamp` in milliseconds since 1970, `step` the trial's step.
public struct MLflowMetric: Sendable, Hashable {
    /// The metric's name (the sweep's metric).
    public var key: String
    /// The value (NaN and ±infinity allowed; MLflow stores infinity as the largest double).
    public var value: Double
    /// Milliseconds since 1970.
    public var timestamp: Int64
    /// The trial's step (epoch, rung resource, …); 0 for a final value without steps.
    public var step: Int

    public init(key: String, value: Double, timestamp: Int64, step: Int) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.step = step
    }

    /// True when `other` is the same point of the same history (same key, step and value, bit for
    /// bit after ``stored(_:)``; any NaN equals any NaN). Timestamps are not compared, so a re-export
    /// recognises its own points.
    public func isSamePoint(as other: MLflowMetric) -> Bool {
        guard key == other.key && step == other.step else { return false }
        let (a, b) = (Self.stored(value), Self.stored(other.value))
        return a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern
    }

    /// The value as MLflow's SQL store keeps it: ±infinity becomes ±`Double.greatestFiniteMagnitude`.
    public static func stored(_ value: Double) -> Double {
        value.isInfinite ? (value > 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude) : value
    }

    /// The `{"key","value","timestamp","step"}` object of `runs/log-batch`; NaN and ±infinity as
    /// `"NaN"`/`"Infinity"`/`"-Infinity"` (protobuf JSON).
    var json: AttributeValue {
        .object(["key": .string(key), "value": .number(value), "timestamp": .number(Double(timestamp)),
                 "step": .number(Double(step))])
    }
}

/// What one trial becomes in MLflow: a run named `trial-N` with status, times, params, metric history
/// and tags. Pure data, computed by ``plan(for:sweep:isBest:)`` without talking to a server.
public struct MLflowRunPlan: Sendable, Equatable {
    /// The trial's number.
    public var trial: Int
    /// `trial-N`.
    public var runName: String
    /// MLflow's run status: `FINISHED` (complete), `KILLED` (pruned), `FAILED`, `RUNNING`, `SCHEDULED` (waiting).
    public var status: String
    /// Start, milliseconds since 1970 (nil when unknown).
    public var startTime: Int64?
    /// End, milliseconds since 1970 (nil while the trial is not finished).
    public var endTime: Int64?
    /// Parameters as MLflow strings (numbers in their shortest round-trip text), sorted by key.
    public var params: [(key: String, value: String)]
    /// The metric history: one point per intermediate value (timestamped at the trial's start), then
    /// the final value (timestamped at its end) unless it equals the value at the last step; so
    /// MLflow's latest value of the metric is the trial's final value. Then one point per recorded
    /// cost metric (``MLflowRunPlan/costMetrics(_:excluding:timestamp:step:)``).
    public var metrics: [MLflowMetric]
    /// Tags: `mlflow.runName`, `sweep.name`, `sweep.trial`, `sweep.state`, `sweep.method`,
    /// `sweep.best` (`true`/`false`) and, for failed trials, `sweep.failure_reason`.
    public var tags: [String: String]

    public static func == (a: MLflowRunPlan, b: MLflowRunPlan) -> Bool {
        a.trial == b.trial && a.runName == b.runName && a.status == b.status && a.startTime == b.startTime
            && a.endTime == b.endTime && a.params.elementsEqual(b.params, by: { $0 == $1 })
            && a.metrics == b.metrics && a.tags == b.tags
    }

    /// MLflow's limit on a tag value (characters); longer failure reasons are cut to their last part.
    public static let maxTagValueLength = 5000
    /// MLflow's limit on a param value in 2.x (characters).
    public static let maxParamValueLength = 6000

    /// MLflow status for a trial state.
    public static func status(_ state: TrialState) -> String {
        switch state {
        case .complete: return "FINISHED"
        case .pruned: return "KILLED"
        case .failed: return "FAILED"
        case .running: return "RUNNING"
        case .waiting: return "SCHEDULED"
        }
    }

    /// Milliseconds since 1970 (rounded down), as MLflow stores times.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The plan for `trial` of `sweep`; `isBest` sets the `sweep.best` tag.
    public static func plan(for trial: Trial, sweep: MLflowSweepInfo, isBest: Bool) -> MLflowRunPlan {
        let params = trial.params.sorted { $0.key < $1.key }.map { (key: $0.key, value: String($0.value.description.prefix(maxParamValueLength))) }
        let started = trial.startedAt.map(milliseconds)
        let ended = trial.finishedAt.map(milliseconds)
        var metrics: [MLflowMetric] = []
        let history = trial.sortedIntermediateValues
        for point in history {
            metrics.append(MLflowMetric(key: sweep.metric, value: point.value, timestamp: started ?? ended ?? 0, step: point.step))
        }
        if let value = trial.value {
            let last = history.last
            if last == nil || last!.value.bitPattern != value.bitPattern {
                metrics.append(MLflowMetric(key: sweep.metric, value: value, timestamp: ended ?? started ?? 0, step: last?.step ?? 0))
            }
        }
        metrics += costMetrics(trial, excluding: sweep.metric, timestamp: ended ?? started ?? 0, step: history.last?.step ?? 0)
        var tags = [
            "mlflow.runName": "trial-\(trial.number)",
            "sweep.name": sweep.name,
            "sweep.trial": String(trial.number),
            "sweep.state": trial.state.rawValue,
            "sweep.method": sweep.method,
            "sweep.best": isBest ? "true" : "false",
        ]
        if let reason = trial.failureReason {
            tags["sweep.failure_reason"] = reason.count > maxTagValueLength
                ? "…" + String(reason.suffix(maxTagValueLength - 1)) : reason
        }
        return MLflowRunPlan(trial: trial.number, runName: "trial-\(trial.number)", status: status(trial.state),
                             startTime: started, endTime: trial.state.isFinished ? ended : nil,
                             params: params, metrics: metrics, tags: tags)
    }
}

/// What the export needs to know about the sweep itself.
public struct MLflowSweepInfo: Sendable, Equatable {
    /// The sweep's name (tag `sweep.name`, and the default experiment).
    public var name: String
    /// The search method (`random`, `bayes`, `hyperband`, …).
    public var method: String
    /// The metric's name: the MLflow metric key.
    public var metric: String
    /// Minimise or maximise (which trial is best).
    public var direction: Direction
    /// When the sweep was created (the parent run's start).
    public var createdAt: Date

    public init(name: String, method: String, metric: String, direction: Direction, createdAt: Date) {
        self.name = name
        self.method = method
        self.metric = metric
        self.direction = direction
        self.createdAt = createdAt
    }
}
