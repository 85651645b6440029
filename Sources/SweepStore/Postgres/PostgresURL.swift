import Foundation

/// A parsed `postgresql://user[:password]@host[:port]/database[?sslmode=…&pool=…&connect_timeout=…]` URL.
///
/// The password comes from the URL, else `PGPASSWORD`, else the password file (`PGPASSFILE` or
/// `~/.pgpass`, libpq's `host:port:database:user:password` lines with `*` wildcards). It is never part of
/// ``redacted`` or any message.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// `disable`, `prefer` (default) or `require` (encrypt, no certificate check), or `verify-full`.
    public var sslMode: String
    /// Connections this process opens at most (default 4).
    public var poolSize: Int
    /// Seconds to wait for a connection (default 10).
    public var connectTimeout: Int

    /// Parses `text`; `environment` supplies `PGUSER`, `PGPASSWORD`, `PGPASSFILE`, `HOME`.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let redactedText = PostgresURL.redact(text)
        guard let schemeEnd = text.range(of: "://"),
              ["postgres", "postgresql"].contains(String(text[..<schemeEnd.lowerBound])) else {
            throw StorageError.invalidLocation(redactedText, reason: "expected postgresql://user@host:port/database")
        }
        var rest = String(text[schemeEnd.upperBound...])
        var query = ""
        if let q = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: q)...]); rest = String(rest[..<q]) }
        var authority = rest, path = ""
        if let slash = rest.firstIndex(of: "/") { authority = String(rest[..<slash]); path = String(rest[rest.index(after: slash)...]) }
        var userInfo: String?
        if let at = authority.lastIndex(of: "@") { userInfo = String(authority[..<at]); authority = String(authority[authority.index(after: at)...]) }
        var user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = String(userInfo[..<colon]).removingPercentEncoding ?? String(userInfo[..<colon])
                let p = String(userInfo[userInfo.index(after: colon)...])
                password = p.removingPercentEncoding ?? p
            } else if !userInfo.isEmpty {
                user = userInfo.removingPercentEncoding ?? userInfo
            }
        }
        var host = authority, port = 5432
        if authority.hasPrefix("[") , let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                    throw StorageError.invalidLocation(redactedText, reason: "bad port '\(after.dropFirst())'")
                }
                port = p
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            let portText = authority[authority.index(after: colon)...]
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw StorageError.invalidLocation(redactedText, reason: "bad port '\(portText)'")
            }
            port = p
        }
        if host.isEmpty { host = "localhost" }
        self.user = user
        self.host = host
        self.port = port
        self.database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        self.sslMode = "prefer"
        self.poolSize = 4
        self.connectTimeout = 10
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw StorageError.invalidLocation(redactedText, reason: "bad query parameter '\(pair)'") }
            switch kv[0] {
            case "sslmode":
                guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(kv[1]) else {
                    throw StorageError.invalidLocation(redactedText, reason: "sslmode must be disable, prefer, require or verify-full")
                }
                sslMode = kv[1]
            case "pool", "pool_size":
                guard let n = Int(kv[1]), (1...64).contains(n) else {
                    throw StorageError.invalidLocation(redactedText, reason: "pool must be 1…64")
                }
                poolSize = n
            case "connect_timeout":
                guard let n = Int(kv[1]), n > 0 else { throw StorageError.invalidLocation(redactedText, reason: "connect_timeout must be positive") }
                connectTimeout = n
            case "application_name", "options":
                continue
            default:
                throw StorageError.invalidLocation(redactedText, reason: "unknown parameter '\(kv[0])' (known: sslmode, pool, connect_timeout)")
            }
        }
        self.password = password ?? environment["PGPASSWORD"] ?? PostgresURL.passwordFromFile(
            host: self.host, port: self.port, database: self.database, user: self.user, environment: environment)
    }

    /// The URL for messages: no password.
    public var redacted: String { "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// `text` with any password replaced by `***`.
    public static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let afterScheme = text[scheme.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        guard let at = afterScheme[..<authorityEnd].lastIndex(of: "@") else { return text }
        let userInfo = afterScheme[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// libpq's password file lookup.
    static func passwordFromFile(host: String, port: Int, database: String, user: String, environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            // Fields are separated by ':'; '\:' and '\\' are escapes.
            var fields: [String] = [], current = "", escaped = false
            for ch in line {
                if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == ":" {
                    fields.append(current); current = ""
                } else { current.append(ch) }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
