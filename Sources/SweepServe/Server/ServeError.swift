/// Why `sweep serve` cannot start.
public enum ServeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The same model name was given twice (one name serves one reference).
    case duplicateModel(String)
    /// Nothing to serve: the registry has no models.
    case noModels(location: String)
    /// A limit or address option is out of range.
    case invalidOption(name: String, value: String, reason: String)
    /// The address could not be bound (in use, not local, no permission).
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case let .duplicateModel(name):
            return "model '\(name)' is given twice; serve each name once (NAME, NAME@ALIAS or NAME@VERSION), other versions are at /v2/models/\(name)/versions/{v}"
        case let .noModels(location):
            return "\(location) holds no registered models; register one with `sweep models register NAME --from SWEEP`"
        case let .invalidOption(name, value, reason):
            return "invalid --\(name) \(value): \(reason)"
        case let .cannotListen(host, port, reason):
            return "cannot listen on \(host):\(port): \(reason); choose another --port or --host"
        }
    }

    /// CLI exit status: 1 for a runtime failure to listen, 2 for bad input.
    public var exitCode: Int32 {
        if case .cannotListen = self { return 1 }
        return 2
    }
}
