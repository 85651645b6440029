import Foundation
import Logging
import SweepCore
import SweepMath
import SweepStore
import Synchronization

/// Settings of one ``Study/optimize(_:events:stop:objective:)`` run.
public struct OptimizeOptions: Sendable {
    /// Total trials the study should hold when done (counting earlier runs); nil: no limit.
    public var trials: Int?
    /// Worker threads in this process (≥ 1). Each runs one trial at a time on its own thread, with a
    /// single OpenBLAS thread.
    public var workers: Int
    /// Wall-clock seconds for this run; when reached, running trials are asked to checkpoint and stop
    /// (they resume next run) and no new trials start.
    public var timeLimit: Double?
    /// Stop starting trials once this many have failed.
    public var maxFailed: Int?
    /// Seconds between lease renewals of running trials (default: a quarter of the study lease).
    public var heartbeatInterval: Double?
    /// Stop the sweep once a trial's value is at least this good: ≥ `target` when maximizing, ≤ when
    /// minimizing, compared exactly (no tolerance). Both intermediate reports and final values count.
    ///
    /// The trial whose report met it completes with that value at that step (no further steps run);
    /// other running trials checkpoint and go back to `waiting`, as on Ctrl-C, so raising or removing
    /// the target and running again resumes them. Workers in other processes sharing the store stop
    /// the same way within one heartbeat interval. A run whose study already holds a complete trial
    /// meeting the target starts nothing. nil: no target.
    public var target: Double?

    public init(trials: Int? = nil, workers: Int = 1, timeLimit: Double? = nil, maxFailed: Int? = nil,
                heartbeatInterval: Double? = nil, target: Double? = nil) {
        self.trials = trials
        self.workers = max(1, workers)
        self.timeLimit = timeLimit
        self.maxFailed = maxFailed
        self.heartbeatInterval = heartbeatInterval
        self.target = target
    }
}

/// Why an optimize run ended.
public enum OptimizeStopReason: String, Sendable, Equatable {
    case budgetReached = "trial budget reached"
    case searchSpaceExhausted = "search space exhausted"
    case timeLimit = "time limit reached"
    case interrupted = "interrupted"
    case tooManyFailures = "too many failed trials"
    case targetReached = "target reached"
}

/// Summary of an optimize run.
public struct OptimizeSummary: Sendable {
    public var reason: OptimizeStopReason
    /// Trials this run started (new or resumed).
    public var started: Int
    /// Trials this run finished, by final state.
    public var finished: [TrialState: Int]
    /// Trials this run handed back unfinished (interrupted, resumable).
    public var released: Int
    /// Wall-clock seconds.
    public var elapsed: Double
}

/// Callbacks from the worker pool (called on worker threads; keep them quick).
public protocol OptimizeObserver: Sendable {
    func trialStarted(_ trial: Trial, worker: Int)
    func trialFinished(_ trial: Trial, worker: Int)
    func trialReleased(_ trial: Trial, reason: String, worker: Int)
    func message(_ text: String)
}

extension OptimizeObserver {
    public func trialStarted(_ trial: Trial, worker: Int) {}
    public func trialFinished(_ trial: Trial, worker: Int) {}
    public func trialReleased(_ trial: Trial, reason: String, worker: Int) {}
    public func message(_ text: String) {}
}

/// An objective: evaluates one trial and returns its value (to minimise or maximise per the study).
///
/// Throw to fail the trial (the message is recorded); throw ``TrialPruned`` (or let
/// ``RunningTrial/report(step:value:)`` throw it) to prune; throw ``TrialInterrupted`` after saving a
/// checkpoint when ``RunningTrial/isStopRequested`` turns true. The worker pool maps these (and
/// ``TrialPaused``) to a ``TrialOutcome`` and tells it like any ask/tell caller (``TrialOutcome/init(thrown:)``).
public protocol Objective: Sendable {
    func evaluate(_ trial: RunningTrial) throws -> Double
}

