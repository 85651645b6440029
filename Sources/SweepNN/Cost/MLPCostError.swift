/// Why ``MLPCost/measure(model:schedule:)`` could not time a model.
public enum MLPCostError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The model's parameter vector does not fit its layout.
    case parameterCountMismatch(expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .parameterCountMismatch(expected, got):
            return "the model has \(got) parameters but its layout needs \(expected); "
                + "load it from a checkpoint or trainer instead of editing `parameters`"
        }
    }
}
