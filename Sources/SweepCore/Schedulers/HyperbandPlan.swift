/// The bracket arithmetic of Hyperband (Li, Jamieson, DeSalvo, Rostamizadeh & Talwalkar, JMLR 18(185),
/// 2018), Algorithm 1, in integer arithmetic.
///
/// With resources measured in units of `minResource` (R = maxResource / minResource), s_max is the
/// largest s with η^s ≤ R — computed by repeated multiplication, because in IEEE doubles
/// log(243)/log(3) = 4.999999999999999. Bracket s starts n = ⌈(s_max+1)·η^s/(s+1)⌉ configurations at
/// r = R·η^(−s); its rung i keeps n_i = ⌊n·η^(−i)⌋ configurations trained to r_i = r·η^i, rounded down
/// to whole steps when R is not a power of η (``resource(bracket:rung:)``).
///
/// For R = 81, η = 3 this gives the paper's table: s=4: 81/1 27/3 9/9 3/27 1/81; s=3: 34/3 11/9 3/27 1/81;
/// s=2: 15/9 5/27 1/81; s=1: 8/27 2/81; s=0: 5/81.
public struct HyperbandPlan: Sendable, Equatable {
    /// One rung: how many configurations, trained to how many steps.
    public struct Rung: Sendable, Equatable, CustomStringConvertible {
        public var configurations: Int
        public var resource: Int
        public init(configurations: Int, resource: Int) {
            self.configurations = configurations
            self.resource = resource
        }
        public var description: String { "\(configurations)/\(resource)" }
    }

    /// One bracket: its index s and its rungs (first to last).
    public struct Bracket: Sendable, Equatable {
        public var s: Int
        public var rungs: [Rung]
        public init(s: Int, rungs: [Rung]) {
            self.s = s
            self.rungs = rungs
        }
        /// Σ n_i · (r_i − r_{i−1}): the steps trained when promoted trials continue from checkpoints.
        public var resourceWithCheckpoints: Int {
            var total = 0, previous = 0
            for rung in rungs {
                total += rung.configurations * (rung.resource - previous)
                previous = rung.resource
            }
            return total
        }
        /// Σ n_i · r_i: the steps trained if every rung restarted from scratch (the paper's accounting).
        public var resourceWithoutCheckpoints: Int { rungs.reduce(0) { $0 + $1.configurations * $1.resource } }
    }

    public let minResource: Int
    public let maxResource: Int
    public let eta: Int
    /// s_max = ⌊log_η(maxResource / minResource)⌋.
    public let sMax: Int

    /// - Throws: ``SchedulerConfigError`` for η < 2, non-positive resources or min > max.
    public init(minResource: Int, maxResource: Int, eta: Int) throws {
        guard eta >= 2 else { throw SchedulerConfigError.badEta(eta) }
        guard minResource >= 1 else { throw SchedulerConfigError.badResource("min_resource must be at least 1, got \(minResource)") }
        guard maxResource >= minResource else {
            throw SchedulerConfigError.badResource("max_resource \(maxResource) is smaller than min_resource \(minResource)")
        }
        self.minResource = minResource
        self.maxResource = maxResource
        self.eta = eta
        var s = 0, power = 1
        while power <= maxResource / minResource / eta { power *= eta; s += 1 }
        // Now η^s ≤ R < η^(s+1) (with R = max/min in whole units).
        self.sMax = s
    }

    /// η^k in integers.
    public func power(_ k: Int) -> Int { (0..<k).reduce(1) { p, _ in p * eta } }

    /// Resource at rung i of bracket s: maxResource·η^(i−s) rounded down to a whole step (never more
    /// than the paper's r_i, so no rung costs more than its share of the bracket's budget; Ray Tune's
    /// `HyperBandScheduler` also truncates, `int(max_t·η^−s)`), at least minResource; the last rung is
    /// exactly maxResource. For R = 50, η = 3 bracket 3's rungs train to 1, 5, 16 and 50 steps.
    public func resource(bracket s: Int, rung i: Int) -> Int {
        if i >= s { return maxResource }
        return max(minResource, maxResource / power(s - i))
    }

    /// Bracket s (0…s_max).
    public func bracket(_ s: Int) -> Bracket {
        precondition(s >= 0 && s <= sMax, "bracket \(s) outside 0…\(sMax)")
        let n = ((sMax + 1) * power(s) + s) / (s + 1)  // ⌈(s_max+1)·η^s/(s+1)⌉
        let rungs = (0...s).map { i in Rung(configurations: n / power(i), resource: resource(bracket: s, rung: i)) }
        return Bracket(s: s, rungs: rungs)
    }

    /// All brackets of one Hyperband iteration, most aggressive (s = s_max) first.
    public var brackets: [Bracket] { (0...sMax).reversed().map(bracket) }
}

/// Invalid multi-fidelity settings.
public enum SchedulerConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    case badEta(Int)
    case badResource(String)

    public var description: String {
        switch self {
        case let .badEta(eta): return "eta must be at least 2, got \(eta)"
        case let .badResource(why): return why
        }
    }
}
