import SweepCore

/// The body of one `runs/log-batch` request, within MLflow's limits (``maxMetrics`` metrics,
/// ``maxParams`` params, ``maxTags`` tags and ``maxEntities`` of all three together per request).
public struct MLflowBatch: Sendable, Equatable {
    /// Metrics per request.
    public static let maxMetrics = 1000
    /// Params per request.
    public static let maxParams = 100
    /// Tags per request.
    public static let maxTags = 100
    /// Metrics, params and tags together per request.
    public static let maxEntities = 1000

    /// Metric points, in logging order.
    public var metrics: [MLflowMetric] = []
    /// Params (MLflow keeps them as strings; a param cannot change once logged).
    public var params: [MLflowTag] = []
    /// Tags (logging one again replaces its value).
    public var tags: [MLflowTag] = []

    /// Metrics, params and tags in this request.
    public var count: Int { metrics.count + params.count + tags.count }

    /// Splits metrics, params and tags into as few batches as the limits allow: each request takes
    /// up to ``maxParams`` of the remaining params and ``maxTags`` of the remaining tags, then fills up
    /// with metrics. Each list keeps its order (so a metric's history is logged in step order). No input
    /// gives no batch.
    public static func split(metrics: [MLflowMetric], params: [MLflowTag], tags: [MLflowTag]) -> [MLflowBatch] {
        var batches: [MLflowBatch] = []
        var (m, p, t) = (metrics[...], params[...], tags[...])
        while !(m.isEmpty && p.isEmpty && t.isEmpty) {
            var b = MLflowBatch()
            b.params = Array(p.prefix(maxParams))
            p = p.dropFirst(b.params.count)
            b.tags = Array(t.prefix(maxTags))
            t = t.dropFirst(b.tags.count)
            b.metrics = Array(m.prefix(min(maxMetrics, maxEntities - b.count)))
            m = m.dropFirst(b.metrics.count)
            batches.append(b)
        }
        return batches
    }

    /// The request body for `run`.
    func body(run: String) -> AttributeValue {
        .object([
            "run_id": .string(run),
            "metrics": .array(metrics.map(\.json)),
            "params": .array(params.map(\.json)),
            "tags": .array(tags.map(\.json)),
        ])
    }
}

/// A key/value pair as MLflow sends tags and params.
public struct MLflowTag: Sendable, Hashable {
    /// The key (MLflow allows letters, digits, `_ - . /` and spaces, up to 250 characters).
    public var key: String
    /// The value, as text.
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    var json: AttributeValue { .object(["key": .string(key), "value": .string(value)]) }
}
