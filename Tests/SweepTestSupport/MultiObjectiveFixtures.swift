/// An ask/tell sweep file (no objective) with two metrics (`acc` maximised, `latency_us` minimised) and
/// two constraints, one on `size`, a metric that is not an objective: `latency_us <= 50`, `size <= 10`.
/// Lines: 2 `metrics:`, 3–4 the metrics, 5 `constraints:`, 6 `method:`.
public func multiObjectiveAskTellYAML(name: String, trials: Int, storage: String? = nil) -> String {
    """
    name: \(name)
    metrics:
      - {name: acc, goal: maximize}
      - {name: latency_us, goal: minimize}
    constraints: ["latency_us <= 50", "size <= 10"]
    method: nsga2
    parameters:
      x: {type: float, min: 0, max: 1}
    budget: {trials: \(trials)}
    """ + (storage.map { "\nstorage: \($0)" } ?? "")
}
