/// Failures of the dense linear-algebra routines.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The matrix stayed indefinite even after adding `jitter` to its diagonal.
    /// `minor` is the order of the leading minor that was not positive (1-based, as LAPACK reports it).
    case notPositiveDefinite(order: Int, minor: Int, jitter: Double)
    /// A matrix argument had the wrong shape.
    case dimensionMismatch(String)
    /// The matrix holds NaN or infinity.
    case nonFinite(String)
    /// LAPACK reported an illegal argument (a bug in the caller).
    case lapack(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(order, minor, jitter):
            return "matrix of order \(order) is not positive definite (leading minor \(minor) failed) "
                + "even with diagonal jitter \(jitter); check for duplicated inputs or a degenerate kernel"
        case let .dimensionMismatch(what):
            return "dimension mismatch: \(what)"
        case let .nonFinite(what):
            return "non-finite values in \(what)"
        case let .lapack(routine, info):
            return "LAPACK \(routine) rejected argument \(-info)"
        }
    }
}
