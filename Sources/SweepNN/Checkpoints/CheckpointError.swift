/// Why a checkpoint could not be read, written or used. `source` is the file path (or
/// "checkpoint data" for in-memory bytes).
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case unreadable(source: String, reason: String)
    case unwritable(source: String, reason: String)
    /// The bytes do not start with the Sweep checkpoint magic.
    case notACheckpoint(source: String)
    case unsupportedVersion(source: String, found: UInt32, supported: UInt32)
    /// The stored CRC-32 does not match the content: the file is damaged or truncated.
    case checksumMismatch(source: String, stored: UInt32, computed: UInt32)
    case truncated(source: String)
    case malformed(String)
    /// The dataset given for a resume is not the one the checkpoint was trained on.
    case datasetMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case let .unreadable(source, reason):
            return "\(source): cannot read the checkpoint (\(reason))"
        case let .unwritable(source, reason):
            return "\(source): cannot write the checkpoint (\(reason))"
        case let .notACheckpoint(source):
            return "\(source): not a Sweep MLP checkpoint (wrong magic bytes); pass a file written by `sweep train --save`"
        case let .unsupportedVersion(source, found, supported):
            return "\(source): checkpoint format version \(found) is not supported (this build reads version \(supported)); use a matching sweep release"
        case let .checksumMismatch(source, stored, computed):
            return "\(source): checkpoint is corrupt (CRC-32 stored \(String(stored, radix: 16)), computed \(String(computed, radix: 16))); retrain or restore an intact copy"
        case let .truncated(source):
            return "\(source): checkpoint is truncated; retrain or restore an intact copy"
        case let .malformed(reason):
            return "checkpoint is malformed: \(reason)"
        case let .datasetMismatch(expected, found):
            return "the checkpoint was trained on \(expected), but the dataset given is \(found); resume with the same data"
        }
    }
}
