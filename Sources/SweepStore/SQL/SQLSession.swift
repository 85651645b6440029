import Foundation

/// A value bound to or read from an SQL statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    var int: Int? {
        switch self {
        case let .integer(i): return Int(i)
        case let .real(d) where d == d.rounded(): return Int(d)
        case let .text(t): return Int(t)
        default: return nil
        }
    }

    var int64: Int64? {
        switch self {
        case let .integer(i): return i
        case let .text(t): return Int64(t)
        default: return nil
        }
    }

    var double: Double? {
        switch self {
        case let .real(d): return d
        case let .integer(i): return Double(i)
        default: return nil
        }
    }

    var string: String? {
        if case let .text(t) = self { return t }
        return nil
    }

    var data: Data? {
        switch self {
        case let .blob(d): return d
        case let .text(t): return Data(t.utf8)
        default: return nil
        }
    }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
    public init(stringLiteral value: String) { self = .text(value) }
    init(_ i: Int) { self = .integer(Int64(i)) }
    init(_ i: Int64) { self = .integer(i) }
    init(_ s: String?) { self = s.map(SQLValue.text) ?? .null }
    init(_ d: Double?) { self = d.map(SQLValue.real) ?? .null }
    init(_ date: Date?) { self = date.map { .real($0.timeIntervalSince1970) } ?? .null }
}

/// The column names of one result set, shared by all its rows (so a row is one array of values, and a
/// reader that visits many rows looks each column's position up once).
final class SQLColumns: Sendable {
    let names: [String]
    private let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        // A name selected twice reads as its last occurrence.
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Where `name` stands in the SELECT list; nil when the result has no such column.
    func position(of name: String) -> Int? { positions[name] }
}

/// One result row, by column name or position.
public struct SQLRow: Sendable {
    let columns: SQLColumns
    let values: [SQLValue]

    /// The value of `column`; `.null` when the result has no such column.
    public subscript(_ column: String) -> SQLValue { columns.position(of: column).map { values[$0] } ?? .null }
    /// The value at `position` (from ``SQLColumns/position(of:)``); `.null` when the row is shorter.
    subscript(position position: Int) -> SQLValue { values.indices.contains(position) ? values[position] : .null }
}

/// The statements a store needs from a database engine, inside one transaction. SQL is written with `?`
/// placeholders; engines that number them (`$1`) translate.
public protocol SQLSession {
    /// Runs a query and returns its rows.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a statement whose result the caller does not need now. An engine may send it without waiting
    /// (pipelining it with what follows); its failure then surfaces at the latest when the transaction
    /// commits, and the transaction is rolled back. Default: ``execute(_:_:)``.
    func executePipelined(_ sql: String, _ arguments: [SQLValue]) throws
}

extension SQLSession {
    func row(_ sql: String, _ arguments: [SQLValue]) throws -> SQLRow? { try rows(sql, arguments).first }

    public func executePipelined(_ sql: String, _ arguments: [SQLValue]) throws { try execute(sql, arguments) }
}

/// A database engine under ``SQLStudyStore``: transactions, the clock leases are measured against, and
/// per-study serialisation of writers.
public protocol SQLEngine: Sendable {
    /// The store's location for messages (no password).
    var location: String { get }
    /// Runs `body` in a read-write transaction that holds the engine's write lock for this study
    /// (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a row lock on the study). Rolls back on throw.
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Runs `body` in a read-only snapshot.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// The database's clock (leases are measured against it, so machines need not agree on time).
    func now(_ session: any SQLSession) throws -> Date
    /// Starts changing study `id` in one statement: takes the study's row lock for the rest of the
    /// transaction (serialising its writers), bumps its change counter and returns the new value, the
    /// study's name and the database clock. Nil when the study does not exist.
    func beginStudyChange(_ session: any SQLSession, id: Int64) throws -> (seq: Int64, name: String, now: Date)?
}
