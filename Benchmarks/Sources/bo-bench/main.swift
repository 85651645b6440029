// Drives GPSampler directly (no CLI): a sequential BO loop on a test function, or the time of one
// suggestion after N random observations. Output is one JSON object per line for scripts/bench/bo.
//
//   bo-bench run <function> <evaluations> <seed> [<key>=<value> …]   (GPSampler options)
//   bo-bench time <N> <repeats>
import Foundation
import SweepCore
import SweepMath

BLASThreads.setThreadCount(1)

/// Writes one JSON line straight to stdout (unbuffered, so nothing is lost if a later run crashes).
func emit(_ json: [String: Any]) {
    var data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func parseOptions(_ args: ArraySlice<String>) throws -> GPSampler.Options {
    var values: [String: AttributeValue] = [:]
    for a in args {
        let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { continue }
        values[parts[0]] = Double(parts[1]).map(AttributeValue.number) ?? .string(parts[1])
    }
    return try GPSampler.Options(values)
}

func run(function name: String, evaluations: Int, seed: UInt64, options: GPSampler.Options) throws {
    guard let f = TestFunction.named(name) else { throw SamplerError.unsupportedSpace("unknown function \(name)") }
    let space = f.searchSpace
    let sampler = GPSampler(options: options)
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
        // Warm: the history's last trial carries the hyperparameters of a previous fit, as in a BO loop.
        trials[n - 1].attributes = s.attributes
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
        try run(function: args[2], evaluations: Int(args[3])!, seed: UInt64(args[4])!, options: try parseOptions(args[5...]))
    case "fit":
        let n = Int(args[2])!
        var rng = Xoshiro256StarStar(seed: 1)
        var x = Matrix<Double>(rows: n, columns: 6)
        for i in 0..<(n * 6) { x.storage[i] = rng.nextUnit() }
        var y = (0..<n).map { TestFunction.hartmann6(x.row($0)) }
        let m = y.reduce(0, +) / Double(n); let sd = (y.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n)).squareRoot()
        y = y.map { ($0 - m) / sd }
        let prior = GPPrior.standard(dimension: 6)
        for (pg, fa) in [(1e-2, 1e8), (1e-1, 1e10), (1e-3, 1e7)] {
            let fitter = GPFitter(kernel: .matern52, prior: prior, optimizer: LBFGSB.Options(pgtol: pg, factr: fa, maxIterations: 200, maxEvaluations: 400))
            let t0 = now()
            let r = try fitter.fit(inputs: x, targets: y, starts: [prior.mode(dimension: 6)])
            print("pgtol \(pg) factr \(fa): evals \(r.evaluations) obj \(r.objective) \((now() - t0) * 1e3) ms θ \(r.hyperparameters.packed.map { ($0 * 100).rounded() / 100 })")
        }
    case "lml":
        let n = Int(args[2])!
        var rng = Xoshiro256StarStar(seed: 1)
        var x = Matrix<Double>(rows: n, columns: 6)
        for i in 0..<(n * 6) { x.storage[i] = rng.nextUnit() }
        let y = (0..<n).map { TestFunction.hartmann6(x.row($0)) }
        let lml = GPMarginalLikelihood(inputs: x, targets: y, kernel: .matern52)
        var g = [Double](repeating: 0, count: 8)
        let theta = [-0.9, -0.5, 0, -0.8, -1, -0.9, 0.2, -7]
        _ = lml.evaluate(theta, gradient: &g)
        let t0 = now()
        for _ in 0..<20 { _ = lml.evaluate(theta, gradient: &g) }
        let t1 = now()
        var k = [Double](repeating: 0, count: n * n)
        for i in 0..<n { k[i * n + i] = Double(n) ; for j in 0..<i { k[i * n + j] = 0.5; k[j * n + i] = 0.5 } }
        let t2 = now()
        for _ in 0..<20 { var c = k; _ = c.withUnsafeMutableBufferPointer { SymmetricPositiveDefinite.factor($0.baseAddress!, order: n) } }
        let t3 = now()
        for _ in 0..<20 { var c = k; c.withUnsafeMutableBufferPointer { SymmetricPositiveDefinite.factor($0.baseAddress!, order: n); SymmetricPositiveDefinite.invert(factor: $0.baseAddress!, order: n) } }
        let t4 = now()
        print("lml eval \((t1 - t0) / 20 * 1e3) ms; potrf \((t3 - t2) / 20 * 1e3) ms; potrf+potri \((t4 - t3) / 20 * 1e3) ms; threads \(BLASThreads.threadCount ?? -1)")
    case "time" where args.count >= 4:
        try timeSuggestion(n: Int(args[2])!, repeats: Int(args[3])!)
    default:
        FileHandle.standardError.write("usage: bo-bench run <function> <evaluations> <seed> [key=value…] | time <N> <repeats>\n".data(using: .utf8)!)
        exit(2)
    }
} catch {
    FileHandle.standardError.write("bo-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
