import Foundation
import NIOHTTP1
import SweepCore
import SweepStore

/// A minimal synchronous client for MLflow's tracking REST API (`/api/2.0/mlflow/…`) and its artifact
/// proxy (`/api/2.0/mlflow-artifacts/…`).
///
/// Authentication follows MLflow's own client: credentials in the URL (`http://user:pass@host:5000`)
/// become HTTP basic auth, otherwise `MLFLOW_TRACKING_TOKEN` (when set) is sent as a bearer token. The
/// password never appears in messages (``displayURL``). Each request times out after ``timeout``
/// seconds; connection failures, timeouts and HTTP 429/500/502/503/504 are retried ``retries`` times
/// with doubling delays (0.5 s, 1 s, 2 s, …), like MLflow's client.
public struct MLflowClient: Sendable {
    /// The server's base URL without credentials, query or trailing slash (`http://host:5000/prefix`).
    public let baseURL: String
    /// ``baseURL`` with the user name kept and the password masked, for messages.
    public let displayURL: String
    /// The `Authorization` header value, if any.
    let authorization: String?
    /// Seconds before one request is abandoned (default 30).
    public var timeout: TimeInterval = 30
    /// How many times a transient failure is retried (default 4).
    public var retries: Int = 4

    /// Parses `url` (`http://` or `https://`, optional `user:password@`, optional path prefix).
    /// - Parameter environment: where `MLFLOW_TRACKING_TOKEN` is read (defaults to the process's).
    /// - Throws: ``MLflowError/invalidURL(_:reason:)``.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard var parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased() else {
            throw MLflowError.invalidURL(MLflowClient.masked(url), reason: "not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw MLflowError.invalidURL(MLflowClient.masked(url), reason: "the scheme must be http or https, got '\(scheme)'")
        }
        guard let host = parts.host, !host.isEmpty else {
            throw MLflowError.invalidURL(MLflowClient.masked(url), reason: "no host")
        }
        if parts.query != nil || parts.fragment != nil {
            throw MLflowError.invalidURL(MLflowClient.masked(url), reason: "a tracking URL has no query or fragment")
        }
        let user = parts.user.map { $0.removingPercentEncoding ?? $0 }
        let password = parts.password.map { $0.removingPercentEncoding ?? $0 }
        if let user {
            authorization = "Basic " + Data("\(user):\(password ?? "")".utf8).base64EncodedString()
        } else if let token = environment["MLFLOW_TRACKING_TOKEN"], !token.isEmpty {
            authorization = "Bearer " + token
        } else {
            authorization = nil
        }
        parts.user = nil
        parts.password = nil
        while parts.path.hasSuffix("/") { parts.path.removeLast() }
        guard let clean = parts.string else { throw MLflowError.invalidURL(MLflowClient.masked(url), reason: "not a URL") }
        baseURL = clean
        displayURL = MLflowClient.masked(url).trimmingSuffix("/")
    }

    /// `url` with any password replaced by `***` (the store's URL redaction, for any scheme).
    static func masked(_ url: String) -> String { PostgresURL.redact(url) }

    /// Calls a tracking endpoint (`api` like `runs/create`): POST with a JSON body, or GET with `query`.
    /// - Returns: the parsed JSON answer (an empty object for an empty body).
    @discardableResult
    public func call(_ api: String, body: AttributeValue? = nil, query: [(String, String)] = []) throws -> AttributeValue {
        var path = "/api/2.0/mlflow/" + api
        if !query.isEmpty {
            var q = URLComponents()
            q.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
            // '+' is a space to many servers' form decoding; encode it.
            path += "?" + (q.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        }
        let data = try send(method: body == nil ? .GET : .POST, path: path,
                            body: body.map { Data($0.jsonText.utf8) }, contentType: "application/json")
        if data.isEmpty { return .object([:]) }
        guard let text = String(data: data, encoding: .utf8),
              let value = try? AttributeValue.parseJSON(text, what: "answer") else {
            throw MLflowError.badResponse(url: displayURL + path, reason: "the body is not JSON")
        }
        return value
    }

    /// Uploads `data` through the artifact proxy to `path` (below `/api/2.0/mlflow-artifacts/artifacts/`).
    public func putArtifact(path: String, data: Data) throws {
        let escaped = path.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0)
        }.joined(separator: "/")
        _ = try send(method: .PUT, path: "/api/2.0/mlflow-artifacts/artifacts/" + escaped, body: data,
                     contentType: "application/octet-stream")
    }

    /// Sends one request with retries; returns the body of a 2xx answer.
    func send(method: HTTPMethod, path: String, body: Data?, contentType: String) throws -> Data {
        let where_ = displayURL + path.prefix { $0 != "?" }
        guard URL(string: baseURL + path) != nil else {
            throw MLflowError.invalidURL(where_, reason: "cannot form a request URL")
        }
        var headers: [(String, String)] = []
        if body != nil { headers.append(("Content-Type", contentType)) }
        if let authorization { headers.append(("Authorization", authorization)) }
        var delay = 0.5
        var attempt = 0
        while true {
            let outcome = HTTPExchange.perform(method: method, url: baseURL + path, headers: headers,
                                               body: body.map { [UInt8]($0) }, timeout: timeout)
            switch outcome {
            case let .failure(reason):
                if attempt < retries {
                    attempt += 1
                    Thread.sleep(forTimeInterval: delay)
                    delay *= 2
                    continue
                }
                throw MLflowError.unreachable(url: where_, reason: reason)
            case let .answer(status, bytes):
                let data = Data(bytes)
                if (200..<300).contains(status) { return data }
                if MLflowError.transientStatuses.contains(status), attempt < retries {
                    attempt += 1
                    Thread.sleep(forTimeInterval: delay)
                    delay *= 2
                    continue
                }
                throw MLflowClient.serverError(url: where_, status: status, body: data)
            }
        }
    }

    /// MLflow's `{"error_code": …, "message": …}` from an error answer, or the body's start.
    static func serverError(url: String, status: Int, body: Data) -> MLflowError {
        let text = String(decoding: body, as: UTF8.self)
        if let json = try? AttributeValue.parseJSON(text), case let .object(o) = json {
            let message = o["message"]?.string ?? text
            return .server(url: url, status: status, errorCode: o["error_code"]?.string, message: message)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return .server(url: url, status: status, errorCode: nil,
                       message: trimmed.isEmpty ? "(empty body)" : String(trimmed.prefix(300)))
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var s = self
        while s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        return s
    }
}