/// An objective from a closure.
public struct ClosureObjective: Objective {
    let body: @Sendable (RunningTrial) throws -> Double
    public init(_ body: @escaping @Sendable (RunningTrial) throws -> Double) { self.body = body }
    public func evaluate(_ trial: RunningTrial) throws -> Double { try body(trial) }
}

extension Study {
    /// Runs trials on a pool of worker threads until the budget, the time limit, the failure limit or
    /// a stop request ends the run.
    ///
    /// Each worker asks for a trial (waiting ones first, then the scheduler, then the sampler), runs
    /// `objective` on its own thread, and tells the outcome. A throwing objective fails only its trial.
    /// Leases of running trials are renewed by a heartbeat thread. On stop (Ctrl-C via ``SignalStop``,
    /// `stop.set()`, or the time limit) no new trials start and running ones are expected to checkpoint
    /// and throw ``TrialInterrupted``; they go back to `waiting` and resume in the next run.
    ///
    /// - Throws: storage errors that make further progress impossible (after all workers stopped).
    @discardableResult
    public func optimize(_ options: OptimizeOptions, events: (any OptimizeObserver)? = nil, stop: StopFlag = StopFlag(),
                         objective: any Objective) throws -> OptimizeSummary {
        let run = OptimizeRun(study: self, options: options, events: events, stop: stop, objective: objective)
        return try run.execute()
    }

    /// ``optimize(_:events:stop:objective:)`` with a closure.
    @discardableResult
    public func optimize(trials: Int? = nil, workers: Int = 1, timeLimit: Double? = nil, maxFailed: Int? = nil,
                         events: (any OptimizeObserver)? = nil, stop: StopFlag = StopFlag(),
                         objective: @escaping @Sendable (RunningTrial) throws -> Double) throws -> OptimizeSummary {
        try optimize(OptimizeOptions(trials: trials, workers: workers, timeLimit: timeLimit, maxFailed: maxFailed),
                     events: events, stop: stop, objective: ClosureObjective(objective))
    }
}

/// One optimize call: worker threads, heartbeat thread, bookkeeping.
final class OptimizeRun: @unchecked Sendable {
    let study: Study
    let options: OptimizeOptions
    let events: (any OptimizeObserver)?
    let stop: StopFlag
    let objective: any Objective

    private struct Shared {
        var running = Set<Int>()
        var started = 0
        var finished: [TrialState: Int] = [:]
        var released = 0
        var reason: OptimizeStopReason?
        var fatal: (any Error)?
        var timedOut = false
    }

    private let shared = Mutex(Shared())
    private let done = Atomic<Bool>(false)

    init(study: Study, options: OptimizeOptions, events: (any OptimizeObserver)?, stop: StopFlag, objective: any Objective) {
        self.study = study
        self.options = options
        self.events = events
        self.stop = stop
        self.objective = objective
    }

    var stopRequested: Bool { stop.isSet || SignalStop.received }

    func execute() throws -> OptimizeSummary {
        let start = Date()
        BLASThreads.setThreadCount(1)
        let group = DispatchGroup()
        for w in 0..<options.workers {
            group.enter()
            let thread = Thread { [self] in
                workerLoop(index: w)
                group.leave()
            }
            thread.name = "sweep-worker-\(w)"
            thread.stackSize = 16 << 20
            thread.start()
        }
        let monitor = Thread { [self] in monitorLoop(start: start) }
        monitor.name = "sweep-heartbeat"
        monitor.start()
        group.wait()
        done.store(true, ordering: .relaxed)
        let s = shared.withLock { $0 }
        if let fatal = s.fatal { throw fatal }
        let reason: OptimizeStopReason
        if s.timedOut { reason = .timeLimit } else if SignalStop.received || (stop.isSet && s.reason == nil) { reason = .interrupted } else {
            reason = s.reason ?? .budgetReached
        }
        return OptimizeSummary(reason: reason, started: s.started, finished: s.finished, released: s.released,
                               elapsed: Date().timeIntervalSince(start))
    }

