/// The best value seen so far along a sweep, in trial-number order.
public enum BestSoFar {
    /// The trials (complete, finite value) that improved on every earlier complete trial in
    /// `direction`, in trial-number order, with the new best value. The first complete trial always
    /// counts; ties do not improve.
    public static func improvements(_ trials: [Trial], direction: Direction) -> [(number: Int, value: Double)] {
        var out: [(number: Int, value: Double)] = []
        var best: Double?
        for t in trials.sorted(by: { $0.number < $1.number }) where t.state == .complete {
            guard let v = t.value, v.isFinite else { continue }
            if best.map({ direction.isBetter(v, than: $0) }) ?? true {
                best = v
                out.append((t.number, v))
            }
        }
        return out
    }
}
