/// A decoded `POST …/infer` body: the input rows as `Float`s and the outputs asked for.
///
/// Accepted (Open Inference Protocol v2, JSON): `{"id"?, "parameters"?, "inputs": [{"name": "input",
/// "shape": [n, features], "datatype": "FP32" | "FP64", "data": [...]}], "outputs"?: [{"name": ...}]}`
/// with `data` row-major, flat or nested to the shape. Values are converted to `Float` as
/// `Float(Double(text))`, exactly as `sweep predict` reads CSV, so predictions agree bit for bit.
struct InferenceRequest {
    var id: String?
    var rows: Int
    var features: [Float]
    /// Names of the requested outputs, nil for all.
    var outputs: [String]?

    /// Largest batch accepted in one request (rows).
    static let maxRows = 1 << 20

    /// Parses and checks `body` against `model`'s signature.
    /// - Throws: ``InferenceError`` 400 naming the field and what is wrong.
    init(body: [UInt8], model: ServedModel) throws {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch let e as JSONSyntaxError {
            throw InferenceError.badRequest(e.description)
        }
        guard case .object = json else { throw InferenceError.badRequest("the request body must be a JSON object, not \(json.kind)") }
        switch json["id"] {
        case nil, .null?: id = nil
        case let .string(s)?: id = s
        case let other?: throw InferenceError.badRequest("'id' must be a string, not \(other.kind)")
        }
        guard case let .array(inputs)? = json["inputs"] else {
            throw InferenceError.badRequest("the request needs 'inputs': [{\"name\": \"input\", \"shape\": [n, \(model.featureCount)], \"datatype\": \"FP32\", \"data\": [...]}]")
        }
        guard inputs.count == 1 else {
            throw InferenceError.badRequest("model '\(model.name)' takes exactly one input tensor 'input'; got \(inputs.count)")
        }
        let input = inputs[0]
        guard case let .string(name)? = input["name"] else { throw InferenceError.badRequest("inputs[0] needs a string 'name'") }
        guard name == ServedModel.inputName else {
            throw InferenceError.badRequest("unknown input '\(name)'; model '\(model.name)' takes 'input'")
        }
        guard case let .string(datatype)? = input["datatype"] else { throw InferenceError.badRequest("input 'input' needs a 'datatype' (FP32 or FP64)") }
        guard datatype == "FP32" || datatype == "FP64" else {
            throw InferenceError.badRequest("input 'input' has datatype \(datatype); model '\(model.name)' takes FP32 or FP64")
        }
        if input["parameters"]?["binary_data_size"] != nil {
            throw InferenceError.badRequest("binary tensor data is not supported; send 'data' as JSON (binary_data=False)")
        }
        guard case let .array(shapeValues)? = input["shape"] else { throw InferenceError.badRequest("input 'input' needs a 'shape' [n, \(model.featureCount)]") }
        var shape: [Int] = []
        for s in shapeValues {
            guard case let .number(x) = s, x >= 0, x == x.rounded(), x <= Double(Self.maxRows) * 1024 else {
                throw InferenceError.badRequest("input 'input' has shape \(Self.describe(shapeValues)); dimensions are non-negative integers")
            }
            shape.append(Int(x))
        }
        guard shape.count == 2, shape[1] == model.featureCount else {
            throw InferenceError.badRequest("input 'input' has shape \(Self.describe(shapeValues)); model '\(model.name)' takes [n, \(model.featureCount)]")
        }
        guard shape[0] >= 1, shape[0] <= Self.maxRows else {
            throw InferenceError.badRequest("input 'input' has \(shape[0]) rows; send 1 to \(Self.maxRows)")
        }
        rows = shape[0]
        guard case let .array(data)? = input["data"] else { throw InferenceError.badRequest("input 'input' needs 'data', an array of numbers") }
        let (count, overflow) = shape[0].multipliedReportingOverflow(by: shape[1])
        guard !overflow else { throw InferenceError.badRequest("input 'input' shape is too large") }
        var values = [Float]()
        values.reserveCapacity(count)
        try Self.flatten(data, shape: shape, level: 0, nested: data.first.map { if case .array = $0 { return true }; return false } ?? false,
                         datatype: datatype, into: &values, expected: count)
        guard values.count == count else {
            throw InferenceError.badRequest("input 'input' has \(values.count) values; shape \(Self.describe(shapeValues)) needs \(count)")
        }
        features = values

        switch json["outputs"] {
        case nil, .null?: outputs = nil
        case let .array(requested)?:
            let known = model.outputs.map(\.name)
            var names: [String] = []
            for r in requested {
                guard case let .string(n)? = r["name"] else { throw InferenceError.badRequest("each of 'outputs' needs a string 'name'") }
                guard known.contains(n) else {
                    throw InferenceError.badRequest("unknown output '\(n)'; model '\(model.name)' has \(known.joined(separator: ", "))")
                }
                names.append(n)
            }
            outputs = names
        case let other?: throw InferenceError.badRequest("'outputs' must be an array, not \(other.kind)")
        }
    }

    private static func describe(_ shape: [JSONValue]) -> String {
        "[" + shape.map { v -> String in
            if case let .number(x) = v { return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
            return v.kind
        }.joined(separator: ", ") + "]"
    }

    /// Appends the numbers of `data` row-major. Nested data must match the shape level by level.
    private static func flatten(_ data: [JSONValue], shape: [Int], level: Int, nested: Bool, datatype: String,
                                into out: inout [Float], expected: Int) throws {
        if nested {
            guard level < shape.count - 1, data.count == shape[level] else {
                throw InferenceError.badRequest("input 'input' nested data does not match its shape at level \(level): \(data.count) elements, shape says \(level < shape.count ? shape[level] : 0)")
            }
            for element in data {
                guard case let .array(inner) = element else {
                    throw InferenceError.badRequest("input 'input' data mixes numbers and arrays at level \(level)")
                }
                let innerNested = level + 1 < shape.count - 1
                try flatten(inner, shape: shape, level: level + 1, nested: innerNested, datatype: datatype, into: &out, expected: expected)
            }
            return
        }
        if level > 0, data.count != shape[level] {
            throw InferenceError.badRequest("input 'input' nested data does not match its shape at level \(level): \(data.count) elements, shape says \(shape[level])")
        }
        guard out.count + data.count <= expected else {
            throw InferenceError.badRequest("input 'input' has more values than its shape [\(shape.map(String.init).joined(separator: ", "))] holds (\(expected))")
        }
        for v in data {
            guard case let .number(x) = v else {
                throw InferenceError.badRequest("input 'input' data must be numbers; found \(v.kind) at value \(out.count)")
            }
            let f = Float(x)
            guard f.isFinite else {
                throw InferenceError.badRequest("input 'input' value \(out.count) (\(x)) is outside the \(datatype == "FP32" ? "FP32" : "model's FP32") range")
            }
            out.append(f)
        }
    }
}
