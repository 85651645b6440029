import SweepStore

/// `warm_start: {from: SWEEP, storage: URL, top: 3}` in a sweep file: start a new sweep from an
/// earlier one's trials (see ``WarmStart``).
public struct WarmStartSpec: Sendable, Equatable {
    /// The earlier sweep: its name (in `sweeps/NAME.sqlite` or in ``storage``), its YAML file or its
    /// database file, as `sweep status` takes it.
    public var from: String
    /// Where the earlier sweep is stored (SQLite path or `postgresql://` URL); nil: found from ``from``.
    public var storage: String?
    /// How many of its best configurations are enqueued first (0…100, default 3).
    public var top: Int
    /// Where the spec was written, for messages: file, line of `from`, line of `storage`.
    public var file: String
    public var line: Int?
    public var storageLine: Int?

    public init(from: String, storage: String? = nil, top: Int = 3, file: String = "<config>", line: Int? = nil, storageLine: Int? = nil) {
        self.from = from
        self.storage = storage
        self.top = top
        self.file = file
        self.line = line
        self.storageLine = storageLine
    }

    /// `warm_start: NAME` or `warm_start: {from: NAME, storage: S, top: K}`.
    static func parse(_ node: ConfigNode) throws -> WarmStartSpec {
        if case .scalar = node.node {
            return WarmStartSpec(from: try node.nonEmptyString(), file: node.file, line: node.line)
        }
        let f = try node.fields(allowed: ["from", "storage", "top"])
        guard let from = f["from"] else { throw node.error("missing 'from': the earlier sweep whose trials start this one") }
        let top = try f["top"].map { n -> Int in
            let k = try n.int()
            guard (0...100).contains(k) else { throw n.error("must be in 0...100 (how many best configurations to enqueue), got \(k)") }
            return k
        } ?? 3
        if let node = f["storage"], let url = try? node.nonEmptyString(), PostgresURL.redact(url) != url {
            // The sweep file is stored with the new sweep; only the top-level storage is redacted there.
            throw node.error("holds a password, which would be stored with this sweep's config; use PGPASSWORD or ~/.pgpass instead")
        }
        return WarmStartSpec(from: try from.nonEmptyString(), storage: try f["storage"]?.nonEmptyString(), top: top,
                             file: node.file, line: from.line, storageLine: f["storage"]?.line)
    }
}
