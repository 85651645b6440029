/// A request the server refuses, with its HTTP status; the body is the protocol's `{"error": "..."}`.
struct InferenceError: Error, CustomStringConvertible, Equatable {
    let status: Int
    let message: String

    var description: String { message }

    static func badRequest(_ message: String) -> InferenceError { InferenceError(status: 400, message: message) }

    static func unknownModel(_ name: String) -> InferenceError {
        InferenceError(status: 404, message: "unknown model '\(name)'; GET /v2/models/{name} for a served model (see `sweep models list`)")
    }

    static func unknownVersion(_ name: String, _ version: Int) -> InferenceError {
        InferenceError(status: 404, message: "model '\(name)' has no version \(version)")
    }

    static func modelNotReady(_ name: String) -> InferenceError {
        InferenceError(status: 503, message: "model '\(name)' has no version to serve yet")
    }

    static func notFound(_ path: String) -> InferenceError {
        InferenceError(status: 404, message: "no endpoint \(path); the Open Inference Protocol paths start with /v2")
    }

    static func methodNotAllowed(_ method: String, _ path: String, allowed: String) -> InferenceError {
        InferenceError(status: 405, message: "\(method) is not allowed on \(path); use \(allowed)")
    }

    static func tooLarge(limit: Int) -> InferenceError {
        InferenceError(status: 413, message: "request body larger than \(limit) bytes; send smaller batches")
    }

    static func busy(limit: Int) -> InferenceError {
        InferenceError(status: 503, message: "server busy: \(limit) requests in flight; retry shortly")
    }
}
