/// A validated, ordered set of hyperparameters, possibly with conditional ones.
///
/// Construction checks every parameter (ranges, log bounds, steps, choices, grid points) and the
/// condition graph (no dangling parents, no cycles, condition values possible for the parent), so a
/// `SearchSpace` value is always usable. ``parameters`` keep declaration order; ``evaluationOrder``
/// lists them parents-first, which is the order samplers and ``decode(_:)`` fill values in.
public struct SearchSpace: Sendable, Hashable, Codable {
    /// Parameters in declaration order.
    public let parameters: [Parameter]
    /// Indices into ``parameters``, every parent before its children (stable otherwise).
    public let evaluationOrder: [Int]
    private let indexByName: [String: Int]

    /// Validates `parameters` and builds the space.
    /// - Throws: ``SearchSpaceError`` naming the offending parameter.
    public init(_ parameters: [Parameter]) throws {
        guard !parameters.isEmpty else { throw SearchSpaceError.emptySpace }
        var index: [String: Int] = [:]
        for (i, p) in parameters.enumerated() {
            guard !p.name.isEmpty else { throw SearchSpaceError.emptyName }
            guard index[p.name] == nil else { throw SearchSpaceError.duplicateName(p.name) }
            index[p.name] = i
            try SearchSpace.validate(p)
        }
        for p in parameters {
            guard let c = p.condition else { continue }
            guard let parentIndex = index[c.parent] else {
                throw SearchSpaceError.danglingCondition(parameter: p.name, parent: c.parent)
            }
            guard !c.values.isEmpty else { throw SearchSpaceError.emptyConditionValues(parameter: p.name) }
            let parent = parameters[parentIndex]
            for v in c.values where !parent.domain.contains(v) {
                throw SearchSpaceError.conditionValueNotInParent(parameter: p.name, parent: c.parent, value: v.description)
            }
        }
        self.parameters = parameters
        self.indexByName = index
        self.evaluationOrder = try SearchSpace.topologicalOrder(parameters, index: index)
    }

    /// Number of parameters (= coordinates of the unit-cube encoding).
    public var dimension: Int { parameters.count }

    /// The parameter called `name`, if any.
    public subscript(name: String) -> Parameter? {
        indexByName[name].map { parameters[$0] }
    }

    /// Position of `name` in ``parameters``.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// Whether any parameter has a condition.
    public var isConditional: Bool { parameters.contains { $0.condition != nil } }

    /// Whether parameter `p` is active given the (partial) assignment of its ancestors.
    public func isActive(_ p: Parameter, in assignment: [String: ParameterValue]) -> Bool {
        guard let c = p.condition else { return true }
        guard let parent = self[c.parent], isActive(parent, in: assignment) else { return false }
        return c.isSatisfied(by: assignment[c.parent])
    }

    /// Checks a full assignment and converts each value to its domain's canonical type.
    ///
    /// - Throws: ``SearchSpaceError`` for unknown names, missing active values, values given for
    ///   inactive parameters, and values outside their domain.
    public func normalized(_ assignment: [String: ParameterValue]) throws -> [String: ParameterValue] {
        for name in assignment.keys where indexByName[name] == nil {
            throw SearchSpaceError.unknownParameter(name)
        }
        var out: [String: ParameterValue] = [:]
        for i in evaluationOrder {
            let p = parameters[i]
            let active = isActive(p, in: out)
            let given = assignment[p.name]
            if !active {
                if given != nil {
                    throw SearchSpaceError.inactiveParameterGiven(parameter: p.name, condition: p.condition?.description ?? "")
                }
                continue
            }
            guard let given else { throw SearchSpaceError.missingValue(parameter: p.name) }
            guard let value = p.domain.normalized(given) else {
                throw SearchSpaceError.valueOutsideDomain(parameter: p.name, value: given.description, domain: p.domain.description)
            }
            out[p.name] = value
        }
        return out
    }

