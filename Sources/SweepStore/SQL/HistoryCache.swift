import Foundation
import SweepCore
import Synchronization

/// What ``SQLStudyStore`` knows of a study between transactions: the synced history, the highest change
/// number seen, and for running trials their owner and lease expiry as last seen (heartbeats only extend
/// leases, so an expiry read here is never later than the real one: a trial that is not expired here is
/// not expired).
struct Cached: Sendable {
    var history: StudyHistory
    var seq: Int64
    var leases: [Int: (owner: WorkerIdentity?, expiry: Date?)]
    /// The cache generation the entry was taken in; entries of an older one are never stored back.
    var generation: Int
}

/// The per-study ``Cached`` entries of one store, shared by its threads.
final class HistoryCache: Sendable {
    private struct Entries {
        var entries: [Int64: Cached] = [:]
        /// Bumped when a write transaction fails after its entry went back to the cache.
        var generation = 0
    }
    private let state = Mutex(Entries())

    private func entry(_ study: Int64, remove: Bool) -> Cached {
        state.withLock { c in
            (remove ? c.entries.removeValue(forKey: study) : c.entries[study])
                ?? Cached(history: StudyHistory(trials: []), seq: 0, leases: [:], generation: c.generation)
        }
    }

    /// A copy of the entry of `study` (empty when none), left in the cache.
    func peek(_ study: Int64) -> Cached { entry(study, remove: false) }

    /// The entry of `study` taken out of the cache, so it is uniquely referenced and changing it does not
    /// copy it.
    func take(_ study: Int64) -> Cached { entry(study, remove: true) }

    /// Puts `entry` back unless the cache was invalidated since it was taken or holds a newer one (a read
    /// snapshot may be older than what another thread cached meanwhile).
    func store(_ entry: Cached, study: Int64) {
        state.withLock { c in
            guard entry.generation == c.generation, (c.entries[study]?.seq ?? -1) < entry.seq else { return }
            c.entries[study] = entry
        }
    }

    /// Forgets the entry of `study` (the next sync re-reads it), including copies other threads hold now.
    func invalidate(_ study: Int64) {
        state.withLock { c in
            c.generation += 1
            c.entries[study] = nil
        }
    }
}
