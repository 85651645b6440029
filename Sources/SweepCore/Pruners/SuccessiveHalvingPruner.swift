/// ASHA's stopping variant for ask/tell and embedded loops, where trials are not paused and resumed:
/// at each rung step r_k = minResource·η^k a trial continues only if its value there is within the top
/// ⌊m/η⌋ (at least one) of the m trials that reported that step, itself included. With fewer than η
/// values at a rung there is not enough evidence and the trial continues.
public struct SuccessiveHalvingPruner: Pruner {
    public let name = "sha"
    public let minResource: Int
    public let eta: Int

    public init(minResource: Int = 1, eta: Int = 3) {
        precondition(minResource >= 1 && eta >= 2)
        self.minResource = minResource
        self.eta = eta
    }

    /// Whether `step` is a rung boundary.
    func isRung(_ step: Int) -> Bool {
        var r = minResource
        while r < step { r *= eta }
        return r == step
    }

    public func shouldPrune(_ trial: Trial, step: Int, among trials: [Trial], direction: Direction) -> Bool {
        guard isRung(step), let own = trial.intermediateValues[step] else { return false }
        guard own.isFinite else { return true }
        var values = [direction.minimizing(own)]
        for t in trials where t.number != trial.number {
            if let v = t.intermediateValues[step], v.isFinite { values.append(direction.minimizing(v)) }
        }
        guard values.count >= eta else { return false }
        let better = values.dropFirst().filter { $0 < values[0] }.count
        return better >= max(1, values.count / eta)
    }
}
