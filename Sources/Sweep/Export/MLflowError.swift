import Foundation

/// Why an export to an MLflow tracking server failed. URLs in messages never contain a password.
public enum MLflowError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The tracking URL given by the user is not a usable `http(s)://host[:port][/prefix]` URL (exit 2).
    case invalidURL(String, reason: String)
    /// The server could not be reached (after retries), or it timed out.
    case unreachable(url: String, reason: String)
    /// The server answered with an HTTP error; `errorCode`/`message` are MLflow's own when it sent them.
    case server(url: String, status: Int, errorCode: String?, message: String)
    /// The server answered 2xx with a body that is not what MLflow's REST API documents.
    case badResponse(url: String, reason: String)
    /// The tracking server does not proxy artifacts, so the model cannot be uploaded through it.
    case noArtifactProxy(run: String, artifactURI: String)

    public var description: String {
        switch self {
        case let .invalidURL(url, reason):
            return "invalid MLflow tracking URL '\(url)': \(reason); pass e.g. --mlflow http://127.0.0.1:5000"
        case let .unreachable(url, reason):
            return "cannot reach the MLflow server at \(url): \(reason); is `mlflow server` running there?"
        case let .server(url, status, code, message):
            let what = code.map { "\($0): " } ?? ""
            var hint = ""
            if status == 401 || status == 403 {
                hint = "; check the credentials (http://user:password@host or MLFLOW_TRACKING_TOKEN)"
            }
            return "MLflow server error at \(url): HTTP \(status) \(what)\(message)\(hint)"
        case let .badResponse(url, reason):
            return "unexpected answer from the MLflow server at \(url): \(reason); is this an MLflow tracking server?"
        case let .noArtifactProxy(run, uri):
            return "run \(run) stores artifacts at '\(uri)', which this exporter cannot write to; "
                + "start the server with artifact proxying (`mlflow server --serve-artifacts`, the default since 2.0)"
        }
    }

    /// True for failures that may pass when tried again (no answer, HTTP 429/500/502/503/504); the
    /// client retries these itself.
    public var isTransient: Bool {
        switch self {
        case .unreachable: return true
        case let .server(_, status, _, _): return MLflowError.transientStatuses.contains(status)
        default: return false
        }
    }

    /// HTTP statuses retried, as MLflow's own client does.
    static let transientStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// True for a bad URL typed by the user (the CLI exits 2); false for a server that fails (exit 1).
    public var isInputError: Bool {
        if case .invalidURL = self { return true }
        return false
    }
}
