/// Decides from intermediate values whether a running trial should stop early.
///
/// Pruners are pure functions of the trial and the study history, like samplers.
public protocol Pruner: Sendable {
    /// Name used in configs (`median`, …).
    var name: String { get }

    /// Whether `trial`, which just reported `step`, should be pruned.
    /// - Parameters:
    ///   - trial: the running trial, with its intermediate values including `step`.
    ///   - trials: all other trials of the study.
    ///   - direction: optimisation direction of the reported values.
    func shouldPrune(_ trial: Trial, step: Int, among trials: [Trial], direction: Direction) -> Bool
}

/// Never prunes.
public struct NoPruner: Pruner {
    public let name = "none"
    public init() {}
    public func shouldPrune(_ trial: Trial, step: Int, among trials: [Trial], direction: Direction) -> Bool { false }
}
