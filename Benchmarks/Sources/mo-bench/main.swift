// Drives the multi-objective samplers directly (no CLI) for scripts/bench/mo. One JSON object per line.
//
//   mo-bench run <problem> <evaluations> <seed> <sampler>   sampler: bayes | nsga2 | random | bayes-<variant> (see sampler(_:))
//       problem: branincurrin | dtlz2 (6 inputs, 2 objectives) | zdt1 (6 inputs) | constrained_branincurrin
//       → {"problem", "sampler", "seed", "hv": [feasible hypervolume after 1…evaluations],
//          "max_hv", "suggest_seconds": [...], "values": [objective vector per evaluation], "inputs": [x per evaluation]}
//   mo-bench time <N> <repeats>   one bayes suggestion on dtlz2 (6 inputs, 2 objectives) after N
//       random observations, cold (no mogp.params in history) and warm → {"cold": [s], "warm": [s]}
import BenchSupport
import Foundation
import SweepCore
import SweepMath

BLASThreads.setThreadCount(1)

struct Problem {
    var objectives: MultiObjectiveTestFunction
    var constraints: (([Double]) -> [Double])?
    var reference: [Double]
    var maxHypervolume: Double
}

func problem(_ name: String) -> Problem? {
    switch name {
    case "branincurrin":
        let f = MultiObjectiveTestFunction.braninCurrin
        return Problem(objectives: f, constraints: nil, reference: f.referencePoint, maxHypervolume: f.maxHypervolume)
    case "dtlz2":
        let f = MultiObjectiveTestFunction.dtlz2(objectives: 2, dimension: 6)
        return Problem(objectives: f, constraints: nil, reference: f.referencePoint, maxHypervolume: f.maxHypervolume)
    case "zdt1":
        let f = MultiObjectiveTestFunction.zdt1(dimension: 6)
        return Problem(objectives: f, constraints: nil, reference: f.referencePoint, maxHypervolume: f.maxHypervolume)
    case "constrained_branincurrin":
        let c = ConstrainedMultiObjectiveTestFunction.constrainedBraninCurrin
        return Problem(objectives: c.objectives, constraints: c.constraints, reference: c.referencePoint,
                       maxHypervolume: c.maxHypervolume)
    default: return nil
    }
}

func sampler(_ name: String) throws -> (any MultiObjectiveSampler)? {
    switch name {
    case "bayes": return MultiObjectiveGPSampler()
    case "bayes-nowarp": return MultiObjectiveGPSampler(options: .init(warp: false))
    // Ablations of the acquisition optimiser and the reference point (issue 16 part 4).
    case "bayes-sobolonly": return MultiObjectiveGPSampler(options: .init(searchAroundFront: false))
    case "bayes-worstref": return MultiObjectiveGPSampler(options: .init(reference: .worstObserved))
    case "bayes-frontref": return MultiObjectiveGPSampler(options: .init(reference: .frontNadir))
    case "bayes-midref": return MultiObjectiveGPSampler(options: .init(reference: .midway))
    case "bayes-widenedref": return MultiObjectiveGPSampler(options: .init(reference: .frontNadirWidened))
    case "bayes-optunaref": return MultiObjectiveGPSampler(options: .init(reference: .worstScaled))
    case "bayes-predref": return MultiObjectiveGPSampler(options: .init(reference: .predictedFront))
    case _ where name.hasPrefix("bayes-blend"):  // e.g. bayes-blend0.1: Options.referenceBlend
        guard let b = Double(name.dropFirst("bayes-blend".count)), (0...1).contains(b) else { return nil }
        return MultiObjectiveGPSampler(options: .init(referenceBlend: b))
    case "nsga2": return try NSGAIISampler()
    case "random": return RandomSampler()
    default: return nil
    }
}

