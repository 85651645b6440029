import SweepCore
import Testing

@Suite struct TrialAttributeKeyTests {
    @Test func keysAreDistinctAndUnderTheSweepPrefix() {
        #expect(Set(TrialAttributeKey.all).count == TrialAttributeKey.all.count)
        #expect(TrialAttributeKey.all.allSatisfy { $0.hasPrefix("sweep.") && $0.count > "sweep.".count })
    }

    @Test func schedulerAndReportNamesAreTheRegistryKeys() {
        #expect(SchedulerAttributes.rung == TrialAttributeKey.rung)
        #expect(SchedulerAttributes.resource == TrialAttributeKey.resource)
        #expect(SchedulerAttributes.paused == TrialAttributeKey.paused)
        #expect(RungSummary.bracketAttribute == SchedulerAttributes.bracket)
        // Stored studies keep their attributes: the spelling of a key never changes.
        #expect(TrialAttributeKey.bracket == "sweep.bracket" && TrialAttributeKey.maxResource == "sweep.max_resource")
    }
}
