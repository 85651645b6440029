import Foundation
import SweepStore

/// Opens PostgreSQL stores from `postgresql://user[:password]@host[:port]/db` URLs.
public enum PostgresConnector {
    /// Opens a PostgreSQL store.
    public static func open(_ url: String) throws -> any StudyStorage {
        throw StorageError.invalidLocation(redacted(url), reason: "PostgreSQL storage is not available in this build")
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