    /// Renews leases and enforces the time limit.
    private func monitorLoop(start: Date) {
        let interval = options.heartbeatInterval ?? max(0.05, study.lease / 4)
        var lastBeat = Date()
        while !done.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: min(0.05, interval))
            if let limit = options.timeLimit, Date().timeIntervalSince(start) >= limit, !stop.isSet {
                shared.withLock { $0.timedOut = true }
                stop.set()
            }
            guard Date().timeIntervalSince(lastBeat) >= interval else { continue }
            lastBeat = Date()
            if options.target != nil { checkTargetElsewhere() }
            let running = shared.withLock { Array($0.running) }
            guard !running.isEmpty else { continue }
            do {
                let owned = try study.renewLeases(running)
                for lost in Set(running).subtracting(owned) {
                    // Finished in the meantime, or reclaimed by another process after a missed lease.
                    if shared.withLock({ $0.running.contains(lost) }) {
                        notify("trial \(lost): lease lost; another worker may take it over",
                               log: "trial \(lost) of sweep '\(study.name)': lease lost; another worker may take it over")
                    }
                }
            } catch {
                notify("heartbeat failed: \(error)", log: "heartbeat of sweep '\(study.name)' failed: \(error)")
            }
        }
    }

    /// Tells the observer (the CLI prints it) and the study's logger; the log line is a warning only
    /// when no observer shows the message, so a CLI user does not read it twice on stderr.
    private func notify(_ message: String, log: Logger.Message) {
        events?.message(message)
        study.logger.log(level: events == nil ? .warning : .debug, log)
    }

    private func workerLoop(index: Int) {
        let limits = Study.AskLimits(totalTrials: options.trials, maxFailed: options.maxFailed, target: options.target)
        // The outcome of the trial this worker just ran: told together with the next ask (one
        // storage transaction between trials instead of two).
        var pending: (number: Int, outcome: TrialOutcome)?
        defer { if let pending { tell(pending, worker: index) } }
        while !stopRequested {
            let asked: (finished: Trial?, trial: RunningTrial?, stop: Study.AskStop?)
            do {
                asked = try study.ask(limits: limits, finishing: pending)
            } catch let error as StorageError where pending != nil && OptimizeRun.isLostOwnership(error) {
                // The finish was refused (e.g. our lease expired and another worker took the trial);
                // nothing was written. Drop that outcome and ask again.
                notify("trial \(pending!.number): \(error)",
                       log: "trial \(pending!.number) of sweep '\(study.name)': result dropped: \(error)")
                pending = nil
                continue
            } catch let error as StudyError where pending != nil && OptimizeRun.isUnusableResult(error) {
                // The objective's result does not fit the study's metrics (nothing was written): the
                // trial fails with the reason and the run goes on.
                pending = (pending!.number, .failed(error.description))
                continue
            } catch {
                fail(error)
                return
            }
            if let finished = asked.finished, let told = pending { record(finished, told: told.outcome, worker: index) }
            pending = nil
            guard let running = asked.trial else {
                switch asked.stop {
                case .waitForResults?:
                    // Other workers (or processes) will produce what the scheduler waits for.
                    Thread.sleep(forTimeInterval: 0.02)
                    continue
                case .tooManyFailures?: setReason(.tooManyFailures)
                case .searchSpaceExhausted?: setReason(.searchSpaceExhausted)
                case .targetReached?: setReason(.targetReached)
                default: setReason(.budgetReached)
                }
                return
            }
            pending = run(running.withStop(stop, target: options.target), worker: index)
        }
    }

    /// Tells an outcome on its own (when the worker stops instead of asking again).
    private func tell(_ pending: (number: Int, outcome: TrialOutcome), worker: Int) {
        do {
            record(try study.tell(number: pending.number, pending.outcome), told: pending.outcome, worker: worker)
        } catch let error as StorageError where OptimizeRun.isLostOwnership(error) {
            events?.message("trial \(pending.number): \(error)")
        } catch {
            fail(error)
        }
    }

    /// Errors meaning this worker no longer owns the trial (not a store failure).
    static func isLostOwnership(_ error: StorageError) -> Bool {
        switch error {
        case .notOwner, .trialNotRunning, .trialAlreadyFinished: return true
        default: return false
        }
    }

    private func setReason(_ reason: OptimizeStopReason) {
        shared.withLock { if $0.reason == nil { $0.reason = reason } }
    }

    /// Another process's worker (sharing the store) may have met the target: stop here too.
    private func checkTargetElsewhere() {
        guard let target = options.target, !stop.isSet,
              let best = try? study.history().trials.best(study.direction)?.value,
              AskLimits.meets(best, target: target, direction: study.direction) else { return }
        reachTarget()
    }

    /// A trial met the target: stop the other workers (their trials checkpoint and wait).
    private func reachTarget() {
        setReason(.targetReached)
        stop.set()
    }

    private func fail(_ error: any Error) {
        shared.withLock { if $0.fatal == nil { $0.fatal = error } }
        stop.set()
    }

    /// Runs one trial; returns its outcome to be told (finished, paused at a rung, or interrupted), or
    /// nil when the trial was lost (another worker took it over) or the store failed.
    private func run(_ trial: RunningTrial, worker: Int) -> (number: Int, outcome: TrialOutcome)? {
        shared.withLock {
            $0.running.insert(trial.number)
            $0.started += 1
        }
        events?.trialStarted(trial.snapshot, worker: worker)
        defer { shared.withLock { _ = $0.running.remove(trial.number) } }

        switch Result(catching: { try OptimizeRun.evaluate(objective, trial) }) {
        case let .success(outcome):
            if case let .value(value) = outcome, let target = options.target,
               AskLimits.meets(value, target: target, direction: study.direction) { reachTarget() }
            return (trial.number, outcome)
        case let .failure(reached as TrialReachedTarget):
            reachTarget()
            do {
                try trial.setAttributes([TrialAttributeKey.targetReachedAt: .number(Double(reached.step))])
            } catch {
                lost(trial.number, error)
                return nil
            }
            return (trial.number, .value(reached.value))
        case let .failure(error as StorageError):
            // Lost ownership (lease expired and reclaimed) or the store failed: not the trial's fault.
            lost(trial.number, error)
            return nil
        case let .failure(error):
            if let outcome = TrialOutcome(thrown: error) { return (trial.number, outcome) }
            if stopRequested { return (trial.number, .interrupted) }
            return (trial.number, .failed(OptimizeRun.describe(error)))
        }
    }

    /// A store error while running a trial: a message when this worker lost the trial, else the run stops.
    private func lost(_ number: Int, _ error: any Error) {
        if let error = error as? StorageError, OptimizeRun.isLostOwnership(error) {
            events?.message("trial \(number): \(error)")
        } else {
            fail(error)
        }
    }

    /// Counts and reports a told trial: finished, or handed back (paused, interrupted).
    private func record(_ trial: Trial, told outcome: TrialOutcome, worker: Int) {
        switch outcome {
        case let .paused(step):
            shared.withLock { $0.released += 1 }
            events?.trialReleased(trial, reason: TrialPaused(step: step).description, worker: worker)
        case .interrupted:
            let targetReached = shared.withLock { $0.released += 1; return $0.reason == .targetReached }
            events?.trialReleased(trial, reason: targetReached ? OptimizeStopReason.targetReached.rawValue : "interrupted", worker: worker)
        case .value, .values, .pruned, .failed:
            finish(trial, worker: worker)
        }
    }

    private func finish(_ trial: Trial, worker: Int) {
        shared.withLock { $0.finished[trial.state, default: 0] += 1 }
        events?.trialFinished(trial, worker: worker)
    }

    /// The text recorded for a failed trial.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.isEmpty ? "\(type(of: error))" : text
    }
}
