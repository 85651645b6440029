/// "Did you mean …?" for misspelt keys and names: the candidate nearest in edit distance, shared by
/// config checking (`Sweep`) and the MLP setting table (`SweepNN`) so both suggest the same way.
package enum ClosestName {
    /// The candidate nearest to `word` (case-insensitive Levenshtein distance), or nil when even the
    /// nearest differs in more than max(2, a third of the word's length) characters.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance (insertions, deletions and substitutions each cost 1).
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
