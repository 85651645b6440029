import Foundation
import SweepCore

/// Maps data to the unit interval of an axis (0 = left/bottom, 1 = right/top) and chooses its ticks.
enum PlotScale: Equatable {
    /// Linear from `lower` to `upper`; `integer` keeps tick steps whole.
    case linear(lower: Double, upper: Double, integer: Bool)
    /// Base-10 logarithmic from `lower` to `upper` (both > 0).
    case log(lower: Double, upper: Double)
    /// Equal-width bands, one per category, in order.
    case categories([String])

    var isLog: Bool { if case .log = self { return true } else { return false } }

    /// Unit position of a number (clamped to [-0.05, 1.05] so stray points stay near the frame).
    func unit(_ x: Double) -> Double {
        let u: Double
        switch self {
        case let .linear(lo, hi, _): u = hi > lo ? (x - lo) / (hi - lo) : 0.5
        case let .log(lo, hi):
            guard x > 0 else { return -0.05 }
            u = hi > lo ? (Foundation.log10(x) - Foundation.log10(lo)) / (Foundation.log10(hi) - Foundation.log10(lo)) : 0.5
        case let .categories(c):
            // Numbers on a categorical axis: treat as a band index.
            u = c.isEmpty ? 0.5 : (x + 0.5) / Double(c.count)
        }
        return u.isFinite ? min(1.05, max(-0.05, u)) : 0.5
    }

    /// Unit position of the centre of band `index`.
    func unit(band index: Int) -> Double {
        guard case let .categories(c) = self, !c.isEmpty else { return 0.5 }
        return (Double(index) + 0.5) / Double(c.count)
    }

    /// Width of one band in unit coordinates (1 for numeric scales).
    var bandWidth: Double {
        if case let .categories(c) = self, !c.isEmpty { return 1 / Double(c.count) }
        return 1
    }

    /// Unit position of a parameter value, or nil when it cannot be placed on this axis.
    func unit(_ value: ParameterValue) -> Double? {
        switch self {
        case let .categories(c):
            let text = value.description
            if let k = c.firstIndex(of: text) { return unit(band: k) }
            if let x = value.doubleValue, let k = c.firstIndex(where: { Double($0) == x }) { return unit(band: k) }
            return nil
        case .linear, .log:
            return value.doubleValue.map { unit($0) }
        }
    }

    /// Ticks as (unit position, label), about `target` of them.
    func ticks(target: Int = 6) -> [(Double, String)] {
        switch self {
        case let .linear(lo, hi, integer):
            guard hi > lo else { return [(0.5, ReportText.short(lo))] }
            var step = PlotScale.niceStep((hi - lo) / Double(max(1, target - 1)))
            if integer { step = max(1, step.rounded()) }
            let first = (lo / step).rounded(.up)
            let last = (hi / step).rounded(.down)
            guard last >= first, last - first < 1000 else { return [] }
            return stride(from: first, through: last, by: 1).map { k in
                let x = k * step
                return (unit(x), PlotScale.label(abs(x) < step * 1e-9 ? 0 : x, step: step))
            }
        case let .log(lo, hi):
            let a = Foundation.log10(lo), b = Foundation.log10(hi)
            let firstDecade = Int((a - 1e-9).rounded(.up))
            let lastDecade = Int((b + 1e-9).rounded(.down))
            var ticks: [(Double, String)] = []
            if lastDecade - firstDecade >= 2 {
                let every = max(1, (lastDecade - firstDecade + target - 1) / target)
                for e in stride(from: firstDecade, through: lastDecade, by: every) {
                    ticks.append((unit(Foundation.pow(10, Double(e))), PlotScale.powerLabel(e)))
                }
                return ticks
            }
            // Narrow range: 1, 2, 5 multiples.
            for e in (Int(a.rounded(.down)))...(Int(b.rounded(.up))) {
                for m in [1.0, 2.0, 5.0] {
                    let x = m * Foundation.pow(10, Double(e))
                    if x >= lo * (1 - 1e-9) && x <= hi * (1 + 1e-9) { ticks.append((unit(x), ReportText.short(x))) }
                }
            }
            return ticks.count >= 2 ? ticks : PlotScale.linear(lower: lo, upper: hi, integer: false).ticks(target: target)
        case let .categories(c):
            let every = max(1, (c.count + 24) / 25)
            return stride(from: 0, to: c.count, by: every).map { k in
                let text = c[k].count > 14 ? String(c[k].prefix(13)) + "…" : c[k]
                return (unit(band: k), text)
            }
        }
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = Foundation.pow(10, Foundation.log10(raw).rounded(.down))
        let m = raw / p
        let nice: Double = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10
        return nice * p
    }

    /// A tick label with as many decimals as the step needs.
    static func label(_ x: Double, step: Double) -> String {
        let a = max(abs(x), step)
        if a >= 1e6 || step < 1e-4 { return String(format: "%.3g", x) }
        let exponent = Foundation.log10(step).rounded(.down)
        let mantissa = step / Foundation.pow(10, exponent)
        // Steps 1, 2, 5 × 10^e need -e decimals; 2.5 × 10^e one more.
        let decimals = max(0, Int(-exponent) + (abs(mantissa - mantissa.rounded()) > 1e-6 ? 1 : 0))
        return String(format: "%.\(min(decimals, 6))f", x)
    }

    /// `0.001`, `0.01`, …, `1000`, then `1e4` beyond.
    static func powerLabel(_ e: Int) -> String {
        switch e {
        case -3...(-1): return "0." + String(repeating: "0", count: -e - 1) + "1"
        case 0...3: return "1" + String(repeating: "0", count: e)
        default: return "1e\(e)"
        }
    }

    /// A scale for `values` (finite ones only): logarithmic when all are positive and span at least
    /// two decades, else linear with 5% padding; `integer` for whole-number data.
    static func fitting(_ values: [Double], integer: Bool = false, allowLog: Bool = true) -> PlotScale {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo.isFinite else { return .linear(lower: 0, upper: 1, integer: integer) }
        if allowLog, lo > 0, hi / lo >= 100 {
            return .log(lower: lo / 1.15, upper: hi * 1.15)
        }
        if hi == lo {
            let pad = integer ? 1 : (lo == 0 ? 1 : abs(lo) * 0.1)
            return .linear(lower: lo - pad, upper: hi + pad, integer: integer)
        }
        let pad = (hi - lo) * 0.05
        return .linear(lower: lo - pad, upper: hi + pad, integer: integer)
    }

    /// The scale of a parameter's axis: log for log domains, bands for categoricals, ranges from the
    /// domain (widened to observed values outside it).
    static func forParameter(_ domain: ParameterDomain, observed: [Double]) -> PlotScale {
        switch domain {
        case let .float(lo, hi, log, _):
            let l = min(lo, observed.min() ?? lo), h = max(hi, observed.max() ?? hi)
            return log && l > 0 ? .log(lower: l, upper: h) : .linear(lower: l, upper: h, integer: false)
        case let .int(lo, hi, log, _):
            let l = min(Double(lo), observed.min() ?? Double(lo)), h = max(Double(hi), observed.max() ?? Double(hi))
            return log && l > 0 ? .log(lower: l, upper: h) : .linear(lower: l - 0.5, upper: h + 0.5, integer: true)
        case let .categorical(choices):
            return .categories(choices.map(\.description))
        }
    }
}
