/// Why a search space or a parameter assignment is invalid. Every case names the parameter.
public enum SearchSpaceError: Error, CustomStringConvertible, Equatable, Sendable {
    case emptySpace
    case emptyName
    case duplicateName(String)
    case nonFiniteBound(parameter: String, bound: String, value: Double)
    case emptyRange(parameter: String, lower: String, upper: String)
    case invertedRange(parameter: String, lower: String, upper: String)
    case rangeTooWide(parameter: String, lower: String, upper: String)
    case intBoundOutOfRange(parameter: String, bound: String, value: Int)
    case tooManyValues(parameter: String, domain: String)
    case logNeedsPositiveLower(parameter: String, lower: String)
    case logWithStep(parameter: String)
    case nonPositiveStep(parameter: String, step: String)
    case stepDoesNotDivideRange(parameter: String, step: String, lower: String, upper: String)
    case emptyChoices(parameter: String)
    case duplicateChoice(parameter: String, value: String)
    case danglingCondition(parameter: String, parent: String)
    case conditionCycle([String])
    case conditionValueNotInParent(parameter: String, parent: String, value: String)
    case emptyConditionValues(parameter: String)
    case gridValueOutsideDomain(parameter: String, value: String, domain: String)
    case missingValue(parameter: String)
    case valueOutsideDomain(parameter: String, value: String, domain: String)
    case unknownParameter(String)
    case inactiveParameterGiven(parameter: String, condition: String)
    case wrongDimension(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .emptySpace:
            return "the search space has no parameters"
        case .emptyName:
            return "a parameter has an empty name"
        case let .duplicateName(name):
            return "parameter '\(name)' is defined more than once"
        case let .nonFiniteBound(p, bound, v):
            return "parameter '\(p)': \(bound) must be a finite number, got \(v)"
        case let .emptyRange(p, lo, hi):
            return "parameter '\(p)': range [\(lo), \(hi)] holds a single value; widen it or make it a fixed setting"
        case let .invertedRange(p, lo, hi):
            return "parameter '\(p)': min \(lo) is greater than max \(hi)"
        case let .rangeTooWide(p, lo, hi):
            return "parameter '\(p)': range [\(lo), \(hi)] is too wide (max − min is not a finite number); narrow it or use log: true"
        case let .intBoundOutOfRange(p, bound, v):
            return "parameter '\(p)': \(bound) \(v) is outside ±\(ParameterDomain.maxDiscreteMagnitude) (2^53, the largest integers stored exactly); use a smaller range"
        case let .tooManyValues(p, domain):
            return "parameter '\(p)': \(domain) has more than 2^53 values; use a larger step (or no step)"
        case let .logNeedsPositiveLower(p, lo):
            return "parameter '\(p)': log scale needs min > 0 (and ≥ 1 for int), got min \(lo)"
        case let .logWithStep(p):
            return "parameter '\(p)': log scale cannot be combined with a step"
        case let .nonPositiveStep(p, step):
            return "parameter '\(p)': step must be positive, got \(step)"
        case let .stepDoesNotDivideRange(p, step, lo, hi):
            return "parameter '\(p)': step \(step) does not divide the range [\(lo), \(hi)]"
        case let .emptyChoices(p):
            return "parameter '\(p)': categorical needs at least one value"
        case let .duplicateChoice(p, v):
            return "parameter '\(p)': value \(v) is listed twice"
        case let .danglingCondition(p, parent):
            return "parameter '\(p)': condition refers to unknown parameter '\(parent)'"
        case let .conditionCycle(names):
            return "conditions form a cycle: " + names.joined(separator: " → ")
        case let .conditionValueNotInParent(p, parent, v):
            return "parameter '\(p)': condition value \(v) is not a possible value of '\(parent)'"
        case let .emptyConditionValues(p):
            return "parameter '\(p)': condition lists no parent values"
        case let .gridValueOutsideDomain(p, v, domain):
            return "parameter '\(p)': grid value \(v) is outside \(domain)"
        case let .missingValue(p):
            return "parameter '\(p)' is active but has no value"
        case let .valueOutsideDomain(p, v, domain):
            return "parameter '\(p)': value \(v) is outside \(domain)"
        case let .unknownParameter(name):
            return "unknown parameter '\(name)'"
        case let .inactiveParameterGiven(p, condition):
            return "parameter '\(p)' was given but is inactive (its condition \(condition) does not hold)"
        case let .wrongDimension(expected, got):
            return "unit-cube point has \(got) coordinates, the space has \(expected)"
        }
    }
}
