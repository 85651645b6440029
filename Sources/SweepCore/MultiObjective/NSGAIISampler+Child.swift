import Foundation
import SweepMath

extension NSGAIISampler {
    /// Makes one child of `parents` (non-empty): tournament selection, crossover or copy, mutation.
    func child(of parents: [MultiObjectiveTrial], in context: MultiObjectiveSamplingContext) throws -> Suggestion {
        let space = context.space
        let d = space.dimension
        var rng = context.rng(3)
        let dominates = NSGAIISampler.domination(parents, directions: context.directions,
                                                 constrained: parents.contains { $0.constraints != nil })
        let encoded = parents.map { (try? space.encode($0.params)) ?? [Double](repeating: .nan, count: d) }
        var chosen: [Int]
        var u: [Double]
        if rng.nextUnit() < crossoverProbability {
            let first = tournament(Array(parents.indices), dominates, &rng)
            let rest = parents.indices.filter { $0 != first }
            let second = rest.isEmpty ? first : tournament(rest, dominates, &rng)
            chosen = [first, second]
            u = cross(encoded[first], encoded[second], space: space, rng: &rng)
        } else {
            let only = rng.nextIndex(parents.count)
            chosen = [only]
            u = encoded[only]
        }
        let p = mutationProbability ?? 1 / Double(max(1, d))
        for i in 0..<d {
            // Draw both numbers for every coordinate so that one coordinate's outcome does not shift
            // the stream of the others.
            let mutate = rng.nextUnit() < p, fresh = rng.nextUnit()
            if mutate || u[i].isNaN { u[i] = fresh }
        }
        var s = Suggestion(params: try space.decode(u))
        s.attributes[NSGAIISampler.parentsKey] = .array(chosen.map { .number(Double(parents[$0].number)) })
        return s
    }

    /// Binary tournament over `candidates` (indices): two draws with replacement; the first wins only
    /// when it dominates the second (as Optuna's `_select_parent`).
    private func tournament(_ candidates: [Int], _ dominates: (Int, Int) -> Bool,
                            _ rng: inout Xoshiro256StarStar) -> Int {
        let a = candidates[rng.nextIndex(candidates.count)]
        let b = candidates[rng.nextIndex(candidates.count)]
        return dominates(a, b) ? a : b
    }

    /// Crossover of two unit-cube points. Categorical coordinates (and all coordinates in uniform
    /// mode) take the second parent's value with probability ``swappingProbability``; numeric ones in
    /// SBX mode are blended. Inactive coordinates stay NaN and are filled by the caller.
    private func cross(_ a: [Double], _ b: [Double], space: SearchSpace, rng: inout Xoshiro256StarStar) -> [Double] {
        var out = a
        for (i, parameter) in space.parameters.enumerated() {
            let swap = rng.nextUnit() < swappingProbability
            let blend = rng.nextUnit()
            var x = swap ? b[i] : a[i]
            if case let .sbx(eta) = crossover, parameter.domain.isNumeric, a[i].isFinite, b[i].isFinite {
                x = NSGAIISampler.sbx(a[i], b[i], eta: eta, u: blend, pickSecond: swap)
            }
            out[i] = x
        }
        return out
    }

    /// Bounded simulated binary crossover on [0, 1] (Deb & Agrawal 1995; the bounded form of Deb's
    /// NSGA-II reference code): returns one of the two children, chosen by `pickSecond`.
    static func sbx(_ p1: Double, _ p2: Double, eta: Double, u: Double, pickSecond: Bool) -> Double {
        let y1 = min(p1, p2), y2 = max(p1, p2)
        guard y2 - y1 > 1e-14 else { return p1 }
        func child(_ beta: Double, sign: Double) -> Double {
            let alpha = 2 - pow(beta, -(eta + 1))
            let betaq = u <= 1 / alpha ? pow(u * alpha, 1 / (eta + 1)) : pow(1 / (2 - u * alpha), 1 / (eta + 1))
            return 0.5 * ((y1 + y2) + sign * betaq * (y2 - y1))
        }
        let c1 = child(1 + 2 * y1 / (y2 - y1), sign: -1)
        let c2 = child(1 + 2 * (1 - y2) / (y2 - y1), sign: 1)
        return min(1, max(0, pickSecond ? c2 : c1))
    }
}
