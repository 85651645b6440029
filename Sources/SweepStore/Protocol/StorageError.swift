/// Failures of a study store. Messages say what to do; stored data is never modified by a failed call.
public enum StorageError: Error, CustomStringConvertible, Equatable, Sendable {
    case studyNotFound(name: String, location: String)
    case studyExists(name: String, location: String)
    case trialNotFound(study: String, number: Int)
    case trialAlreadyFinished(study: String, number: Int, state: String)
    case notOwner(study: String, number: Int, owner: String)
    case trialNotRunning(study: String, number: Int, state: String)
    case trialNotWaiting(study: String, number: Int, state: String)
    case notADatabase(path: String, reason: String)
    case foreignDatabase(path: String, reason: String)
    case schemaTooNew(location: String, found: Int, supported: Int)
    case cannotOpen(location: String, reason: String)
    case readOnly(location: String)
    case unreachable(location: String, reason: String)
    case authenticationFailed(location: String, reason: String)
    case invalidLocation(String, reason: String)
    case backend(location: String, reason: String)

    public var description: String {
        switch self {
        case let .studyNotFound(name, location):
            return "no sweep named '\(name)' in \(location)"
        case let .studyExists(name, location):
            return "a sweep named '\(name)' already exists in \(location)"
        case let .trialNotFound(study, number):
            return "sweep '\(study)' has no trial \(number)"
        case let .trialAlreadyFinished(study, number, state):
            return "trial \(number) of sweep '\(study)' is already \(state); finished trials cannot change"
        case let .notOwner(study, number, owner):
            return "trial \(number) of sweep '\(study)' is being run by \(owner); only that worker can report or finish it"
        case let .trialNotRunning(study, number, state):
            return "trial \(number) of sweep '\(study)' is \(state), not running"
        case let .trialNotWaiting(study, number, state):
            return "trial \(number) of sweep '\(study)' is \(state); only waiting trials can be started"
        case let .notADatabase(path, reason):
            return "\(path) is not a Sweep database (\(reason)); nothing was changed. Point storage at a new file or at the right one"
        case let .foreignDatabase(path, reason):
            return "\(path) is an SQLite database of another application (\(reason)); nothing was changed. Use a different storage path"
        case let .schemaTooNew(location, found, supported):
            return "\(location) uses storage schema version \(found), but this sweep binary supports up to \(supported); upgrade sweep"
        case let .cannotOpen(location, reason):
            return "cannot open \(location): \(reason)"
        case let .readOnly(location):
            return "\(location) is read-only; choose a writable storage location (storage: path/to/file.sqlite)"
        case let .unreachable(location, reason):
            return "cannot reach \(location): \(reason)"
        case let .authenticationFailed(location, reason):
            return "authentication to \(location) failed: \(reason)"
        case let .invalidLocation(text, reason):
            return "invalid storage '\(text)': \(reason)"
        case let .backend(location, reason):
            return "\(location): \(reason)"
        }
    }
}
