import SweepNN

/// Encodes a model's predictions as an infer response:
/// `{"model_name", "model_version", "id"?, "outputs": [{"name", "datatype", "shape", "data"}]}`.
enum InferenceResponse {
    /// - Throws: ``InferenceError`` 500 when a regressor produced a non-finite value (JSON cannot hold it).
    static func encode(_ predictions: MLPPredictions, model: ServedModel, request: InferenceRequest) throws -> [UInt8] {
        var w = JSONWriter(capacity: 128 + request.rows * 16 * max(1, model.outputs.first?.shape.last ?? 1))
        w.raw("{\"model_name\":")
        w.string(model.name)
        w.raw(",\"model_version\":\"\(model.version)\"")
        if let id = request.id {
            w.raw(",\"id\":")
            w.string(id)
        }
        w.raw(",\"outputs\":[")
        let wanted = request.outputs ?? model.outputs.map(\.name)
        var first = true
        func begin(_ name: String, _ datatype: String, _ shape: [Int]) {
            if !first { w.raw(",") }
            first = false
            w.raw("{\"name\":\"\(name)\",\"datatype\":\"\(datatype)\",\"shape\":[" + shape.map(String.init).joined(separator: ",") + "],\"data\":[")
        }
        switch predictions {
        case let .classes(indices, names, probabilities):
            for name in wanted {
                if name == "probabilities" {
                    begin(name, "FP32", [request.rows, names.count])
                    for (i, p) in probabilities.enumerated() {
                        if i > 0 { w.raw(",") }
                        w.number(p)
                    }
                    w.raw("]}")
                } else if name == "label" {
                    begin(name, "BYTES", [request.rows])
                    for (i, index) in indices.enumerated() {
                        if i > 0 { w.raw(",") }
                        w.string(names[index])
                    }
                    w.raw("]}")
                }
            }
        case let .values(values):
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw InferenceError(status: 500, message: "model '\(model.name)' produced a non-finite prediction for row \(bad)")
            }
            for name in wanted where name == "prediction" {
                begin(name, "FP64", [request.rows])
                for (i, v) in values.enumerated() {
                    if i > 0 { w.raw(",") }
                    w.number(v)
                }
                w.raw("]}")
            }
        }
        w.raw("]}")
        return w.bytes
    }
}
