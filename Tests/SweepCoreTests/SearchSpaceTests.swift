import SweepCore
import SweepMath
import Testing

/// Builds a random valid search space (hypothesis-style generator driven by a seeded stream).
func randomSpace(_ rng: inout Xoshiro256StarStar) -> SearchSpace {
    let count = 1 + rng.nextIndex(7)
    var params: [Parameter] = []
    for i in 0..<count {
        let name = "p\(i)"
        switch rng.nextIndex(7) {
        case 0:
            let lo = rng.nextUniform(-100, 100)
            params.append(.float(name, lo, lo + rng.nextUniform(1e-3, 50)))
        case 1:
            let lo = exp(rng.nextUniform(-12, 2))
            params.append(.float(name, lo, lo * exp(rng.nextUniform(0.1, 10)), log: true))
        case 2:
            let step = [0.1, 0.25, 0.5, 2.0][rng.nextIndex(4)]
            let lo = Double(rng.nextIndex(20)) * 0.5 - 5
            params.append(.float(name, lo, lo + step * Double(1 + rng.nextIndex(30)), step: step))
        case 3:
            let lo = rng.nextIndex(50) - 25
            params.append(.int(name, lo, lo + 1 + rng.nextIndex(200)))
        case 4:
            let lo = 1 + rng.nextIndex(20)
            params.append(.int(name, lo, lo + 1 + rng.nextIndex(5000), log: true))
        case 5:
            let step = 1 + rng.nextIndex(5)
            let lo = rng.nextIndex(10)
            params.append(.int(name, lo, lo + step * (1 + rng.nextIndex(12)), step: step))
        default:
            let pool: [ParameterValue] = ["relu", "tanh", 3, 0.5, true, false, "gelu", -7]
            var choices: [ParameterValue] = []
            for c in pool where rng.nextUnit() < 0.5 { choices.append(c) }
            if choices.isEmpty { choices = ["only"] }
            params.append(.categorical(name, choices))
        }
        // Sometimes make it conditional on an earlier categorical.
        if i > 0, rng.nextUnit() < 0.3,
           let parent = params[..<i].last(where: { if case .categorical = $0.domain { return true }; return false }),
           case let .categorical(choices) = parent.domain {
            params[i].condition = Condition(parent: parent.name, in: [choices[rng.nextIndex(choices.count)]])
        }
    }
    return try! SearchSpace(params)
}

import Foundation

@Suite struct SearchSpaceTests {
    @Test func encodingRoundTripsOverManyRandomSpaces() throws {
        var rng = Xoshiro256StarStar(seed: 2024)
        var checkedDiscrete = 0, checkedContinuous = 0
        for _ in 0..<400 {
            let space = randomSpace(&rng)
            for _ in 0..<25 {
                let u = (0..<space.dimension).map { _ in rng.nextUnit() }
                let a = try space.decode(u)
                // Every decoded value is a member of its domain and the assignment is valid.
                let normalized = try space.normalized(a)
                #expect(normalized == a)
                let e = try space.encode(a)
                let back = try space.decode(e)
                for p in space.parameters {
                    let active = space.isActive(p, in: a)
                    #expect(active == (a[p.name] != nil))
                    #expect(e[space.index(of: p.name)!].isNaN == !active)
                    guard let v = a[p.name], let w = back[p.name] else {
                        #expect(back[p.name] == nil)
                        continue
                    }
                    if case let .float(lo, hi, _, nil) = p.domain {
                        let tol = 1e-12 * max(abs(lo), abs(hi), 1)
                        #expect(abs(v.doubleValue! - w.doubleValue!) <= tol, "\(p.name) \(p.domain): \(v) vs \(w)")
                        checkedContinuous += 1
                    } else {
                        #expect(v == w, "\(p.name) \(p.domain): \(v) vs \(w)")
                        checkedDiscrete += 1
                    }
                    let coordinate = e[space.index(of: p.name)!]
                    #expect(coordinate >= 0 && coordinate <= 1)
                }
            }
        }
        #expect(checkedDiscrete > 10_000)
        #expect(checkedContinuous > 3_000)
    }

    @Test func everyDiscreteValueIsReachableAndExact() throws {
        let space = try SearchSpace([
            .int("n", 1, 1000, log: true),
            .int("k", 0, 30, step: 3),
            .float("s", -1, 1, step: 0.25),
            .categorical("act", ["relu", "tanh", true, 2]),
        ])
        for v in 1...1000 {
            let u = SearchSpace.encode(.int(v), in: space["n"]!.domain)
            #expect(SearchSpace.decode(u, in: space["n"]!.domain) == .int(v))
        }
        for k in stride(from: 0, through: 30, by: 3) {
            let u = SearchSpace.encode(.int(k), in: space["k"]!.domain)
            #expect(SearchSpace.decode(u, in: space["k"]!.domain) == .int(k))
        }
        for i in 0...8 {
            let v = -1 + 0.25 * Double(i)
            let u = SearchSpace.encode(.float(v), in: space["s"]!.domain)
            #expect(SearchSpace.decode(u, in: space["s"]!.domain) == .float(v))
        }
        // Boundaries of the cube decode to the extreme values.
        #expect(SearchSpace.decode(0, in: space["n"]!.domain) == .int(1))
        #expect(SearchSpace.decode(1, in: space["n"]!.domain) == .int(1000))
        #expect(SearchSpace.decode(1, in: space["act"]!.domain) == .int(2))
    }

