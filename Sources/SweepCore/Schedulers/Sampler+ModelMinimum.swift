/// How many finished trials each model-based sampler needs before it models them
/// (``Sampler/modelMinimumTrials(in:)``), read by ``AskPolicy`` to pick the rung a multi-fidelity
/// scheduler shows it: a rung with fewer values would send the sampler back to its initial design.
extension GPSampler {
    /// The initial design's size, ``Options/initialDesign(dimension:)`` (`max(10, 2d)` by default).
    public func modelMinimumTrials(in space: SearchSpace) -> Int? {
        options.initialDesign(dimension: UnitCubeLayout(space).dimension)
    }
}

extension TPESampler {
    /// ``Options/startupTrials`` (Optuna's `n_startup_trials`, 10 by default).
    public func modelMinimumTrials(in space: SearchSpace) -> Int? { options.startupTrials }
}
