import SweepCore

/// Parses one entry of `parameters:`.
///
/// ```yaml
/// lr:         {type: float, min: 1e-4, max: 1e-1, log: true}
/// dropout:    {type: float, min: 0, max: 0.5, step: 0.1}
/// layers:     {type: int, min: 1, max: 4}
/// batch_size: {type: int, values: [32, 64, 128]}        # int with explicit grid points
/// activation: {values: [relu, tanh, gelu]}              # categorical (type optional)
/// momentum:   {type: float, min: 0, max: 0.99, when: {optimizer: [sgd, nesterov]}}
/// ```
/// For `float`/`int`, `values` lists the grid points (min/max default to their range).
enum ParameterSpecParser {
    static let keys = ["type", "min", "max", "log", "step", "values", "when"]

    static func parse(name: String, _ node: ConfigNode) throws -> Parameter {
        let f = try node.fields(allowed: keys)
        let values = try f["values"].map { v -> [ParameterValue] in
            let items = try v.list()
            guard !items.isEmpty else { throw v.error("needs at least one value") }
            return try items.map { try $0.parameterValue() }
        }
        let typeName = try f["type"].map { try $0.string().lowercased() } ?? (values != nil ? "categorical" : nil)
        guard let typeName else {
            throw node.error("needs 'type' (float, int or categorical) or a list of 'values'")
        }
        let condition = try f["when"].map { try parseCondition($0) }
        func refuse(_ keysNotAllowed: [String], for type: String) throws {
            for k in keysNotAllowed { if let n = f[k] { throw n.error("'\(k)' does not apply to a \(type) parameter") } }
        }
        switch typeName {
        case "float", "double", "real", "continuous":
            let lower: Double, upper: Double
            if let values {
                for (i, v) in values.enumerated() where v.doubleValue == nil {
                    throw f["values"]!.child("[\(i)]", .init("")).error("float values must be numbers, got '\(v)'")
                }
                let nums = values.map { $0.doubleValue! }
                lower = try f["min"]?.finiteDouble() ?? nums.min()!
                upper = try f["max"]?.finiteDouble() ?? nums.max()!
            } else {
                guard let lo = f["min"] else { throw node.error("float parameter needs 'min'") }
                guard let hi = f["max"] else { throw node.error("float parameter needs 'max'") }
                lower = try lo.finiteDouble()
                upper = try hi.finiteDouble()
            }
            let log = try f["log"]?.bool() ?? false
            let step = try f["step"].map { try $0.finiteDouble() }
            var domain = ParameterDomain.float(lower: lower, upper: upper, log: log, step: step)
            if values != nil && lower == upper { domain = .float(lower: lower, upper: upper.nextUp, log: log, step: step) }
            return Parameter(name, domain, condition: condition, gridValues: values?.map { .float($0.doubleValue!) })
        case "int", "integer":
            let lower: Int, upper: Int
            if let values {
                var ints: [Int] = []
                for (i, v) in values.enumerated() {
                    guard let x = v.intValue else {
                        throw f["values"]!.child("[\(i)]", .init("")).error("int values must be whole numbers, got '\(v)'")
                    }
                    ints.append(x)
                }
                lower = try f["min"]?.int() ?? ints.min()!
                upper = try f["max"]?.int() ?? ints.max()!
            } else {
                guard let lo = f["min"] else { throw node.error("int parameter needs 'min'") }
                guard let hi = f["max"] else { throw node.error("int parameter needs 'max'") }
                lower = try lo.int()
                upper = try hi.int()
            }
            let log = try f["log"]?.bool() ?? false
            let step = try f["step"]?.int() ?? 1
            var top = upper
            if upper == lower && values != nil {
                // A single grid value: widen the declared range by one step so it is not empty.
                let (widened, overflow) = upper.addingReportingOverflow(step)
                guard !overflow else { throw (f["step"] ?? node).error("step \(step) is too large for max \(upper)") }
                top = widened
            }
            return Parameter(name, .int(lower: lower, upper: top, log: log, step: step),
                             condition: condition, gridValues: values?.map { .int($0.intValue!) })
        case "categorical", "choice", "enum":
            try refuse(["min", "max", "log", "step"], for: "categorical")
            guard let values else { throw node.error("categorical parameter needs 'values: [...]'") }
            return Parameter(name, .categorical(values), condition: condition)
        default:
            throw f["type"]!.error("unknown type '\(typeName)'; use float, int or categorical")
        }
    }

    /// `when: {parent: value}` or `when: {parent: [v1, v2]}`.
    static func parseCondition(_ node: ConfigNode) throws -> Condition {
        let entries = try node.entries()
        guard entries.count == 1, let (parent, valuesNode) = entries.first else {
            throw node.error("expected exactly one parent, like {optimizer: [sgd, momentum]}")
        }
        let values: [ParameterValue]
        if case .sequence = valuesNode.node {
            values = try valuesNode.list().map { try $0.parameterValue() }
        } else {
            values = [try valuesNode.parameterValue()]
        }
        return Condition(parent: parent, in: values)
    }
}
