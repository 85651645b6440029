/// Every trial attribute key Sweep itself writes (all under the `sweep.` prefix; user attributes should
/// use another prefix). One place names each key, says who writes it and what it means; code refers to
/// these constants, never to the string.
///
/// Values are ``AttributeValue``s: "int" below means a whole ``AttributeValue/number(_:)``.
public enum TrialAttributeKey {
    /// Every key below, for documentation and for checks that nothing else claims the `sweep.` prefix.
    public static let all: [String] = [
        bracketID, bracket, rung, resource, maxResource, paused, pausedAt, enqueued, retries,
        resumedFromStep, targetReachedAt, checkpointError, processGroup, warmStart, metrics,
    ]

    // MARK: Multi-fidelity schedulers (successive halving, Hyperband, ASHA)

    /// Int. Bracket instance (0, 1, 2, … in creation order). Written by the scheduler when it starts a
    /// trial; read by the scheduler and by reports.
    public static let bracketID = "sweep.bracket_id"
    /// Int. Bracket kind `s` of Hyperband (the number of halvings; 0 = no early stopping). Written by
    /// the scheduler when it starts a trial; read by ``RungSummary`` and reports.
    public static let bracket = "sweep.bracket"
    /// Int. The trial's current rung (0 = first). Written by the scheduler at start and at each promotion.
    public static let rung = "sweep.rung"
    /// Int. Steps (epochs) the trial should reach at its current rung. Written by the scheduler at start
    /// and at each promotion; objectives read it (`RunningTrial.resource`) to know where to stop.
    public static let resource = "sweep.resource"
    /// Int. The full resource (the top rung's); a trial at this resource runs to completion. Written by
    /// the scheduler at start.
    public static let maxResource = "sweep.max_resource"
    /// Bool. Marks a waiting trial as paused at a rung boundary (waiting for promotion), not enqueued.
    /// Written when a trial pauses (`Study` release with a step); cleared by storage when it is promoted.
    public static let paused = "sweep.paused"
    /// Int. The step at which the trial paused (the rung's resource). Written with ``paused``.
    public static let pausedAt = "sweep.paused_at"

    // MARK: Study and storage bookkeeping

    /// Bool. The trial was enqueued by the user (`Study.enqueue`, `sweep enqueue`) rather than sampled.
    public static let enqueued = "sweep.enqueued"
    /// Int. How many times storage requeued the trial after its worker's lease ran out; past the limit
    /// the trial fails. Written by storage.
    public static let retries = "sweep.retries"
    /// Int. The checkpoint step a (re)started trial continued from. Written by
    /// `RunningTrial.loadCheckpoint()`.
    public static let resumedFromStep = "sweep.resumed_from_step"
    /// Int. The step at which the trial reached the sweep's `target:` value and the sweep stopped.
    /// Written by the optimize loop.
    public static let targetReachedAt = "sweep.target_reached_at"

    // MARK: Objectives

    /// Object `{name: number}`: the named metrics a tell reported besides the objective values (the
    /// metrics of `constraints:`, e.g. `{"latency_us": 12.5}`). Written by `Study` when a trial
    /// completes with `TrialOutcome.values(_:metrics:)`, and by the `command` objective (the other
    /// metrics its program printed); the violations themselves are in the `constraints` attribute.
    public static let metrics = "sweep.metrics"

    /// String. Why a saved checkpoint could not be used, so the trial trained from the start instead.
    /// Written by the `mlp` objective.
    public static let checkpointError = "sweep.checkpoint_error"
    /// Object `{"pgid": int, "host": string, "start": int}`: the process group of a `command`
    /// objective's program, so a resumed trial can terminate an orphaned copy first. Written by the
    /// `command` objective when it starts the program.
    public static let processGroup = "sweep.process_group"
    /// String. The earlier sweep whose best configuration this enqueued trial repeats (`warm_start:`).
    /// Written when a warm-started sweep is created.
    public static let warmStart = "sweep.warm_start"
}
