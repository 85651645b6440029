import Foundation
import SweepCore
import SweepMath
import Testing

/// Complete trials at seeded random points of `space`, valued by `f`.
private func trials(_ space: SearchSpace, count: Int, seed: UInt64 = 1, _ f: ([String: ParameterValue]) -> Double) throws -> [Trial] {
    var rng = Xoshiro256StarStar(seed: seed)
    return try (0..<count).map { n in
        let params = try space.decode((0..<space.dimension).map { _ in rng.nextUnit() })
        return Trial(number: n, state: .complete, params: params, value: f(params))
    }
}

private func importance(_ result: ParameterImportance, _ name: String) -> Double {
    result.entries.first { $0.name == name }!.importance
}

@Suite struct ParameterImportanceTests {
    let space3 = try! SearchSpace([.float("x0", 0, 1), .float("x1", 0, 1), .float("noise", 0, 1)])

    @Test func aLinearEffectDominatesAndANoiseParameterIsNearZero() throws {
        let ts = try trials(space3, count: 300) { p in 10 * p["x0"]!.doubleValue! + 0.1 * p["x1"]!.doubleValue! }
        let r = try ParameterImportance.fanova(space: space3, trials: ts)
        #expect(r.entries.map(\.name).first == "x0")
        #expect(importance(r, "x0") > 0.95, "\(r.entries)")
        #expect(importance(r, "x1") < 0.02, "\(r.entries)")
        #expect(importance(r, "noise") < 0.02, "\(r.entries)")
        #expect(r.trialsUsed == 300 && r.trialsAvailable == 300 && r.trees == 32)
        #expect(r.mainEffectTotal <= 1 + 1e-9)
    }

    @Test func anInteractionSplitsBetweenMainEffectsAndTheRest() throws {
        // f = x0·x1 on the unit square: each main effect explains 3/7 of the variance, the
        // interaction 1/7.
        let ts = try trials(space3, count: 600) { p in p["x0"]!.doubleValue! * p["x1"]!.doubleValue! }
        let r = try ParameterImportance.fanova(space: space3, trials: ts)
        #expect(abs(importance(r, "x0") - 3.0 / 7) < 0.1, "\(r.entries)")
        #expect(abs(importance(r, "x1") - 3.0 / 7) < 0.1, "\(r.entries)")
        #expect(importance(r, "noise") < 0.03)
        #expect(r.mainEffectTotal < 0.97)
    }

    @Test func categoricalLogAndIntParametersAreMeasuredInTheirEncoding() throws {
        let space = try SearchSpace([
            .categorical("act", ["relu", "tanh", "gelu"]), .float("lr", 1e-5, 1, log: true), .int("layers", 1, 8),
        ])
        // Only tanh is bad; lr matters mildly in log space; layers does not matter.
        let ts = try trials(space, count: 400, seed: 3) { p in
            (p["act"] == "tanh" ? 10 : 0) + log10(p["lr"]!.doubleValue!) * 0.5
        }
        let r = try ParameterImportance.fanova(space: space, trials: ts)
        #expect(r.entries.map(\.name) == ["act", "lr", "layers"], "\(r.entries)")
        #expect(importance(r, "act") > 0.8)
        #expect(importance(r, "layers") < 0.02)
    }

    @Test func maximizeAndMinimizeGiveTheSameImportance() throws {
        // Importance is about variance, so negating the objective changes nothing.
        let ts = try trials(space3, count: 200) { p in 3 * p["x1"]!.doubleValue! + p["x0"]!.doubleValue! }
        let neg = ts.map { t -> Trial in var t = t; t.value = -t.value!; return t }
        let a = try ParameterImportance.fanova(space: space3, trials: ts)
        let b = try ParameterImportance.fanova(space: space3, trials: neg)
        for (x, y) in zip(a.entries, b.entries) {
            #expect(x.name == y.name && abs(x.importance - y.importance) < 1e-9)
        }
    }

