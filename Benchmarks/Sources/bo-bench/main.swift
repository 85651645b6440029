// Drives the samplers directly (no CLI): a sequential BO loop on a test function, the time of one
// suggestion after N random observations, or a loop with the median pruner on a multi-fidelity
// function. Output is one JSON object per line for scripts/bench/bo and scripts/bench/pruned.
//
//   bo-bench run <function> <evaluations> <seed> [<key>=<value> …]   (GPSampler options, or method=tpe
//                                                                     and TPE options)
//   bo-bench time <N> <repeats>                                       (GPSampler)
//   bo-bench time-tpe <N> <repeats>                                   (TPESampler)
//   bo-bench prune <function> <trials> <seed> <steps> [pruner=median|none] [method=tpe] [<key>=<value> …]
import BenchSupport
import Foundation
import SweepCore
import SweepMath

BLASThreads.setThreadCount(1)

/// The sampler named by `method=` (default bayes) with the other `key=value` options.
func parseSampler(_ args: ArraySlice<String>) throws -> any Sampler {
    var values: [String: AttributeValue] = [:]
    var method = "bayes"
    for a in args {
        let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { continue }
        if parts[0] == "method" { method = parts[1]; continue }
        if parts[0] == "pruner" || parts[0].hasPrefix("pruner_") { continue }
        values[parts[0]] = Double(parts[1]).map(AttributeValue.number) ?? (parts[1] == "true" ? .bool(true) : parts[1] == "false" ? .bool(false) : .string(parts[1]))
    }
    guard method == "tpe" else { return GPSampler(options: try GPSampler.Options(values)) }
    var o = TPESampler.Options()
    for (key, value) in values {
        switch key {
        case "n_startup_trials": o.startupTrials = value.int ?? o.startupTrials
        case "n_ei_candidates": o.eiCandidates = value.int ?? o.eiCandidates
        case "multivariate": o.multivariate = value == .bool(true)
        case "group": o.group = value == .bool(true)
        case "bandwidth": o.scottBandwidth = value.string == "scott"
        case "consider_endpoints": o.considerEndpoints = value == .bool(true)
        case "startup": o.startup = try TPESampler.StartupDesign(rawValue: value.string ?? "").orThrow(key)
        case "weights": o.weighting = try TPESampler.Weighting(rawValue: value.string ?? "").orThrow(key)
        case "min_bandwidth_factor": o.minBandwidthFactor = value.number ?? o.minBandwidthFactor
        case "magic_clip_exponent": o.magicClipExponent = value.number ?? o.magicClipExponent
        default: throw SamplerError.unsupportedSpace("tpe: unknown bench option \(key)")
        }
    }
    return TPESampler(options: o)
}

extension Optional {
    /// The value, or a bench-option error naming `key`.
    func orThrow(_ key: String) throws -> Wrapped {
        guard let self else { throw SamplerError.unsupportedSpace("tpe: bad value for bench option \(key)") }
        return self
    }
}

func run(function name: String, evaluations: Int, seed: UInt64, sampler: any Sampler) throws {
    guard let f = TestFunction.named(name) else { throw SamplerError.unsupportedSpace("unknown function \(name)") }
    let space = f.searchSpace
    var trials: [Trial] = []
    var best = Double.infinity
    var trace: [Double] = []
    var suggestSeconds: [Double] = []
    for n in 0..<evaluations {
        let context = SamplingContext(space: space, trialNumber: n, seed: seed, direction: .minimize, trials: trials)
        let t0 = now()
        let s = try sampler.suggest(in: context)
        suggestSeconds.append(now() - t0)
        let v = f(f.inputs(s.params)!)
        best = min(best, v)
        trace.append(best - f.minimum)
        trials.append(Trial(number: n, state: .complete, params: s.params, value: v, attributes: s.attributes))
        if ProcessInfo.processInfo.environment["BO_TRACE"] != nil {
            let x = f.inputs(s.params)!.map { String(format: "%.3f", $0) }.joined(separator: " ")
            let th = (s.attributes[GPSampler.paramsKey]?.doubles ?? []).map { String(format: "%.2f", $0) }.joined(separator: " ")
            FileHandle.standardError.write("\(n) f=\(String(format: "%.4f", v)) x=[\(x)] acq=\(s.attributes["gp.acquisition"]?.number ?? .nan) θ=[\(th)]\n".data(using: .utf8)!)
        }
    }
    let json: [String: Any] = ["function": name, "seed": seed, "regret": trace, "suggest_seconds": suggestSeconds]
    emit(json)
}

func timeSuggestion(n: Int, repeats: Int) throws {
    let f = TestFunction.hartmann6
    let space = f.searchSpace
    let sampler = GPSampler()
    var cold: [Double] = [], warm: [Double] = []
    for r in 0..<repeats {
        var rng = Xoshiro256StarStar(seed: UInt64(1000 + r))
        var trials: [Trial] = []
        for i in 0..<n {
            let x = (0..<6).map { _ in rng.nextUnit() }
            let params = try space.decode(x)
            trials.append(Trial(number: i, state: .complete, params: params, value: f(f.inputs(params)!)))
        }
        let context = SamplingContext(space: space, trialNumber: n, seed: UInt64(r), direction: .minimize, trials: trials)
        var t0 = now()
        let s = try sampler.suggest(in: context)
        cold.append(now() - t0)
        // Warm, as inside a running study: the last trial carries the hyperparameters of a previous
        // warm-started fit (cold fit → one warm refit → timed suggestion).
        trials[n - 1].attributes = s.attributes
        let refit = try sampler.suggest(in: SamplingContext(space: space, trialNumber: n, seed: UInt64(r), direction: .minimize, trials: trials))
        trials[n - 1].attributes = refit.attributes
        let warmContext = SamplingContext(space: space, trialNumber: n, seed: UInt64(r), direction: .minimize, trials: trials)
        t0 = now()
        _ = try sampler.suggest(in: warmContext)
        warm.append(now() - t0)
    }
    let json: [String: Any] = ["n": n, "cold": cold, "warm": warm]
    emit(json)
}

let args = CommandLine.arguments
do {
    switch args.count > 1 ? args[1] : "" {
    case "run" where args.count >= 5:
        try run(function: args[2], evaluations: Int(args[3])!, seed: UInt64(args[4])!, sampler: try parseSampler(args[5...]))
    case "time-tpe" where args.count >= 4:
        try timeTPESuggestion(n: Int(args[2])!, repeats: Int(args[3])!)
    case "prune" where args.count >= 6:
        try runPruned(function: args[2], trials: Int(args[3])!, seed: UInt64(args[4])!, steps: Int(args[5])!,
                      pruning: !args[6...].contains("pruner=none"), pruner: try parsePruner(args[6...]), sampler: try parseSampler(args[6...]))
    case "time" where args.count >= 4:
        try timeSuggestion(n: Int(args[2])!, repeats: Int(args[3])!)
    default:
        FileHandle.standardError.write("usage: bo-bench run <function> <evaluations> <seed> [key=value…] | time <N> <repeats> | time-tpe <N> <repeats> | prune <function> <trials> <seed> <steps> [pruner=none] [key=value…]\n".data(using: .utf8)!)
        exit(2)
    }
} catch {
    FileHandle.standardError.write("bo-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
