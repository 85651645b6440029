import SweepCore

/// A stored study's trials with its objectives, for listing the front and picking one trade-off.
public struct ParetoView: Sendable {
    /// Objective names in config order (one for single-objective sweeps).
    public let metrics: [String]
    /// One direction per objective.
    public let directions: [Direction]
    /// All trials, by number.
    public let trials: [Trial]

    public init(metrics: [String], directions: [Direction], trials: [Trial]) {
        self.metrics = metrics
        self.directions = directions
        self.trials = trials.sorted { $0.number < $1.number }
    }

    private var views: [MultiObjectiveTrial] { trials.map(MultiObjectiveTrial.init) }

    /// The feasible, non-dominated complete trials, best first by the first objective
    /// (``ParetoPick/front(_:directions:)``).
    public func front() -> [Trial] {
        let byNumber = Dictionary(uniqueKeysWithValues: trials.map { ($0.number, $0) })
        return ParetoPick.front(views, directions: directions).compactMap { byNumber[$0.number] }
    }

    /// The trial `--pick expressions` chooses (``ParetoPick/select(_:metrics:directions:picks:)``).
    /// - Throws: ``ParetoPickError``.
    public func pick(_ expressions: [String]) throws -> Trial {
        let picks = try ParetoPick.parse(expressions, metrics: metrics)
        let chosen = try ParetoPick.select(views, metrics: metrics, directions: directions, picks: picks)
        guard let trial = trials.first(where: { $0.number == chosen.number }) else { throw ParetoPickError.noCandidate }
        return trial
    }
}

extension SweepLocator {
    /// The located study as a ``ParetoView``: objectives from its stored config (the study's metric
    /// name `value` and direction when the config does not parse).
    public func paretoView() throws -> ParetoView {
        let trials = try storage.trials(study: record.id)
        if let config = try? config() {
            return ParetoView(metrics: config.objectives.map(\.name), directions: config.directions, trials: trials)
        }
        return ParetoView(metrics: ["value"], directions: [record.direction], trials: trials)
    }
}
