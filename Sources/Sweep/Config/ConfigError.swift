/// A problem with a sweep config file. Every case names the file and, where known, the line and the
/// key path (e.g. `parameters.lr.min`), so the message can be acted on without opening a debugger.
public enum ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The YAML itself is malformed.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key has a wrong, missing or unknown value.
    case invalid(file: String, line: Int?, key: String, message: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read config: \(reason)"
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): YAML syntax error: \(message)"
        case let .invalid(file, line, key, message):
            let location = line.map { "\(file):\($0)" } ?? file
            return key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
        }
    }

    /// The key path the error is about (empty for whole-file problems).
    public var key: String {
        if case let .invalid(_, _, key, _) = self { return key }
        return ""
    }

    /// The 1-based line the error is about, if known.
    public var line: Int? {
        switch self {
        case .unreadable: return nil
        case let .syntax(_, line, _, _): return line
        case let .invalid(_, line, _, _): return line
        }
    }
}
