import Foundation
import SweepCore
import SweepStore
import SweepTestSupport
import Testing

private let worker = WorkerIdentity(id: "w", host: "test-host", pid: 1, processStart: 0, external: false)
private let other = WorkerIdentity(id: "o", host: "test-host-o", pid: 2, processStart: 0, external: false)

/// Migration 3: the objective vector of multi-objective trials, in every backend.
@Suite struct ObjectiveValuesStorageTests {
    @Test(arguments: Backend.all)
    func aFinishedVectorAndItsConstraintsRoundTrip(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try s.createStudy(name: "mo", direction: .maximize, seed: 1, configSource: "c", configHash: "h")
        for x in [0.25, 0.5] {
            _ = try s.ask(study: study.id, worker: worker, lease: 60) { _ in .create(params: ["x": .float(x)], attributes: [:]) }
        }
        let values = [0.9712345678901234, 12.5, -3e-7]
        let constraints: AttributeValue = .array([.number(-37.5), .number(2)])
        let finished = try s.finish(study: study.id, finishing: FinishRequest(
            trial: 0, state: .complete, value: values[0], failureReason: nil, values: values,
            attributes: [ProbabilityOfFeasibility.constraintsKey: constraints]), worker: worker)
        #expect(finished.values == values)
        _ = try s.finish(study: study.id, trial: 1, state: .complete, value: 0.5, failureReason: nil, worker: worker)

        let read = try #require(try s.trial(study: study.id, number: 0))
        #expect(read.values == values)  // exact, not rounded
        #expect(read.value == values[0])
        #expect(read.attributes[ProbabilityOfFeasibility.constraintsKey] == constraints)
        #expect(try s.trial(study: study.id, number: 1)?.values == nil)
        #expect(try s.history(study: study.id).trials.map(\.values) == [values, nil])

        // The same finish again is accepted; another vector for a finished trial is refused and changes nothing.
        _ = try s.finish(study: study.id, finishing: FinishRequest(trial: 0, state: .complete, value: values[0], failureReason: nil,
                                                                   values: values), worker: worker)
        #expect(throws: StorageError.self) {
            try s.finish(study: study.id, finishing: FinishRequest(trial: 0, state: .complete, value: values[0], failureReason: nil,
                                                                   values: [values[0], 1, 1]), worker: worker)
        }
        #expect(try s.trial(study: study.id, number: 0)?.values == values)
    }

    @Test(arguments: Backend.all)
    func onlyTheOwnerFinishesWithAVector(_ backend: Backend) throws {
        let s = try backend.make()
        let study = try s.createStudy(name: "mo", direction: .minimize, seed: 1, configSource: "c", configHash: "h")
        _ = try s.ask(study: study.id, worker: worker, lease: 60) { _ in .create(params: ["x": .float(1)], attributes: [:]) }
        #expect(throws: StorageError.self) {
            try s.finish(study: study.id, finishing: FinishRequest(trial: 0, state: .complete, value: 1, failureReason: nil,
                                                                   values: [1, 2], attributes: ["constraints": .array([])]), worker: other)
        }
        let t = try #require(try s.trial(study: study.id, number: 0))
        #expect(t.state == .running && t.values == nil && t.attributes["constraints"] == nil)
    }
}
