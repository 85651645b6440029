import Foundation
import SweepStore

/// Removes credentials from a sweep file's text before it is stored or shown: the password of a
/// `storage:` URL (`postgresql://user:secret@host/db` → `postgresql://user:***@host/db`).
///
/// Only ``SweepConfig/storage`` keeps the password (to connect). ``ConfigFingerprint`` never includes
/// the storage, so redaction does not change a sweep's fingerprint.
enum ConfigRedaction {
    /// `yaml` with the password of `storage` replaced by `***`; unchanged when the storage has no
    /// password. `line` and `column` (1-based) locate the storage value, which is rewritten as a whole
    /// when it is not written literally (quoted with escapes).
    static func redacted(_ yaml: String, storage: String?, line: Int?, column: Int?) -> String {
        guard let storage else { return yaml }
        let safe = PostgresURL.redact(storage)
        guard safe != storage else { return yaml }
        if yaml.contains(storage) { return yaml.replacingOccurrences(of: storage, with: safe) }
        // Written with escapes: rewrite the value as a whole.
        var lines = yaml.components(separatedBy: "\n")
        guard let line, let column, line >= 1, line <= lines.count else { return yaml }
        let before = lines[line - 1].prefix(max(0, column - 1))
        lines[line - 1] = before + "\"" + safe.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return lines.joined(separator: "\n")
    }

    /// `text` with the password of every `scheme://user:password@` URL in it replaced by `***`, for
    /// showing stored text that is not a parseable sweep file (never for text that is run again).
    static func redactingURLPasswords(in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out = String(line)
            var searchStart = out.startIndex
            while let scheme = out.range(of: "://", range: searchStart..<out.endIndex) {
                let rest = out[scheme.upperBound...]
                let end = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "\"" || $0 == "'" } ?? rest.endIndex
                let redacted = PostgresURL.redact("x://" + out[scheme.upperBound..<end]).dropFirst("x://".count)
                out.replaceSubrange(scheme.upperBound..<end, with: redacted)
                searchStart = out.index(scheme.upperBound, offsetBy: redacted.count)
            }
            return out
        }.joined(separator: "\n")
    }
}
