import SweepCore

/// One search method a sweep file names (`method: {name: …, options: …}`): its option keys and how
/// to build its sampler and, for multi-fidelity methods, its scheduler. ``SearchMethod/all`` is the
/// registration list; ``MethodRegistry`` and config checking look methods up there.
public struct SearchMethod: Sendable {
    /// The name in configs (`random`, `bayes`, `asha`, …).
    public let name: String
    /// Every option key the method accepts (messages suggest the nearest one for a typo).
    public let optionKeys: [String]
    /// Builds the sampler from the options (multi-fidelity methods: the sampler of new configurations).
    let makeSampler: @Sendable (_ options: [String: AttributeValue], _ space: SearchSpace) throws -> any Sampler
    /// Builds the scheduler from the options and the resource plan; nil for plain samplers.
    let makeScheduler: (@Sendable (_ options: OptionReader, _ plan: HyperbandPlan) throws -> any Scheduler)?

    /// Whether the method is multi-fidelity (a scheduler plus a sampler for new configurations).
    public var isMultiFidelity: Bool { makeScheduler != nil }

    /// The method called `name`, or nil.
    public static func named(_ name: String) -> SearchMethod? { all.first { $0.name == name } }
}
