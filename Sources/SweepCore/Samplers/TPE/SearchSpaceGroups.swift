/// Group decomposition of a conditional search space (Optuna's `_SearchSpaceGroup`, used by
/// multivariate TPE with `group=True`).
///
/// Starting from no groups, each trial's set of active parameters splits every group into the part
/// inside the set and the part outside, and its parameters not yet grouped form a new group. The
/// result is the coarsest partition of the seen parameters in which every trial's parameter set is
/// a union of groups: parameters that always appear together (e.g. the children of one value of a
/// categorical) are modelled jointly, and each group's estimators use exactly the trials that have it.
public enum SearchSpaceGroups {
    /// The groups (parameter indices, ascending; groups ordered by their smallest index) of the
    /// active-parameter sets `sets` (each a sorted list of parameter indices).
    public static func decompose(_ sets: [[Int]]) -> [[Int]] {
        var groups: [Set<Int>] = []
        var seen = Set<[Int]>()
        for set in sets where seen.insert(set).inserted {
            var rest = Set(set)
            var next: [Set<Int>] = []
            for g in groups {
                let inside = g.intersection(rest)
                let outside = g.subtracting(rest)
                if !inside.isEmpty { next.append(inside) }
                if !outside.isEmpty { next.append(outside) }
                rest.subtract(g)
            }
            if !rest.isEmpty { next.append(rest) }
            groups = next
        }
        return groups.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