    @Test func isDeterministicAndSamplesLargeSweeps() throws {
        let ts = try trials(space3, count: 500) { p in p["x0"]!.doubleValue! + 0.5 * p["x1"]!.doubleValue! }
        let options = ParameterImportance.Options(maxTrials: 200, seed: 9)
        let a = try ParameterImportance.fanova(space: space3, trials: ts, options: options)
        let b = try ParameterImportance.fanova(space: space3, trials: ts, options: options)
        #expect(a == b)
        #expect(a.trialsUsed == 200 && a.trialsAvailable == 500)
        let c = try ParameterImportance.fanova(space: space3, trials: ts, options: .init(maxTrials: 200, seed: 10))
        #expect(c != a)
        // f's variance: x0 4/5, x1 1/5.
        #expect(abs(importance(a, "x0") - 0.8) < 0.1, "\(a.entries)")
    }

    @Test func onlyCompleteFiniteTrialsCount() throws {
        var ts = try trials(space3, count: 60) { p in p["x0"]!.doubleValue! }
        ts[0].state = .failed
        ts[1].state = .pruned
        ts[2].value = .nan
        ts[3].value = .infinity
        let r = try ParameterImportance.fanova(space: space3, trials: ts)
        #expect(r.trialsAvailable == 56)
    }

    @Test func conditionalParametersUseAnInactiveBin() throws {
        let space = try SearchSpace([
            .categorical("opt", ["sgd", "adam"]), .float("momentum", 0, 1, when: Condition(parent: "opt", in: ["sgd"])),
            .float("x", 0, 1),
        ])
        // Within sgd, momentum drives the value; adam is flat.
        let ts = try trials(space, count: 400, seed: 5) { p in p["momentum"].map { 5 * $0.doubleValue! } ?? 2.5 }
        let r = try ParameterImportance.fanova(space: space, trials: ts)
        let m = r.entries.first { $0.name == "momentum" }!
        #expect(m.activeFraction > 0.35 && m.activeFraction < 0.65)
        #expect(r.entries.first?.name == "momentum", "\(r.entries)")
        #expect(importance(r, "x") < 0.03)
    }

    @Test func tooFewOrConstantTrialsAreExplained() throws {
        let few = try trials(space3, count: 4) { p in p["x0"]!.doubleValue! }
        #expect(throws: AnalysisError.notEnoughData(needed: 5, got: 4, what: "complete trials for parameter importance")) {
            try ParameterImportance.fanova(space: space3, trials: few)
        }
        let flat = try trials(space3, count: 20) { _ in 1 }
        #expect(throws: AnalysisError.self) { try ParameterImportance.fanova(space: space3, trials: flat) }
        let e = AnalysisError.notEnoughData(needed: 5, got: 4, what: "complete trials for parameter importance")
        #expect(e.description.contains("run more trials"))
    }

    @Test func forestFitsAndPredicts() throws {
        var rng = Xoshiro256StarStar(seed: 4)
        let x = (0..<200).map { _ in [rng.nextUnit(), rng.nextUnit()] }
        let y = x.map { $0[0] < 0.5 ? 0.0 : 1.0 }
        let forest = try RegressionForest(x: x, y: y, options: .init(trees: 8, seed: 1))
        #expect(forest.predict([0.2, 0.9]) < 0.1)
        #expect(forest.predict([0.8, 0.1]) > 0.9)
        // Leaves partition the unit cube.
        for tree in forest.trees {
            let volume = tree.leaves(dimension: 2).reduce(0.0) { $0 + ($1.upper[0] - $1.lower[0]) * ($1.upper[1] - $1.lower[1]) }
            #expect(abs(volume - 1) < 1e-12)
        }
        #expect(throws: AnalysisError.nonFinite(row: 1, column: 0)) {
            try RegressionForest(x: [[0.1], [.nan]], y: [1, 2])
        }
        #expect(throws: AnalysisError.mismatchedLengths(rows: 2, targets: 1)) {
            try RegressionForest(x: [[0.1], [0.2]], y: [1])
        }
    }
}
