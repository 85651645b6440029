import SweepCore

extension MethodRegistry {
    /// ``TPESampler/Options`` from `method: {name: tpe, options: …}`; keys are Optuna's argument names.
    static func tpeOptions(_ options: [String: AttributeValue]) throws -> TPESampler.Options {
        let r = try OptionReader(options, allowed: SearchMethod.tpeOptionKeys, owner: "tpe")
        var o = TPESampler.Options()
        o.startupTrials = try r.int("n_startup_trials", default: o.startupTrials, range: 0...1_000_000)
        o.eiCandidates = try r.int("n_ei_candidates", default: o.eiCandidates, range: 1...100_000)
        o.priorWeight = try r.double("prior_weight", default: o.priorWeight, range: 1e-12...1e12)
        o.considerMagicClip = try r.bool("consider_magic_clip", default: o.considerMagicClip)
        o.considerEndpoints = try r.bool("consider_endpoints", default: o.considerEndpoints)
        o.multivariate = try r.bool("multivariate", default: o.multivariate)
        o.group = try r.bool("group", default: o.group)
        o.constantLiar = try r.bool("constant_liar", default: o.constantLiar)
        o.scottBandwidth = try r.string("bandwidth", default: "optuna", allowed: ["optuna", "scott"]) == "scott"
        o.startup = TPESampler.StartupDesign(rawValue: try r.string("startup", default: o.startup.rawValue,
                                                                    allowed: TPESampler.StartupDesign.allCases.map(\.rawValue))) ?? o.startup
        o.weighting = TPESampler.Weighting(rawValue: try r.string("weights", default: o.weighting.rawValue,
                                                                  allowed: TPESampler.Weighting.allCases.map(\.rawValue))) ?? o.weighting
        o.minBandwidthFactor = try r.double("min_bandwidth_factor", default: o.minBandwidthFactor, range: 1e-12...1)
        o.magicClipExponent = try r.double("magic_clip_exponent", default: o.magicClipExponent, range: 1e-3...100)
        if o.group && !o.multivariate && r.raw("group") != nil {
            throw MethodOptionError(option: "group", message: "group decomposition needs multivariate: true (as in Optuna)")
        }
        return o
    }
}
