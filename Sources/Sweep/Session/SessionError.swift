import Foundation
import SweepCore
import SweepStore

/// An error answered to a `sweep session` client: a stable machine-readable `code` (documented in
/// `docs/protocol.md`; clients branch on it) and a message saying what to do.
public struct SessionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// One of ``SessionError/codes``.
    public let code: String
    /// Human-readable explanation, naming the field, trial or value at fault.
    public let message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// Every code the protocol uses.
    public static let codes = [
        "bad_json", "bad_request", "unknown_op", "invalid_value", "unknown_trial", "not_running", "not_owner",
        "invalid_suggestion", "invalid_params", "config", "storage", "internal",
    ]

    /// The line is not a JSON object.
    static func badJSON(_ why: String) -> SessionError { SessionError("bad_json", why) }
    /// A field is missing or has the wrong type.
    static func badRequest(_ why: String) -> SessionError { SessionError("bad_request", why) }
    /// A number is out of range (NaN, infinite, negative step…).
    static func invalidValue(_ why: String) -> SessionError { SessionError("invalid_value", why) }

    /// Maps library errors onto protocol codes.
    public static func from(_ error: any Error) -> SessionError {
        switch error {
        case let e as SessionError: return e
        case let e as StorageError:
            switch e {
            case .trialNotFound: return SessionError("unknown_trial", e.description)
            case .trialAlreadyFinished, .trialNotRunning, .trialNotWaiting: return SessionError("not_running", e.description)
            case .notOwner: return SessionError("not_owner", e.description)
            case .studyNotFound, .studyExists, .notADatabase, .foreignDatabase, .schemaTooNew, .invalidLocation, .readOnly,
                 .authenticationFailed:
                return SessionError("config", e.description)
            case .cannotOpen, .unreachable, .backend: return SessionError("storage", e.description)
            }
        case let e as StudyError:
            switch e {
            case .incompatibleSuggestion: return SessionError("invalid_suggestion", e.description)
            case .invalidParameters: return SessionError("invalid_params", e.description)
            case .unknownTrial: return SessionError("unknown_trial", e.description)
            case .configChanged: return SessionError("config", e.description)
            case .missingParameter, .wrongParameterType: return SessionError("bad_request", e.description)
            case .wrongValueCount, .missingMetric: return SessionError("invalid_value", e.description)
            }
        case let e as SearchSpaceError: return SessionError("invalid_params", e.description)
        case let e as ConfigError: return SessionError("config", e.description)
        case let e as MethodOptionError: return SessionError("config", e.description)
        default: return SessionError("internal", String(describing: error))
        }
    }
}
