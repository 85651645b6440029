import Testing
@testable import SweepCore

/// Issue 18 item 2: integer expressions on user numbers never trap; ranges that cannot be handled
/// exactly are refused with a typed error naming the parameter.
@Suite struct IntegerOverflowTests {
    @Test func intRangeOverflowIsRefusedNotACrash() {
        // Both used to trap: `cardinality` ((upper − lower) overflows) and `validate` (upper − lower).
        #expect(throws: SearchSpaceError.intBoundOutOfRange(parameter: "x", bound: "max", value: Int.max)) {
            try SearchSpace([.int("x", 0, Int.max)])
        }
        #expect(throws: SearchSpaceError.intBoundOutOfRange(parameter: "x", bound: "min", value: -4_611_686_018_427_387_904)) {
            try SearchSpace([.int("x", -4_611_686_018_427_387_904, 4_611_686_018_427_387_904)])
        }
        #expect(throws: SearchSpaceError.intBoundOutOfRange(parameter: "x", bound: "min", value: Int.min)) {
            try SearchSpace([.int("x", Int.min, 0, step: Int.max)])
        }
        // Unvalidated domains still answer without trapping.
        #expect(ParameterDomain.int(lower: Int.min, upper: Int.max, log: false, step: 1).cardinality == Int.max)
        #expect(ParameterDomain.float(lower: -1e308, upper: 1e308, log: false, step: 1e-300).cardinality == Int.max)
        #expect(!ParameterDomain.int(lower: Int.min, upper: 0, log: false, step: 3).contains(.int(Int.max)))
    }

    @Test func floatRangesThatOverflowAreRefused() {
        #expect(throws: SearchSpaceError.rangeTooWide(parameter: "x", lower: "-1e+308", upper: "1e+308")) {
            try SearchSpace([.float("x", -1e308, 1e308)])
        }
        #expect(throws: SearchSpaceError.tooManyValues(parameter: "x", domain: "float[0.0, 1.0] step 1e-20")) {
            try SearchSpace([.float("x", 0, 1, step: 1e-20)])
        }
    }

    @Test func extremeIntRangesSampleEncodeAndGridExactly() throws {
        let limit = ParameterDomain.maxDiscreteMagnitude
        let space = try SearchSpace([
            .int("wide", -limit, limit),
            .int("stepped", -limit, limit, step: limit),
            .int("logwide", 1, limit, log: true),
            .float("big", -1e300, 1e300),
            .float("stepped_f", 0, 1e15, step: 1),
        ])
        for u in [0.0, 1e-300, 0.5, 1 - 1e-16, 1.0, .nan] {
            let a = try space.decode(Array(repeating: u, count: space.dimension))
            for p in space.parameters { #expect(p.domain.contains(a[p.name]!), "\(p.name) at u=\(u): \(a[p.name]!)") }
            let e = try space.encode(a)
            #expect(e.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        let low: [String: ParameterValue] = ["wide": .int(-limit), "stepped": .int(-limit), "logwide": 1, "big": -1e300, "stepped_f": 0.0]
        let high: [String: ParameterValue] = ["wide": .int(limit), "stepped": .int(limit), "logwide": .int(limit), "big": 1e300, "stepped_f": 1e15]
        let decodedLow = try space.decode([0, 0, 0, 0, 0]), decodedHigh = try space.decode([1, 1, 1, 1, 1])
        for p in space.parameters {
            #expect(decodedLow[p.name] == low[p.name], "\(p.name)")
            // exp(log(2^53)) is a few integers short: log-int decoding is exact to ~1e-15 relative.
            if p.name == "logwide", let v = decodedHigh[p.name]?.intValue {
                #expect(v <= limit && v >= limit - 16, "\(v)")
            } else {
                #expect(decodedHigh[p.name] == high[p.name], "\(p.name)")
            }
        }
        // Random sampling stays in range at the extremes.
        let random = RandomSampler()
        for n in 0..<50 {
            let s = try random.suggest(in: SamplingContext(space: space, trialNumber: n, seed: 7, direction: .minimize, trials: []))
            #expect(try space.normalized(s.params) == s.params)
        }
        // Grid over the int extremes: the last point is the upper bounds.
        let grid = try SearchSpace([.int("wide", -limit, limit, step: limit), .int("stepped", 0, limit, step: limit / 4)])
        let index = try GridIndex(grid)
        #expect(index.count == 15)
        #expect(index.point(at: 14) == ["wide": .int(limit), "stepped": .int(limit)])
    }
}
