import Foundation
@testable import SweepCore
import SweepMath
import SweepTestSupport
import Testing

/// `TPESampler`'s proposals on fixed histories, bit for bit, against `Tests/Fixtures/tpe_proposals.json`
/// (recorded from the sampler before its speed-up, see the fixtures' README): making a suggestion
/// faster must not change what it proposes. The older cases run ``TPESampler/Options/optuna`` (the
/// defaults until Sweep's own became Sobol startup, magic-clip exponent 1.5 and EI weights); the
/// "sweep defaults" and "uniform weights" cases were recorded when those options were added.
///
/// Histories are drawn here from their own seeded generator (not by any Sweep sampler), so they stay
/// fixed whatever the samplers do: hartmann6 (6 continuous dimensions) at N = 10 … 1,000, and a mixed
/// conditional space (categorical parent, log float, log int, stepped int and float, children of two
/// branches) with complete, pruned, failed, running and NaN-valued trials, under every option that
/// changes the estimators.
@Suite struct TPEProposalRegressionTests {
    static let mixed: SearchSpace = {
        let sgd = Condition(parent: "opt", in: [.string("sgd")])
        let adam = Condition(parent: "opt", in: [.string("adam"), .string("adamw")])
        // The parameters are valid by construction.
        return try! SearchSpace([
            .categorical("opt", [.string("sgd"), .string("adam"), .string("adamw")]),
            .float("lr", 1e-5, 1, log: true),
            .int("units", 4, 512, log: true),
            .int("layers", 1, 9, step: 2),
            .float("dropout", 0, 0.5, step: 0.05),
            .float("momentum", 0, 0.99, when: sgd),
            .categorical("nesterov", [.bool(true), .bool(false)], when: sgd),
            .float("beta2", 0.9, 0.9999, when: adam),
            .int("warmup", 0, 100, when: adam),
        ])
    }()

    /// A history of `count` trials of `space` from generator `seed`: every parameter uniform in its
    /// domain (log-uniform on log scales) where active, valued by a fixed smooth function.
    static func history(_ space: SearchSpace, count: Int, seed: UInt64, mixedStates: Bool) -> [Trial] {
        var rng = Xoshiro256StarStar(seed: seed, stream: 77)
        return (0..<count).map { i in
            var params: [String: ParameterValue] = [:]
            for k in space.evaluationOrder {
                let p = space.parameters[k]
                let u = rng.nextUnit()
                guard space.isActive(p, in: params) else { continue }
                switch p.domain {
                case let .float(lower, upper, log, step):
                    var v = log ? exp(Foundation.log(lower) + u * (Foundation.log(upper) - Foundation.log(lower))) : lower + u * (upper - lower)
                    if let step { v = min(upper, lower + (((v - lower) / step).rounded(.down)) * step) }
                    params[p.name] = .float(min(upper, max(lower, v)))
                case let .int(lower, upper, log, step):
                    let count = (upper - lower) / step + 1
                    if log {
                        let v = exp(Foundation.log(Double(lower) - 0.5) + u * (Foundation.log(Double(upper) + 0.5) - Foundation.log(Double(lower) - 0.5)))
                        params[p.name] = .int(min(upper, max(lower, Int(v.rounded()))))
                    } else {
                        params[p.name] = .int(lower + min(count - 1, Int(u * Double(count))) * step)
                    }
                case let .categorical(choices):
                    params[p.name] = choices[min(choices.count - 1, Int(u * Double(choices.count)))]
                }
            }
            let value = params.sorted { $0.key < $1.key }.enumerated().reduce(0.0) { sum, e in
                let x = e.element.value.doubleValue ?? Double(e.element.value.description.count)
                return sum + sin(Double(e.offset + 1) * (x.magnitude + 1).squareRoot() * 1.7) + 0.1 * Double(e.offset) * x.magnitude.squareRoot()
            }
            guard mixedStates else { return Trial(number: i, state: .complete, params: params, value: value) }
            switch i % 17 {
            case 3: return Trial(number: i, state: .failed, params: params)
            case 5, 12: return Trial(number: i, state: .pruned, params: params,
                                     intermediateValues: Dictionary(uniqueKeysWithValues: (0...(i % 4)).map { ($0, value + Double($0)) }))
            case 8: return Trial(number: i, state: .pruned, params: params)  // pruned before any report
            case 9: return Trial(number: i, state: .running, params: params)
            case 14: return Trial(number: i, state: .complete, params: params, value: i % 2 == 0 ? .nan : .infinity)
            default: return Trial(number: i, state: .complete, params: params, value: value)
            }
        }
    }

