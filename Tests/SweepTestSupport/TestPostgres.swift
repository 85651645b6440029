import Foundation

/// The PostgreSQL server `scripts/test` starts (URL in `SWEEP_TEST_POSTGRES_URL`), and fresh databases on it.
public enum TestPostgres {
    /// The server URL, or nil when the tests run without PostgreSQL.
    public static var url: String? {
        let u = ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES_URL"]
        return u?.isEmpty == false ? u : nil
    }

    /// Whether PostgreSQL tests should run. `SWEEP_REQUIRE_POSTGRES=1` (set by CI) turns a missing
    /// server into a failure instead of a skip.
    public static var available: Bool { url != nil }

    /// Creates an empty database and returns its URL.
    public static func freshDatabase(prefix: String = "sweep_t") throws -> String {
        guard let url else { throw FixtureError.missing("SWEEP_TEST_POSTGRES_URL", searched: ["environment"]) }
        let name = "\(prefix)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"]
        p.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw FixtureError.missing("database \(name): " + String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                                       searched: [])
        }
        return replacingDatabase(in: url, with: name)
    }

    /// `url` pointing at database `name` (query parameters kept).
    public static func replacingDatabase(in url: String, with name: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let authority = rest[..<(rest.firstIndex(of: "/") ?? rest.firstIndex(of: "?") ?? rest.endIndex)]
        return String(url[..<scheme.upperBound]) + authority + "/" + name + query
    }
}
