import Foundation
import GRDB
import Logging

/// Opening an SQLite file: check it is ours, then apply the schema's ``Migration`` list
/// (``MigrationRunner``). A file newer than ``SQLiteStorage/schemaVersion`` is refused.
extension SQLiteStorage {
    /// Creates or upgrades the schema; returns whether it wrote anything.
    @discardableResult
    static func migrate(_ db: Database, location: String, logger: Logger) throws -> Bool {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID == 0 && tables > 0 {
            throw StorageError.foreignDatabase(path: location, reason: "it has \(tables) schema objects and no Sweep marker")
        }
        if appID != 0 && appID != applicationID {
            throw StorageError.foreignDatabase(path: location, reason: String(format: "application_id 0x%08x", UInt32(bitPattern: appID)))
        }
        let applied = try MigrationRunner().run(SQLiteEngine.Session(db: db), dialect: .sqlite(location: location), now: Date())
        if !applied.isEmpty { logger.debug("\(location): schema migrations \(applied) applied or adopted") }
        if appID == 0 { try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
        return !applied.isEmpty || appID == 0
    }
}
