import SweepCore

/// A bad option of a method or pruner; turned into a ``ConfigError`` pointing at the option's line.
public struct MethodOptionError: Error, CustomStringConvertible, Sendable {
    /// The option key at fault (empty for the whole options mapping).
    public let option: String
    public let message: String
    public var description: String { option.isEmpty ? message : "\(option): \(message)" }
}

/// Reads typed options out of a `[String: AttributeValue]`, refusing unknown keys.
public struct OptionReader {
    private let options: [String: AttributeValue]
    private let allowed: [String]
    private let owner: String

    public init(_ options: [String: AttributeValue], allowed: [String], owner: String) throws {
        self.options = options
        self.allowed = allowed
        self.owner = owner
        for key in options.keys.sorted() where !allowed.contains(key) {
            var message = "unknown option '\(key)' for \(owner)"
            if let guess = ConfigNode.closest(key, in: allowed) { message += " (did you mean '\(guess)'?)" }
            message += allowed.isEmpty ? "; it takes no options" : "; allowed: " + allowed.joined(separator: ", ")
            throw MethodOptionError(option: key, message: message)
        }
    }

    public func double(_ key: String, default value: Double, range: ClosedRange<Double>? = nil) throws -> Double {
        guard let raw = options[key] else { return value }
        guard let x = raw.number, x.isFinite else { throw MethodOptionError(option: key, message: "expected a number, got \(raw)") }
        if let range, !range.contains(x) {
            throw MethodOptionError(option: key, message: "must be in [\(range.lowerBound), \(range.upperBound)], got \(x)")
        }
        return x
    }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>? = nil) throws -> Int {
        guard let raw = options[key] else { return value }
        guard let x = raw.int else { throw MethodOptionError(option: key, message: "expected a whole number, got \(raw)") }
        if let range, !range.contains(x) {
            throw MethodOptionError(option: key, message: "must be in \(range.lowerBound)…\(range.upperBound), got \(x)")
        }
        return x
    }

    public func optionalInt(_ key: String, range: ClosedRange<Int>? = nil) throws -> Int? {
        guard options[key] != nil else { return nil }
        return try int(key, default: 0, range: range)
    }

    public func bool(_ key: String, default value: Bool) throws -> Bool {
        guard let raw = options[key] else { return value }
        guard case let .bool(b) = raw else { throw MethodOptionError(option: key, message: "expected true or false, got \(raw)") }
        return b
    }

    public func string(_ key: String, default value: String, allowed choices: [String]? = nil) throws -> String {
        guard let raw = options[key] else { return value }
        guard let s = raw.string else { throw MethodOptionError(option: key, message: "expected text, got \(raw)") }
        if let choices, !choices.contains(s) {
            throw MethodOptionError(option: key, message: "must be one of \(choices.joined(separator: ", ")), got '\(s)'")
        }
        return s
    }

    public func raw(_ key: String) -> AttributeValue? { options[key] }
}
