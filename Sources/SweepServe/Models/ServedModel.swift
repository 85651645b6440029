import Foundation
import SweepNN
import SweepStore

/// One loaded model version, ready to predict: the network and its Open Inference Protocol signature.
///
/// Input tensor `input`, FP32 (FP64 accepted), shape `[-1, features]`, raw feature values in the
/// order of ``featureNames``. Outputs: `probabilities` (FP32 `[-1, classes]`, softmax) and `label`
/// (BYTES `[-1]`, the class name) for classifiers; `prediction` (FP64 `[-1]`, target units) for regressors.
public struct ServedModel: Sendable {
    public let name: String
    public let version: Int
    public let model: MLPModel

    /// Platform string in metadata.
    public static let platform = "sweep_mlp"
    public static let inputName = "input"

    public var featureNames: [String] { model.featureNames }
    public var featureCount: Int { model.layout.inputCount }

    /// Output tensor names, datatypes and shapes (with -1 for the batch dimension).
    public var outputs: [(name: String, datatype: String, shape: [Int])] {
        switch model.output {
        case let .classes(names):
            return [("probabilities", "FP32", [-1, names.count]), ("label", "BYTES", [-1])]
        case .regression:
            return [("prediction", "FP64", [-1])]
        }
    }

    /// Decodes a registered checkpoint.
    public init(name: String, version: Int, checkpoint: Data) throws {
        self.name = name
        self.version = version
        model = try MLPCheckpoint(data: checkpoint, source: "\(name)@\(version)").model
    }

    /// The model metadata response body (`GET /v2/models/{name}[/versions/{v}]`).
    func metadata(versions: [Int]) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"name\":")
        w.string(name)
        w.raw(",\"versions\":[")
        w.raw(versions.map { "\"\($0)\"" }.joined(separator: ","))
        w.raw("],\"platform\":")
        w.string(Self.platform)
        w.raw(",\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,\(featureCount)]}],\"outputs\":[")
        for (i, o) in outputs.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"name\":")
            w.string(o.name)
            w.raw(",\"datatype\":\"\(o.datatype)\",\"shape\":[" + o.shape.map(String.init).joined(separator: ",") + "]}")
        }
        w.raw("],\"parameters\":{\"features\":[")
        for (i, f) in featureNames.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(f)
        }
        w.raw("]}}")
        return w.bytes
    }
}
