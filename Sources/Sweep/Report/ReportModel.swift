import Foundation
import SweepCore
import SweepMath

/// One parameter as the report plots it.
struct ReportParameter {
    var name: String
    /// Domain from the sweep's space, or inferred from the values seen.
    var domain: ParameterDomain
    /// True when the domain was inferred (the parameter is not in the stored space).
    var inferred: Bool
    /// Axis scale (log for log domains, bands for categoricals).
    var scale: PlotScale
    /// True when some trials lack the parameter (conditional, or define-by-run).
    var conditional: Bool
    /// Number of trials holding a value.
    var activeCount: Int
}

extension ReportParameter {
    /// A fixed offset (in unit axis coordinates) for trial `number`, spreading trials within the slot
    /// of a discrete value (a category, or an integer of a short range) so equal values do not hide
    /// one another; 0 on continuous axes.
    func spread(_ number: Int) -> Double {
        let width: Double
        switch scale {
        case .categories: width = scale.bandWidth * 0.6
        case let .linear(lo, hi, integer) where integer && hi - lo <= 21: width = 0.4 / (hi - lo)
        default: return 0
        }
        let h = SplitMix64.mix(UInt64(bitPattern: Int64(number)) &+ 0x51CE)
        return (Double(h >> 11) * 0x1.0p-53 - 0.5) * width
    }

    /// Unit position of trial `t`'s value on this axis, spread as ``spread(_:)`` says; nil when the
    /// trial lacks the parameter or the value does not fit the axis.
    func position(_ t: Trial) -> Double? {
        guard let v = t.params[name], let u = scale.unit(v) else { return nil }
        return u + spread(t.number)
    }
}

/// Everything the plots share, computed once from the trials.
struct ReportModel {
    let name: String
    let direction: Direction
    let metric: String
    /// All trials by number.
    let trials: [Trial]
    let parameters: [ReportParameter]
    /// Search space for importance: the stored one plus inferred parameters.
    let space: SearchSpace?
    /// Scale of objective values (complete and pruned trials).
    let valueScale: PlotScale
    let best: Trial?
    let improvements: [(number: Int, value: Double)]
    /// Complete trials with a finite value, best first.
    let ranked: [Trial]
    let counts: [TrialState: Int]

    init(name: String, direction: Direction, metric: String, space: SearchSpace?, trials: [Trial]) {
        self.name = name
        self.direction = direction
        self.metric = metric
        let trials = trials.sorted { $0.number < $1.number }
        self.trials = trials
        var counts: [TrialState: Int] = [:]
        for t in trials { counts[t.state, default: 0] += 1 }
        self.counts = counts
        best = trials.best(direction)
        improvements = BestSoFar.improvements(trials, direction: direction)
        ranked = trials.filter { $0.state == .complete && ($0.value?.isFinite ?? false) }
            .sorted { a, b in direction.isBetter(a.value!, than: b.value!) || (a.value! == b.value! && a.number < b.number) }
        let plotted = trials.compactMap { t -> Double? in
            guard t.state == .complete || t.state == .pruned, let v = t.value, v.isFinite else { return nil }
            return v
        }
        valueScale = PlotScale.fitting(plotted)
        let params = ReportModel.parameters(space: space, trials: trials)
        parameters = params
        self.space = ReportModel.analysisSpace(space: space, parameters: params)
    }

    func count(_ state: TrialState) -> Int { counts[state] ?? 0 }

    /// "value (minimize ↓)".
    var valueLabel: String { "\(metric) (\(direction.rawValue) \(direction == .minimize ? "↓" : "↑"))" + (valueScale.isLog ? ", log scale" : "") }

    /// Unit rank of a complete trial's value: 1 = best, 0 = worst.
    func goodness(rankIndex i: Int) -> Double {
        ranked.count <= 1 ? 1 : 1 - Double(i) / Double(ranked.count - 1)
    }

    /// Parameters of the space in declaration order, then any others seen in trials (sorted by name).
    static func parameters(space: SearchSpace?, trials: [Trial]) -> [ReportParameter] {
        var observed: [String: [ParameterValue]] = [:]
        for t in trials { for (k, v) in t.params { observed[k, default: []].append(v) } }
        var out: [ReportParameter] = []
        for p in space?.parameters ?? [] {
            let values = observed[p.name] ?? []
            let numbers = values.compactMap(\.doubleValue).filter(\.isFinite)
            out.append(ReportParameter(
                name: p.name, domain: p.domain, inferred: false, scale: PlotScale.forParameter(p.domain, observed: numbers),
                conditional: p.condition != nil || values.count < trials.count, activeCount: values.count))
        }
        for name in observed.keys.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }) where space?[name] == nil {
            let values = observed[name]!
            let domain = inferDomain(values)
            let numbers = values.compactMap(\.doubleValue).filter(\.isFinite)
            out.append(ReportParameter(
                name: name, domain: domain, inferred: true, scale: PlotScale.forParameter(domain, observed: numbers),
                conditional: values.count < trials.count, activeCount: values.count))
        }
        return out
    }

    /// A domain covering `values`: int or float ranges, else the distinct values in order of appearance
    /// as categories. A range is logarithmic when it is positive, spans two decades or more, and its
    /// median lies in the lowest tenth of it (as log-uniform draws do; uniform draws sit mid-range).
    static func inferDomain(_ values: [ParameterValue]) -> ParameterDomain {
        let numbers = values.compactMap(\.doubleValue).filter(\.isFinite).sorted()
        if numbers.count == values.count, let lo = numbers.first, let hi = numbers.last {
            let median = numbers[numbers.count / 2]
            let log = lo > 0 && hi / lo >= 100 && median < lo + (hi - lo) / 10
            let allInts = values.allSatisfy { if case .int = $0 { return true } else { return false } }
            if allInts {
                let l = Int(lo), h = Int(hi)
                return .int(lower: l, upper: h == l ? l + 1 : h, log: log && l >= 1)
            }
            let h = hi > lo ? hi : lo + max(1, abs(lo))
            return .float(lower: lo, upper: h, log: log)
        }
        var seen: [ParameterValue] = []
        for v in values where !seen.contains(where: { $0.matches(v) }) { seen.append(v) }
        return .categorical(seen)
    }

    /// The space importance is computed in: stored and inferred parameters; nil when it does not validate.
    static func analysisSpace(space: SearchSpace?, parameters: [ReportParameter]) -> SearchSpace? {
        var params = space?.parameters ?? []
        for p in parameters where p.inferred { params.append(Parameter(p.name, p.domain)) }
        return try? SearchSpace(params)
    }
}