    /// One case: the sampler's options by name, the space, the history and the directions to ask.
    struct Case {
        var name: String
        var options: TPESampler.Options
        var space: SearchSpace
        var trials: [Trial]
        var direction: Direction
    }

    static func cases() -> [Case] {
        var out: [Case] = []
        let h6 = TestFunction.hartmann6.searchSpace
        for n in [10, 11, 37, 200, 1000] {
            out.append(Case(name: "hartmann6 N=\(n)", options: .optuna, space: h6,
                            trials: history(h6, count: n, seed: UInt64(n), mixedStates: false), direction: .minimize))
        }
        for n in [10, 37, 200] {
            out.append(Case(name: "hartmann6 N=\(n) sweep defaults", options: .init(), space: h6,
                            trials: history(h6, count: n, seed: UInt64(n), mixedStates: false), direction: .minimize))
        }
        var variants: [(String, TPESampler.Options)] = [("default", .optuna)]
        var o = TPESampler.Options.optuna; o.multivariate = false; variants.append(("independent", o))
        o = .optuna; o.group = false; variants.append(("no groups", o))
        o = .optuna; o.scottBandwidth = true; variants.append(("scott", o))
        o = .optuna; o.considerEndpoints = true; o.considerMagicClip = false; variants.append(("endpoints, no clip", o))
        o = .optuna; o.priorWeight = 0.5; o.eiCandidates = 7; o.startupTrials = 4; variants.append(("prior 0.5, 7 candidates", o))
        o = .optuna; o.constantLiar = false; variants.append(("no liar", o))
        variants.append(("sweep defaults", .init()))
        o = .optuna; o.weighting = .uniform; o.minBandwidthFactor = 0.03; o.magicClipExponent = 2
        variants.append(("uniform weights, clip 0.03 exponent 2", o))
        for n in [15, 60, 400] {
            for (label, options) in variants {
                out.append(Case(name: "mixed N=\(n) \(label)", options: options, space: mixed,
                                trials: history(mixed, count: n, seed: UInt64(100 + n), mixedStates: true),
                                direction: n == 60 ? .maximize : .minimize))
            }
        }
        return out
    }

    /// A value as text that keeps every bit (floats by their bit pattern).
    static func exact(_ v: ParameterValue) -> String {
        switch v {
        case let .float(x): return "f" + String(x.bitPattern, radix: 16)
        case let .int(x): return "i\(x)"
        case let .string(x): return "s" + x
        case let .bool(x): return "b\(x)"
        }
    }

    /// Per case, the proposals for the next trial under seeds 0, 1, 2 (each a sorted "name=value" list).
    static func proposals() throws -> [String: [[String]]] {
        var out: [String: [[String]]] = [:]
        for c in cases() {
            out[c.name] = try (0..<3 as Range<UInt64>).map { seed in
                let context = SamplingContext(space: c.space, trialNumber: c.trials.count, seed: seed, direction: c.direction, trials: c.trials)
                let s = try TPESampler(options: c.options).suggest(in: context)
                return s.params.map { "\($0.key)=\(exact($0.value))" }.sorted()
            }
        }
        return out
    }

    @Test func proposalsAreBitIdenticalToTheRecordedOnes() throws {
        let now = try TPEProposalRegressionTests.proposals()
        if ProcessInfo.processInfo.environment["SWEEP_RECORD_TPE_FIXTURE"] == "1" {
            let url = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/tpe_proposals.json")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(now).write(to: url)
            return
        }
        let recorded = try TestPaths.loadJSON([String: [[String]]].self, fixture: "tpe_proposals.json")
        #expect(recorded.count == TPEProposalRegressionTests.cases().count)
        for (name, expected) in recorded.sorted(by: { $0.key < $1.key }) {
            #expect(now[name] == expected, "\(name)")
        }
    }
}
