import Foundation
import Sweep
import SweepCore
import Testing

/// `method: tpe` in configs: options with Optuna's names, bad ones refused, usable as a scheduler's sampler.
@Suite struct TPEMethodTests {
    @Test func optionsUseOptunasNames() throws {
        let c = try SweepConfig.parse(yaml: """
            objective: {kind: function, function: branin}
            method: {name: tpe, options: {n_startup_trials: 5, n_ei_candidates: 48, prior_weight: 2, multivariate: true,
                                          group: false, constant_liar: false, consider_endpoints: true, bandwidth: scott}}
            """, file: "t.yaml")
        let sampler = try #require(try MethodRegistry.makeSampler(c.method, space: c.space) as? TPESampler)
        let o = sampler.options
        #expect(o.startupTrials == 5 && o.eiCandidates == 48 && o.priorWeight == 2 && o.multivariate && !o.group)
        #expect(!o.constantLiar && o.considerEndpoints && o.scottBandwidth && o.considerMagicClip)
        let w = try SweepConfig.parse(yaml: """
            objective: {kind: function, function: branin}
            method: {name: tpe, options: {startup: sobol, weights: ei, min_bandwidth_factor: 0.03, magic_clip_exponent: 2}}
            """, file: "t.yaml")
        let watanabe = try #require(try MethodRegistry.makeSampler(w.method, space: w.space) as? TPESampler).options
        #expect(watanabe.startup == .sobol && watanabe.weighting == .ei)
        #expect(watanabe.minBandwidthFactor == 0.03 && watanabe.magicClipExponent == 2)
    }

    @Test func badOptionsAreRefusedWithTheLine() {
        expectConfigsRejected([
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {n_startup_trial: 5}}\n",
             "did you mean 'n_startup_trials'"),
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {n_ei_candidates: 0}}\n", "n_ei_candidates"),
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {multivariate: false, group: true}}\n",
             "group decomposition needs multivariate: true"),
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {bandwidth: silverman}}\n", "optuna, scott"),
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {startup: halton}}\n", "random, sobol"),
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {weights: linear}}\n", "optuna, uniform, ei"),
            ("objective: {kind: function, function: branin}\nmethod: {name: tpe, options: {min_bandwidth_factor: 0}}\n", "min_bandwidth_factor"),
        ], file: "t.yaml", prefix: "t.yaml:2")
    }

    @Test func ashaDrawsNewConfigurationsFromTPE() throws {
        let s = try SweepSession.open(config: try SweepConfig.parse(yaml: """
            name: asha-tpe
            method: {name: asha, options: {eta: 3, sampler: tpe, sampler_options: {n_startup_trials: 5}}}
            objective: {kind: function, function: branin, steps: 9}
            budget: {trials: 30}
            storage: memory
            """, file: "a.yaml"))
        try s.run()
        let trials = try s.study.trials()
        #expect(trials.count == 30)
        #expect(trials.filter { $0.attributes["tpe.phase"] == .string("model") }.count >= 20)
    }
}
