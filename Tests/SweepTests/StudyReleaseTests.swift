import Foundation
import Sweep
import SweepCore
import SweepStore
import Testing

@Suite struct StudyReleaseTests {
    private func study(scheduler: (any Scheduler)? = nil) throws -> Study {
        try Study.open(name: "r", storage: InMemoryStorage(), space: try SearchSpace([.float("x", 0, 1)]), direction: .minimize,
                       scheduler: scheduler)
    }

    @Test func releaseHandsATrialBackAndTheNextAskResumesIt() throws {
        let s = try study()
        let t = try #require(try s.ask())
        try t.report(step: 1, value: 0.3)
        try s.release(t)
        let stored = try s.trials()[0]
        #expect(stored.state == .waiting && stored.attributes[StorageDefaults.pausedAttribute] == nil)
        let again = try #require(try s.ask())
        #expect(again.number == t.number && again.params == t.params && again.snapshot.intermediateValues == [1: 0.3])
        // Only the owner may release; a finished trial cannot be released.
        let other = s.acting(as: WorkerIdentity.current(suffix: "other"))
        #expect(throws: StorageError.self) { try other.release(again) }
        try s.tell(again, .value(0.3))
        #expect(throws: StorageError.self) { try s.release(again) }
    }

    @Test func pausedTrialsWaitForThePromotionOfTheScheduler() throws {
        let plan = try HyperbandPlan(minResource: 1, maxResource: 9, eta: 3)
        let s = try study(scheduler: SuccessiveHalvingScheduler.successiveHalving(plan: plan, bracket: nil))
        var promoted: RunningTrial?
        for _ in 0..<20 {
            let t = try #require(try s.ask())
            if t.resource != 1 {
                promoted = t
                break
            }
            #expect(try s.report(number: t.number, step: 1, value: Double(t.number)) == .pause)
            try s.release(t, pausedAt: 1)
            let stored = try s.trials()[t.number]
            #expect(stored.state == .waiting && stored.attributes[StorageDefaults.pausedAttribute] == .bool(true))
            #expect(stored.attributes["sweep.paused_at"] == .number(1))
        }
        // Rung 0 held 9 trials; the best third (values 0, 1, 2) are promoted, the best first.
        let p = try #require(promoted)
        #expect(p.number == 0 && p.resource == 3 && p.snapshot.intermediateValues == [1: 0])
    }

    @Test func renewLeasesReportsWhatIsStillOwned() throws {
        let s = try study()
        let a = try #require(try s.ask()), b = try #require(try s.ask())
        try s.tell(b, .value(1))
        #expect(try s.renewLeases([a.number, b.number]) == [a.number])
    }
}