    /// Human-readable differences between two spaces (empty when equal), for refusing a resume with a
    /// changed space.
    public func differences(from old: SearchSpace) -> [String] {
        var diffs: [String] = []
        for p in old.parameters where self[p.name] == nil { diffs.append("- removed parameter '\(p.name)' (\(p.domain))") }
        for p in parameters {
            guard let q = old[p.name] else { diffs.append("+ added parameter '\(p.name)' (\(p.domain))"); continue }
            if p.domain != q.domain { diffs.append("~ '\(p.name)': \(q.domain) → \(p.domain)") }
            if p.condition != q.condition {
                diffs.append("~ '\(p.name)' condition: \(q.condition?.description ?? "none") → \(p.condition?.description ?? "none")")
            }
            if p.gridValues != q.gridValues {
                let f = { (v: [ParameterValue]?) in v.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" } ?? "none" }
                diffs.append("~ '\(p.name)' grid values: \(f(q.gridValues)) → \(f(p.gridValues))")
            }
        }
        return diffs
    }

    // MARK: - Validation

    static func validate(_ p: Parameter) throws {
        let name = p.name
        let f = ParameterValue.format
        switch p.domain {
        case let .float(lower, upper, log, step):
            guard lower.isFinite else { throw SearchSpaceError.nonFiniteBound(parameter: name, bound: "min", value: lower) }
            guard upper.isFinite else { throw SearchSpaceError.nonFiniteBound(parameter: name, bound: "max", value: upper) }
            guard lower <= upper else { throw SearchSpaceError.invertedRange(parameter: name, lower: f(lower), upper: f(upper)) }
            guard lower < upper else { throw SearchSpaceError.emptyRange(parameter: name, lower: f(lower), upper: f(upper)) }
            guard (upper - lower).isFinite else { throw SearchSpaceError.rangeTooWide(parameter: name, lower: f(lower), upper: f(upper)) }
            if log && lower <= 0 { throw SearchSpaceError.logNeedsPositiveLower(parameter: name, lower: f(lower)) }
            if let step {
                if log { throw SearchSpaceError.logWithStep(parameter: name) }
                guard step.isFinite, step > 0 else { throw SearchSpaceError.nonPositiveStep(parameter: name, step: f(step)) }
                let k = (upper - lower) / step
                guard k < Double(ParameterDomain.maxDiscreteMagnitude) else {
                    throw SearchSpaceError.tooManyValues(parameter: name, domain: p.domain.description)
                }
                guard abs(k - k.rounded()) <= 1e-9 * max(1, k) else {
                    throw SearchSpaceError.stepDoesNotDivideRange(parameter: name, step: f(step), lower: f(lower), upper: f(upper))
                }
            }
        case let .int(lower, upper, log, step):
            let limit = ParameterDomain.maxDiscreteMagnitude
            for (bound, v) in [("min", lower), ("max", upper)] where v < -limit || v > limit {
                throw SearchSpaceError.intBoundOutOfRange(parameter: name, bound: bound, value: v)
            }
            guard lower <= upper else { throw SearchSpaceError.invertedRange(parameter: name, lower: "\(lower)", upper: "\(upper)") }
            guard lower < upper else { throw SearchSpaceError.emptyRange(parameter: name, lower: "\(lower)", upper: "\(upper)") }
            guard step > 0 else { throw SearchSpaceError.nonPositiveStep(parameter: name, step: "\(step)") }
            if log && lower < 1 { throw SearchSpaceError.logNeedsPositiveLower(parameter: name, lower: "\(lower)") }
            if log && step != 1 { throw SearchSpaceError.logWithStep(parameter: name) }
            guard (upper - lower) % step == 0 else {
                throw SearchSpaceError.stepDoesNotDivideRange(parameter: name, step: "\(step)", lower: "\(lower)", upper: "\(upper)")
            }
        case let .categorical(choices):
            guard !choices.isEmpty else { throw SearchSpaceError.emptyChoices(parameter: name) }
            for (i, c) in choices.enumerated() {
                if case let .float(v) = c, !v.isFinite {
                    throw SearchSpaceError.valueOutsideDomain(parameter: name, value: c.description, domain: "finite values")
                }
                if choices[..<i].contains(where: { $0.matches(c) }) {
                    throw SearchSpaceError.duplicateChoice(parameter: name, value: c.description)
                }
            }
        }
        if let grid = p.gridValues {
            guard !grid.isEmpty else { throw SearchSpaceError.emptyChoices(parameter: name) }
            for v in grid where !p.domain.contains(v) {
                throw SearchSpaceError.gridValueOutsideDomain(parameter: name, value: v.description, domain: p.domain.description)
            }
        }
    }

    static func topologicalOrder(_ parameters: [Parameter], index: [String: Int]) throws -> [Int] {
        // Depth-first from each parameter in declaration order; parents first.
        var state = [UInt8](repeating: 0, count: parameters.count)  // 0 new, 1 on stack, 2 done
        var order: [Int] = []
        var stack: [Int] = []
        func visit(_ i: Int) throws {
            if state[i] == 2 { return }
            if state[i] == 1 {
                let start = stack.firstIndex(of: i) ?? 0
                throw SearchSpaceError.conditionCycle((stack[start...] + [i]).map { parameters[$0].name })
            }
            state[i] = 1
            stack.append(i)
            if let c = parameters[i].condition, let parent = index[c.parent] { try visit(parent) }
            stack.removeLast()
            state[i] = 2
            order.append(i)
        }
        for i in parameters.indices { try visit(i) }
        return order
    }
}
