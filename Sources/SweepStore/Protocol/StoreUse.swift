/// How a process uses a store, so that the engine opens what that use needs.
public enum StoreUse: Sendable, Equatable {
    /// A long-lived process, possibly with several threads (`sweep run`, workers, `sweep serve`):
    /// SQLite opens a writer and, on first read, concurrent reader connections. The default.
    case shared
    /// One short command on one thread (`sweep ask`, `tell`, `status`): SQLite opens a single
    /// connection for reads and writes, so starting costs one connection, not two, and no write to
    /// prime the log for readers.
    case singleThreaded
}
