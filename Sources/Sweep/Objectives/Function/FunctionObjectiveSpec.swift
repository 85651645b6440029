import SweepCore

/// `objective: {kind: function, function: ackley, dimension: 5, noise: 0.1}`.
public struct FunctionObjectiveSpec: Sendable, Equatable {
    /// The test function (for a multi-objective one, its first objective).
    public var function: TestFunction
    /// The multi-objective test function (`branin_currin`, `zdt1`, `dtlz2_<m>`, …) when the config names
    /// one; its outputs are the sweep's `metrics:` in order. Nil for single-objective functions.
    public var objectives: MultiObjectiveTestFunction? = nil
    /// Standard deviation of Gaussian noise added to each evaluation (0 = exact), drawn from the trial's
    /// seeded stream.
    public var noise: Double
    /// When set, each evaluation takes this many steps: step t reports f at fidelity t/steps (the
    /// multi-fidelity form of the function), so schedulers and pruners can be tested quickly.
    public var steps: Int?
    /// Seconds each step takes (a sleep), to simulate training time in tests and demos of scheduling,
    /// interruption and resume. 0 by default.
    public var stepTime: Double

    public static func == (a: FunctionObjectiveSpec, b: FunctionObjectiveSpec) -> Bool {
        a.function.name == b.function.name && a.objectives?.name == b.objectives?.name && a.noise == b.noise && a.steps == b.steps && a.stepTime == b.stepTime
    }

    /// Most inputs a test function may take (each is a search parameter).
    static let maxDimension = 10_000
    /// Most steps an evaluation may take (the same bound as a scheduler's `max_resource`).
    static let maxSteps = 1_000_000_000

    static func parse(_ node: ConfigNode) throws -> FunctionObjectiveSpec {
        let f = try node.fields(allowed: ["kind", "function", "dimension", "noise", "steps", "step_time"])
        guard let nameNode = f["function"] else {
            throw node.error("needs 'function' (one of \(TestFunction.availableNames.joined(separator: ", ")))")
        }
        let name = try nameNode.nonEmptyString()
        let dimension = try f["dimension"]?.positiveInt()
        if let d = dimension, d > maxDimension, let n = f["dimension"] { throw n.error("must be at most \(maxDimension), got \(d)") }
        // The trailing digits (5 in ackley5), walked by hand: reversed/prefix views of a String cost every
        // `sweep ask`/`tell` a round of generic-metadata instantiation at start-up.
        var start = name.utf8.endIndex
        while start > name.utf8.startIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(name.utf8[name.utf8.index(before: start)]) {
            start = name.utf8.index(before: start)
        }
        let digits = String(name[start...])
        if !digits.isEmpty, (Int(digits) ?? Int.max) > maxDimension {
            throw nameNode.error("'\(name)': dimension \(digits) is more than \(maxDimension)")
        }
        if let vector = multiObjective(name), dimension == nil {
            guard f["steps"] == nil else { throw (f["steps"] ?? node).error("'\(name)' has several objectives; steps (multi-fidelity) needs a single-objective function") }
            let noise = try f["noise"]?.finiteDouble() ?? 0
            if noise < 0, let n = f["noise"] { throw n.error("must be zero or more, got \(noise)") }
            return FunctionObjectiveSpec(function: TestFunction(name: vector.name, bounds: vector.bounds, minimum: .nan,
                                                                minimizer: [], function: { vector($0)[0] }),
                                         objectives: vector, noise: noise, steps: nil, stepTime: 0)
        }
        guard let function = TestFunction.named(name, dimension: dimension) else {
            throw nameNode.error("unknown test function '\(name)'" + (dimension.map { " with dimension \($0)" } ?? "")
                                 + "; available: " + (TestFunction.availableNames + multiObjectiveNames).joined(separator: ", "))
        }
        let noise = try f["noise"]?.finiteDouble() ?? 0
        if noise < 0, let n = f["noise"] { throw n.error("must be zero or more, got \(noise)") }
        let steps = try f["steps"]?.positiveInt()
        if let n = steps, n > maxSteps, let node = f["steps"] { throw node.error("must be at most \(maxSteps), got \(n)") }
        let stepTime = try f["step_time"]?.finiteDouble() ?? 0
        if let n = f["step_time"] {
            guard stepTime >= 0 else { throw n.error("must be zero or more seconds, got \(stepTime)") }
            guard steps != nil else { throw n.error("needs 'steps'") }
        }
        return FunctionObjectiveSpec(function: function, noise: noise, steps: steps, stepTime: stepTime)
    }

    /// Names of the multi-objective test functions a config may use (with several `metrics:`).
    static let multiObjectiveNames = ["branin_currin"] + MultiObjectiveTestFunction.availableNames.filter { $0 != "branincurrin" }

    /// The multi-objective test function `name` names (`branin_currin` or `branincurrin`, `zdt1`, …).
    static func multiObjective(_ name: String) -> MultiObjectiveTestFunction? {
        MultiObjectiveTestFunction.named(name.lowercased() == "branin_currin" ? "branincurrin" : name)
    }
}
