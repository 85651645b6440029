/// Failures of the model registry. Messages say what to do; a failed call changes nothing.
public enum RegistryError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidName(String, reason: String)
    case modelNotFound(name: String, location: String)
    case versionNotFound(model: String, version: Int, location: String)
    case aliasNotFound(model: String, alias: String, location: String)
    /// A version still has aliases; deleting it would leave them dangling.
    case versionHasAliases(model: String, version: Int, aliases: [String])
    /// The stored checkpoint does not match the checksum recorded when it was registered.
    case checksumMismatch(model: String, version: Int, expected: String, found: String)
    /// The store cannot hold a registry (in-memory sweeps).
    case unsupported(location: String)
    /// The SQLite file named as the registry does not exist (it is not created for reading).
    case noSuchFile(path: String)

    public var description: String {
        switch self {
        case let .invalidName(name, reason):
            return "invalid name '\(name)': \(reason)"
        case let .modelNotFound(name, location):
            return "no registered model '\(name)' in \(location); `sweep models list --storage \(location)` shows the models"
        case let .versionNotFound(model, version, location):
            return "model '\(model)' has no version \(version) in \(location); `sweep models show \(model)` lists its versions"
        case let .aliasNotFound(model, alias, location):
            return "model '\(model)' has no alias '\(alias)' in \(location); set it with `sweep models alias \(model)@\(alias) VERSION`"
        case let .versionHasAliases(model, version, aliases):
            return "version \(version) of model '\(model)' is still aliased as \(aliases.joined(separator: ", ")); move or remove those aliases first"
        case let .checksumMismatch(model, version, expected, found):
            return "the stored checkpoint of \(model)@\(version) is damaged (SHA-256 \(found), registered as \(expected)); register the model again"
        case let .noSuchFile(path):
            return "no such file \(path); the registry lives in a sweep's database (e.g. sweeps/NAME.sqlite) or a postgresql:// URL"
        case let .unsupported(location):
            return "\(location) cannot hold a model registry; use an SQLite file or a PostgreSQL URL"
        }
    }
}
