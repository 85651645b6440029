extension TPESampler {
    /// Settings, named after Optuna's `TPESampler` arguments (config keys in parentheses); the last
    /// four are Watanabe (2023)'s components beyond Optuna's arguments. The defaults are Optuna 5's
    /// except `startup` (sobol), `magicClipExponent` (1.5) and `weighting` (ei), which measured ahead of
    /// Optuna on every function and budget of `scripts/bench/bo` (README); ``optuna`` restores them.
    public struct Options: Sendable, Hashable {
        /// Complete + pruned trials drawn by ``startup`` before the model is used (`n_startup_trials`, 10).
        public var startupTrials = 10
        /// Candidates drawn from l(x) per group (`n_ei_candidates`, 24).
        public var eiCandidates = 24
        /// Weight of the prior kernel (`prior_weight`, 1.0).
        public var priorWeight = 1.0
        /// Lower-clip bandwidths to `width · max(minBandwidthFactor, 1 / (n + 2)^magicClipExponent)`
        /// (`consider_magic_clip`, true).
        public var considerMagicClip = true
        /// Univariate bandwidths: let the end kernels use their outer distance (`consider_endpoints`, false).
        public var considerEndpoints = false
        /// Joint kernels over the parameters of a group (`multivariate`, true — Optuna 5's default
        /// for one objective).
        public var multivariate = true
        /// Group decomposition of conditional spaces, with `multivariate` (`group`; true here, false
        /// in Optuna — on a space without conditions both give one joint group).
        public var group = true
        /// Count running and waiting trials as "above" (`constant_liar`, true as in Optuna 5), which
        /// keeps parallel workers from proposing the same point.
        public var constantLiar = true
        /// Optuna ≤ 4's Scott-style multivariate bandwidth instead of Optuna 5's neighbour distances
        /// (`bandwidth: scott` vs `optuna`, the default); see ``ParzenEstimator``. Measured with
        /// `METHOD=tpe SEEDS=30 scripts/bench/bo` (median log10 regret @50/@100): Scott lost on
        /// hartmann6 (−0.25/−0.51 vs −0.47/−0.86), ackley5, rosenbrock4 and branin@100, won only
        /// branin@50 (−0.82 vs −0.77).
        public var scottBandwidth = false
        /// How the startup trials are drawn (`startup`): ``StartupDesign/sobol`` (default: trial n
        /// takes point n of the seed's scrambled Sobol sequence, as ``SobolSampler`` and the GP
        /// sampler's initial design; random draws for spaces of more than
        /// `SobolSequence.maxDimension` (1,024) parameters) or ``StartupDesign/random`` as Optuna
        /// (each trial as ``RandomSampler`` draws it).
        public var startup = StartupDesign.sobol
        /// Floor of the magic clip as a share of the range (`min_bandwidth_factor`, 0.01 = Optuna's
        /// `width / 100`; Watanabe 2023 recommends 0.03). In (0, 1].
        public var minBandwidthFactor = 0.01
        /// Exponent α of the magic clip's `1 / (n + 2)^α` (`magic_clip_exponent`, 1.5; Optuna: 1;
        /// Watanabe 2023's "b_magic exponent"). Positive. With 1.5 the floor reaches
        /// `minBandwidthFactor` from 20 observations on (with 2 from 8), so kernels can narrow
        /// around good points. 2 is further ahead on branin, ackley5@100 and rosenbrock4 but only
        /// level with Optuna on hartmann6@100 (README).
        public var magicClipExponent = 1.5
        /// Mixture weights of the observations (`weights`, ``Weighting/ei``; Optuna: ``Weighting/optuna``).
        public var weighting = Weighting.ei

        public init() {}

        /// Optuna 5's `TPESampler()` for one objective: random startup, the magic clip
        /// `width / min(100, n + 2)`, `default_weights` — what `TPEOptunaParzenTests` compare with
        /// Optuna number for number (config: `startup: random, magic_clip_exponent: 1, weights: optuna`).
        public static let optuna: Options = {
            var o = Options()
            o.startup = .random
            o.minBandwidthFactor = 0.01
            o.magicClipExponent = 1
            o.weighting = .optuna
            return o
        }()

        /// The estimators' settings.
        var parzen: ParzenEstimator.Parameters {
            var p = ParzenEstimator.Parameters()
            p.priorWeight = priorWeight
            p.considerMagicClip = considerMagicClip
            p.considerEndpoints = considerEndpoints
            p.scottBandwidth = scottBandwidth
            p.minBandwidthFactor = minBandwidthFactor
            p.magicClipExponent = magicClipExponent
            return p
        }
    }

    /// How ``TPESampler`` draws its startup trials (config `startup`).
    public enum StartupDesign: String, Sendable, Hashable, CaseIterable {
        /// Independent uniform draws, as Optuna (and ``RandomSampler``).
        case random
        /// The sweep seed's scrambled Sobol sequence, trial n at point n (``SobolSampler``).
        case sobol
    }

    /// Mixture weights of the observation kernels (Watanabe 2023, "weighting algorithm"; config `weights`).
    public enum Weighting: String, Sendable, Hashable, CaseIterable {
        /// Optuna's `default_weights` on both sides: 1 below 25 observations, older ones ramped down above.
        case optuna
        /// Every observation weight 1 on both sides.
        case uniform
        /// Watanabe's "EI": a good observation weighs its improvement `y* − y` over the best value y*
        /// of the "above" side (at least 1e-12), and the prior kernel `priorWeight` times their mean;
        /// "above" observations weigh 1. Falls back to uniform when a good observation has no final
        /// value (a pruned trial), "above" has no finite value, or the weights overflow.
        case ei
    }
}
