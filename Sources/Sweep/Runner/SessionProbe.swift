import Synchronization

/// Counts the costly steps of opening a sweep — store connections, config parses, objectives built —
/// for the task that installs it with `SessionProbe.$current.withValue(probe) { … }`.
///
/// It exists so tests can hold the light-session contract: `sweep ask`, `tell`, `status`, `trials` and
/// `export` open the store once, parse the stored config once and never build an objective (so an `mlp`
/// sweep's dataset is never loaded). Without an installed probe nothing is counted; a probe sees only
/// its own task's work, so tests running in parallel do not disturb each other.
package final class SessionProbe: Sendable {
    /// The probe of the current task, if any.
    @TaskLocal package static var current: SessionProbe?

    /// What was counted so far.
    package struct Counts: Sendable, Equatable {
        /// Stores opened (``StorageLocation/open()``: an SQLite file, a PostgreSQL pool, memory).
        package var storeOpens = 0
        /// Sweep YAML texts parsed (``SweepConfig/parse(yaml:file:defaultName:)`` and ``SweepConfig/load(path:)``).
        package var configParses = 0
        /// Objectives built (an `mlp` objective loads its dataset when built).
        package var objectivesBuilt = 0

        package init(storeOpens: Int = 0, configParses: Int = 0, objectivesBuilt: Int = 0) {
            self.storeOpens = storeOpens
            self.configParses = configParses
            self.objectivesBuilt = objectivesBuilt
        }
    }

    private let state = Mutex(Counts())

    package init() {}

    /// The counts so far.
    package var counts: Counts { state.withLock { $0 } }

    /// Adds to the current task's probe, if one is installed.
    static func count(_ step: WritableKeyPath<Counts, Int>) {
        current?.state.withLock { $0[keyPath: step] += 1 }
    }
}