    @Test func logScaleIsUniformInLogSpace() throws {
        let d = ParameterDomain.float(lower: 1e-4, upper: 1e-1, log: true)
        #expect(abs(SearchSpace.decode(0.5, in: d).doubleValue! - pow(10, -2.5)) < 1e-15)
        #expect(abs(SearchSpace.encode(.float(1e-3), in: d) - 1.0 / 3) < 1e-12)
    }

    @Test func conditionalParametersOnlyAppearWhenActive() throws {
        let space = try SearchSpace([
            .categorical("optimizer", ["sgd", "adam"]),
            .float("momentum", 0, 0.99, when: Condition(parent: "optimizer", in: ["sgd"])),
            .float("beta1", 0.8, 0.999, when: Condition(parent: "optimizer", in: ["adam"])),
            .float("nesterov_gamma", 0.1, 1, when: Condition(parent: "momentum", in: [0.5])),
        ])
        let sgd = try space.decode([0.1, 0.5, 0.5, 0.5])
        #expect(sgd["optimizer"] == "sgd" && sgd["momentum"] != nil && sgd["beta1"] == nil)
        let adam = try space.decode([0.9, 0.5, 0.5, 0.5])
        #expect(adam["beta1"] != nil && adam["momentum"] == nil)
        #expect(throws: SearchSpaceError.inactiveParameterGiven(parameter: "beta1", condition: "optimizer in [adam]")) {
            try space.normalized(["optimizer": "sgd", "momentum": 0.5, "beta1": 0.9])
        }
        #expect(throws: SearchSpaceError.missingValue(parameter: "momentum")) {
            try space.normalized(["optimizer": "sgd"])
        }
    }

    @Test func childDeclaredBeforeParentIsOrderedAfterIt() throws {
        let space = try SearchSpace([
            .float("momentum", 0, 0.9, when: Condition(parent: "optimizer", in: ["sgd"])),
            .categorical("optimizer", ["sgd", "adam"]),
        ])
        #expect(space.evaluationOrder == [1, 0])
        #expect(try space.decode([0.5, 0.1])["momentum"] != nil)
    }

    @Test func normalizationRestoresDeclaredTypes() throws {
        let space = try SearchSpace([.int("layers", 1, 4), .float("lr", 0.5, 2), .categorical("c", [1, 2.5])])
        let n = try space.normalized(["layers": .float(3), "lr": .int(1), "c": .float(1)])
        #expect(n == ["layers": .int(3), "lr": .float(1), "c": .int(1)])
        #expect(throws: SearchSpaceError.valueOutsideDomain(parameter: "layers", value: "5", domain: "int[1, 4]")) {
            try space.normalized(["layers": 5, "lr": 1.0, "c": 1])
        }
        #expect(throws: SearchSpaceError.unknownParameter("nodes")) {
            try space.normalized(["layers": 2, "lr": 1.0, "c": 1, "nodes": 3])
        }
    }

    @Test func diffNamesWhatChanged() throws {
        let a = try SearchSpace([.float("lr", 1e-4, 1e-1, log: true), .int("layers", 1, 4)])
        let b = try SearchSpace([.float("lr", 1e-5, 1e-1, log: true), .int("nodes", 8, 512)])
        let diff = b.differences(from: a)
        #expect(diff.count == 3)
        #expect(diff.contains { $0.contains("removed parameter 'layers'") })
        #expect(diff.contains { $0.contains("added parameter 'nodes'") })
        #expect(diff.contains { $0.contains("'lr'") })
        #expect(a.differences(from: a).isEmpty)
    }

    @Test(arguments: [
        ([Parameter]([]), "no parameters"),
        ([.float("", 0, 1)], "empty name"),
        ([.float("x", 0, 1), .int("x", 0, 3)], "'x' is defined more than once"),
        ([.float("x", 1, 0)], "min 1.0 is greater than max 0.0"),
        ([.float("x", 2, 2)], "single value"),
        ([.int("n", 5, 2)], "min 5 is greater than max 2"),
        ([.float("lr", 0, 1, log: true)], "log scale needs min > 0"),
        ([.int("n", 0, 10, log: true)], "log scale needs min > 0"),
        ([.float("x", 0, 1, step: 0.3)], "step 0.3 does not divide"),
        ([.int("n", 0, 10, step: 3)], "step 3 does not divide"),
        ([.float("x", 0, 1, step: -0.5)], "step must be positive"),
        ([.float("x", 1e-3, 1, log: true, step: 0.001)], "log scale cannot be combined with a step"),
        ([.categorical("c", [])], "needs at least one value"),
        ([.categorical("c", ["a", "a"])], "value a is listed twice"),
        ([.float("x", 0, 1, when: Condition(parent: "opt", in: ["sgd"]))], "unknown parameter 'opt'"),
        ([.categorical("a", ["x"], when: Condition(parent: "b", in: ["y"])),
          .categorical("b", ["y"], when: Condition(parent: "a", in: ["x"]))], "cycle"),
        ([.categorical("o", ["sgd"]), .float("m", 0, 1, when: Condition(parent: "o", in: ["adam"]))],
         "condition value adam is not a possible value of 'o'"),
        ([.float("x", -.infinity, 1)], "finite"),
        ([Parameter("x", .float(lower: 0, upper: 1), gridValues: [0.5, 2])], "grid value 2 is outside"),
    ] as [([Parameter], String)])
    func invalidSpacesAreRejectedWithANamedReason(params: [Parameter], fragment: String) {
        do {
            _ = try SearchSpace(params)
            Issue.record("expected an error containing '\(fragment)'")
        } catch let error as SearchSpaceError {
            #expect(error.description.contains(fragment), "\(error.description)")
        } catch {
            Issue.record("untyped error \(error)")
        }
    }
}