func run(_ p: Problem, evaluations: Int, seed: UInt64, sampler s: any MultiObjectiveSampler, name: String) throws {
    let directions = Array(repeating: Direction.minimize, count: p.objectives.objectiveCount)
    var trials: [MultiObjectiveTrial] = []
    var seconds: [Double] = []
    var hv: [Double] = []
    var feasible: [[Double]] = []
    for n in 0..<evaluations {
        let context = MultiObjectiveSamplingContext(space: p.objectives.searchSpace, trialNumber: n, seed: seed,
                                                    directions: directions, trials: trials)
        let t0 = now()
        let suggestion = try s.suggest(in: context)
        seconds.append(now() - t0)
        let x = (0..<p.objectives.dimension).map { suggestion.params["x\($0)"]?.doubleValue ?? 0 }
        let y = p.objectives(x)
        let c = p.constraints?(x)
        trials.append(MultiObjectiveTrial(number: n, state: .complete, params: suggestion.params, values: y,
                                          constraints: c, attributes: suggestion.attributes))
        if ConstraintDomination.isFeasible(c ?? []) { feasible.append(y) }
        hv.append(try Hypervolume.compute(feasible, reference: p.reference, directions: directions))
    }
    emit(["problem": CommandLine.arguments[2], "sampler": name, "seed": Int(seed), "hv": hv,
          "max_hv": p.maxHypervolume, "suggest_seconds": seconds,
          "values": trials.map { $0.values ?? [] }, "inputs": trials.map { t in (0..<p.objectives.dimension).map { t.params["x\($0)"]?.doubleValue ?? 0 } }])
}

func time(observations: Int, repeats: Int) throws {
    let f = MultiObjectiveTestFunction.dtlz2(objectives: 2, dimension: 6)
    let space = f.searchSpace
    let directions: [Direction] = [.minimize, .minimize]
    var rng = Xoshiro256StarStar(seed: 42, stream: 0)
    var trials: [MultiObjectiveTrial] = []
    for n in 0..<observations {
        let u = (0..<6).map { _ in rng.nextUnit() }
        let params = try space.decode(u)
        trials.append(MultiObjectiveTrial(number: n, state: .complete, params: params, values: f(u)))
    }
    let sampler = MultiObjectiveGPSampler()
    var cold: [Double] = [], warm: [Double] = []
    let context = MultiObjectiveSamplingContext(space: space, trialNumber: observations, seed: 1, directions: directions, trials: trials)
    var params: AttributeValue?
    for _ in 0..<repeats {
        let t0 = now()
        let s = try sampler.suggest(in: context)
        cold.append(now() - t0)
        params = s.attributes[MultiObjectiveGPSampler.paramsKey]
    }
    var warmTrials = trials
    if let params { warmTrials[observations - 1].attributes[MultiObjectiveGPSampler.paramsKey] = params }
    let warmContext = MultiObjectiveSamplingContext(space: space, trialNumber: observations, seed: 1, directions: directions,
                                                    trials: warmTrials)
    for _ in 0..<repeats {
        let t0 = now()
        _ = try sampler.suggest(in: warmContext)
        warm.append(now() - t0)
    }
    emit(["observations": observations, "cold": cold, "warm": warm])
}

let args = CommandLine.arguments
do {
    if args.count == 6, args[1] == "run", let p = problem(args[2]), let evals = Int(args[3]), let seed = UInt64(args[4]),
       let s = try sampler(args[5]) {
        try run(p, evaluations: evals, seed: seed, sampler: s, name: args[5])
    } else if args.count == 4, args[1] == "time", let n = Int(args[2]), let r = Int(args[3]), n >= 1, r >= 1 {
        try time(observations: n, repeats: r)
    } else {
        FileHandle.standardError.write(Data("usage: mo-bench run <branincurrin|dtlz2|zdt1|constrained_branincurrin> <evaluations> <seed> <bayes|nsga2|random>\n       mo-bench time <N> <repeats>\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("mo-bench: \(error)\n".utf8))
    exit(1)
}
