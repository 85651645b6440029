import Foundation

/// How the GP sampler treats each unit-cube coordinate of a search space.
///
/// - continuous floats: used as is;
/// - ints, stepped floats (and log ints): relaxed to continuous while optimising the acquisition,
///   then **snapped** to the value's canonical coordinate (its bin centre, or the log position for
///   log ints) — the GP only ever sees and proposes snapped points;
/// - categoricals: compared by equality in the kernel (Hamming distance, see ``GPKernel``), held
///   fixed during gradient steps, chosen by candidate search plus a one-at-a-time sweep;
/// - inactive conditional coordinates (NaN in ``SearchSpace/encode(_:)``) are imputed with 0.5, a
///   fixed value: two trials that both lack a parameter then agree on it, and the parent's
///   coordinate (usually a categorical) separates the branches.
struct UnitCubeLayout: Sendable {
    enum Kind: Sendable { case continuous, discrete, categorical }
    let space: SearchSpace
    let kinds: [Kind]
    let categorical: [Bool]
    static let inactiveValue = 0.5

    init(_ space: SearchSpace) {
        self.space = space
        kinds = space.parameters.map { p in
            switch p.domain {
            case .categorical: return .categorical
            case .int: return .discrete
            case let .float(_, _, _, step): return step == nil ? .continuous : .discrete
            }
        }
        categorical = kinds.map { if case .categorical = $0 { return true } else { return false } }
    }

    var dimension: Int { kinds.count }

    /// Unit-cube row for an assignment (inactive → 0.5), or nil when it does not fit the space.
    func encode(_ params: [String: ParameterValue]) -> [Double]? {
        guard let u = try? space.encode(params) else { return nil }
        return u.map { $0.isNaN ? Self.inactiveValue : $0 }
    }

    /// Snaps discrete and categorical coordinates to their canonical positions and, in conditional
    /// spaces, resets inactive coordinates to 0.5.
    func canonicalize(_ u: inout [Double]) {
        for j in 0..<dimension where kinds[j] != .continuous {
            let domain = space.parameters[j].domain
            u[j] = SearchSpace.encode(SearchSpace.decode(u[j], in: domain), in: domain)
        }
        for j in 0..<dimension { u[j] = min(1, max(0, u[j])) }
        if space.isConditional, let a = try? space.decode(u) {
            for (j, p) in space.parameters.enumerated() where a[p.name] == nil { u[j] = Self.inactiveValue }
        }
    }

    /// Indices of coordinates that are active at `u` (all of them in unconditional spaces).
    func activeMask(_ u: [Double]) -> [Bool] {
        guard space.isConditional, let a = try? space.decode(u) else { return Array(repeating: true, count: dimension) }
        return space.parameters.map { a[$0.name] != nil }
    }
}
