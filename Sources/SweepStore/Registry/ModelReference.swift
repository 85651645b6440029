/// What a user names a model by: `name` (its newest version), `name@alias` or `name@version`.
public struct ModelReference: Sendable, Hashable, CustomStringConvertible {
    public enum Selector: Sendable, Hashable {
        /// The newest version (also written `name@latest`).
        case latest
        case version(Int)
        case alias(String)
    }

    public var name: String
    public var selector: Selector

    public init(name: String, selector: Selector) {
        self.name = name
        self.selector = selector
    }

    /// Parses `name`, `name@alias` or `name@3`.
    /// - Throws: ``RegistryError/invalidName(_:reason:)`` naming the bad part.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        try Self.checkName(parts[0], what: "model name")
        name = parts[0]
        guard parts.count == 2 else { selector = .latest; return }
        let tail = parts[1]
        if let v = Int(tail), v >= 1, tail.allSatisfy(\.isASCII) {
            selector = .version(v)
        } else if tail == "latest" {
            selector = .latest
        } else {
            try Self.checkAlias(tail)
            selector = .alias(tail)
        }
    }

    public var description: String {
        switch selector {
        case .latest: return name
        case let .version(v): return "\(name)@\(v)"
        case let .alias(a): return "\(name)@\(a)"
        }
    }

    /// Model names: 1–100 of letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func checkName(_ name: String, what: String = "model name") throws {
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && (($0.properties.isAlphabetic || ("0"..."9").contains($0)) || "._-".unicodeScalars.contains($0)) }
        guard !name.isEmpty, name.count <= 100, allowed,
              let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            throw RegistryError.invalidName(name, reason: "a \(what) is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
    }

    /// Aliases: like model names, but not all digits (those are versions) and not `latest` (reserved).
    public static func checkAlias(_ alias: String) throws {
        try checkName(alias, what: "alias")
        if alias.allSatisfy(\.isNumber) {
            throw RegistryError.invalidName(alias, reason: "an alias cannot be a number (NAME@3 means version 3)")
        }
        if alias == "latest" {
            throw RegistryError.invalidName(alias, reason: "'latest' is reserved for the newest version")
        }
    }
}
