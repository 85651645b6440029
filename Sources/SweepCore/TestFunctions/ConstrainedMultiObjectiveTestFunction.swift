import Foundation

/// A multi-objective benchmark with constraints `c_j(x) ≤ 0` (feasible), its reference point and the
/// maximum feasible hypervolume.
///
/// - `constrained_branincurrin` (BoTorch's `ConstrainedBraninCurrin`, disk constraint of Gelbart et
///   al. 2014): the objectives of ``MultiObjectiveTestFunction/braninCurrin``, feasible inside the disk
///   `(x₀′ − 2.5)² + (x₁′ − 7.5)² ≤ 50` on the Branin-rescaled point `(15x₀ − 5, 15x₁)`; here
///   `c(x) = (x₀′ − 2.5)² + (x₁′ − 7.5)² − 50`. Reference (80, 12); maximum hypervolume
///   608.4004237022673 (BoTorch's `_max_hv`, "from NSGA-II with 90k evaluations": approximate, so a
///   run may exceed it very slightly).
public struct ConstrainedMultiObjectiveTestFunction: Sendable {
    /// The objectives (its reference point and maximum hypervolume are the unconstrained problem's).
    public let objectives: MultiObjectiveTestFunction
    /// Name, e.g. `constrained_branincurrin`.
    public let name: String
    /// Number of constraint values.
    public let constraintCount: Int
    /// Reference point of the constrained problem.
    public let referencePoint: [Double]
    /// Hypervolume of the feasible Pareto front with respect to ``referencePoint``.
    public let maxHypervolume: Double
    private let constraintFunction: @Sendable ([Double]) -> [Double]

    /// Number of inputs.
    public var dimension: Int { objectives.dimension }

    /// The objective vector at `x` (see ``MultiObjectiveTestFunction/callAsFunction(_:)``).
    public func callAsFunction(_ x: [Double]) -> [Double] { objectives(x) }

    /// The constraint values at `x` (`≤ 0` = satisfied; inputs clamped to the box).
    public func constraints(_ x: [Double]) -> [Double] {
        precondition(x.count == dimension, "\(name) takes \(dimension) inputs, got \(x.count)")
        return constraintFunction(zip(x, objectives.bounds).map { min($1.upperBound, max($1.lowerBound, $0)) })
    }

    /// Looks a problem up by name (`constrained_branincurrin`); nil for other names.
    public static func named(_ name: String) -> ConstrainedMultiObjectiveTestFunction? {
        name.lowercased() == "constrained_branincurrin" ? constrainedBraninCurrin : nil
    }

    public static let constrainedBraninCurrin = ConstrainedMultiObjectiveTestFunction(
        objectives: .braninCurrin, name: "constrained_branincurrin", constraintCount: 1, referencePoint: [80, 12],
        maxHypervolume: 608.4004237022673
    ) { x in
        let a = 15 * x[0] - 5 - 2.5, b = 15 * x[1] - 7.5
        return [a * a + b * b - 50]
    }

    init(objectives: MultiObjectiveTestFunction, name: String, constraintCount: Int, referencePoint: [Double],
         maxHypervolume: Double, constraints: @escaping @Sendable ([Double]) -> [Double]) {
        self.objectives = objectives
        self.name = name
        self.constraintCount = constraintCount
        self.referencePoint = referencePoint
        self.maxHypervolume = maxHypervolume
        self.constraintFunction = constraints
    }
}
