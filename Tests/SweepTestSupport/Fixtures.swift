import Foundation

/// Locations shared by the test targets.
public enum TestPaths {
    /// The package root (found from this source file's location).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/SweepTestSupport/Fixtures.swift → package root
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared/fixtures` next to the repository, or `Tests/Fixtures` inside it when copied there.
    public static func fixture(_ name: String) throws -> URL {
        let candidates = [
            packageRoot.appendingPathComponent("Tests/Fixtures/\(name)"),
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/\(name)"),
        ]
        for url in candidates where FileManager.default.fileExists(atPath: url.path) { return url }
        throw FixtureError.missing(name, searched: candidates.map(\.path))
    }

    /// Decoded JSON fixture.
    public static func loadJSON<T: Decodable>(_ type: T.Type, fixture name: String) throws -> T {
        let data = try Data(contentsOf: try fixture(name))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

public enum FixtureError: Error, CustomStringConvertible {
    case missing(String, searched: [String])
    public var description: String {
        switch self {
        case let .missing(name, searched): return "fixture \(name) not found; looked in \(searched.joined(separator: ", "))"
        }
    }
}

/// A fresh temporary directory, removed when the value is released by `withTemporaryDirectory`.
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("sweep-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Creates a temporary directory the caller removes.
public func makeTemporaryDirectory(_ prefix: String = "sweep-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
