extension TPESampler {
    /// The observation weights of the two estimators of one group (``Options/weighting``), for the
    /// trials `below` and `above` (indices into `context.trials`, the rows' order); nil = Optuna's
    /// `default_weights` (the estimator's own).
    func observationWeights(_ context: SamplingContext, below: [Int], above: [Int]) -> (below: [Double]?, above: [Double]?) {
        switch options.weighting {
        case .optuna: return (nil, nil)
        case .uniform: return ([Double](repeating: 1, count: below.count), [Double](repeating: 1, count: above.count))
        case .ei:
            let uniformAbove = [Double](repeating: 1, count: above.count)
            let trials = context.trials, direction = context.direction
            func loss(_ i: Int) -> Double? {
                guard trials[i].state == .complete, let v = trials[i].value, v.isFinite else { return nil }
                return direction.minimizing(v)
            }
            let threshold = above.compactMap(loss).min()
            let losses = below.compactMap(loss)
            guard let threshold, losses.count == below.count else {
                return ([Double](repeating: 1, count: below.count), uniformAbove)
            }
            let weights = losses.map { max(1e-12, threshold - $0) }
            // Values near ±Double.greatestFiniteMagnitude can overflow the differences or their sum.
            guard weights.reduce(0, +).isFinite else { return ([Double](repeating: 1, count: below.count), uniformAbove) }
            return (weights, uniformAbove)
        }
    }
}
