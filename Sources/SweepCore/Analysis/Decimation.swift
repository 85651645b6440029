/// Deterministic thinning of long series for plots, so a 10,000-trial sweep draws about as fast and as
/// small as a 1,000-trial one while the points that matter stay.
///
/// Rules (all deterministic, no randomness):
/// - ``evenlySpaced(_:count:)``: `count` indices spread evenly over `0..<n`, always including the
///   first and the last.
/// - ``select(count:cap:keep:)``: every index in `keep` (the best trials, best-so-far improvements —
///   whatever must not disappear), then evenly spaced indices among the others until `cap` is reached.
public enum Decimation {
    /// `count` indices spread evenly over `0..<n` in increasing order, including `0` and `n − 1`;
    /// all of `0..<n` when `count >= n`.
    public static func evenlySpaced(_ n: Int, count: Int) -> [Int] {
        guard n > 0, count > 0 else { return [] }
        if count >= n { return Array(0..<n) }
        if count == 1 { return [0] }
        var out: [Int] = []
        out.reserveCapacity(count)
        let step = Double(n - 1) / Double(count - 1)
        for k in 0..<count {
            let i = Int((Double(k) * step).rounded())
            if out.last != i { out.append(i) }
        }
        return out
    }

    /// At most `cap` indices of `0..<n`, in increasing order: the valid indices of `keep` first (the
    /// first `cap` of them when they alone exceed it), then evenly spaced indices among the rest.
    public static func select(count n: Int, cap: Int, keep: [Int]) -> [Int] {
        guard n > 0, cap > 0 else { return [] }
        if n <= cap { return Array(0..<n) }
        var chosen = [Bool](repeating: false, count: n)
        var taken = 0
        for i in keep where i >= 0 && i < n && !chosen[i] && taken < cap {
            chosen[i] = true
            taken += 1
        }
        if taken < cap {
            let rest = (0..<n).filter { !chosen[$0] }
            for k in evenlySpaced(rest.count, count: cap - taken) { chosen[rest[k]] = true }
        }
        return (0..<n).filter { chosen[$0] }
    }
}
