import Foundation
import Sweep
import SweepCore
import Synchronization

/// Shows sweep progress: on a terminal, one status line redrawn in place (done/total, best, running,
/// ETA); otherwise one plain line per finished trial. Silent with `--quiet`.
final class ProgressPrinter: OptimizeObserver, @unchecked Sendable {
    private struct State {
        var done = 0
        var running = 0
        var best: (number: Int, value: Double)?
        var startedAt = Date()
        var lastDraw = Date.distantPast
    }

    private let state = Mutex(State())
    private let total: Int?
    private let alreadyDone: Int
    private let direction: Direction
    private let quiet: Bool
    private let interactive: Bool
    private let toStderr: Bool

    init(total: Int?, alreadyDone: Int, best: Trial?, direction: Direction, quiet: Bool, toStderr: Bool) {
        self.total = total
        self.alreadyDone = alreadyDone
        self.direction = direction
        self.quiet = quiet
        self.toStderr = toStderr
        self.interactive = isatty(toStderr ? 2 : 1) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        if let best, let v = best.value { state.withLock { $0.best = (best.number, v) } }
    }

    private func emit(_ text: String) {
        let data = Data(text.utf8)
        if toStderr { FileHandle.standardError.write(data) } else { FileHandle.standardOutput.write(data) }
    }

    func trialStarted(_ trial: Trial, worker: Int) {
        state.withLock { $0.running += 1 }
        redraw(force: false)
    }

    func trialFinished(_ trial: Trial, worker: Int) {
        let line: String = state.withLock { s in
            s.done += 1
            s.running -= 1
            if trial.state == .complete, let v = trial.value, s.best.map({ direction.isBetter(v, than: $0.value) }) ?? true {
                s.best = (trial.number, v)
            }
            var text = "trial \(trial.number) \(trial.state.rawValue)"
            if let v = trial.value { text += " value=\(Format.value(v))" }
            text += " (\(Format.duration(trial.duration)))"
            if let reason = trial.failureReason { text += ": \(reason)" }
            if let b = s.best { text += "  best=\(Format.value(b.value)) (#\(b.number))" }
            return text
        }
        if quiet { return }
        if interactive {
            if trial.state == .failed { emit("\r\u{1B}[K" + line + "\n") }
            redraw(force: true)
        } else {
            emit(line + "\n")
        }
    }

    func trialReleased(_ trial: Trial, reason: String, worker: Int) {
        state.withLock { $0.running -= 1 }
        if !quiet && !interactive {
            if reason == "interrupted" { emit("trial \(trial.number) interrupted; it resumes next run\n") }
            if reason == OptimizeStopReason.targetReached.rawValue {
                emit("trial \(trial.number) stopped: another trial reached the target; it resumes if the sweep runs on without it\n")
            }
        }
        redraw(force: true)
    }

    func message(_ text: String) {
        if quiet { return }
        emit((interactive ? "\r\u{1B}[K" : "") + text + "\n")
        redraw(force: true)
    }

    private func redraw(force: Bool) {
        guard interactive, !quiet else { return }
        let text: String? = state.withLock { s in
            let now = Date()
            guard force || now.timeIntervalSince(s.lastDraw) > 0.1 else { return nil }
            s.lastDraw = now
            let done = alreadyDone + s.done
            var t = "[\(done)\(total.map { "/\($0)" } ?? "")]"
            if let b = s.best { t += " best \(Format.value(b.value)) (#\(b.number))" }
            t += " | running \(max(0, s.running))"
            if let total, s.done > 0 {
                let perTrial = now.timeIntervalSince(s.startedAt) / Double(s.done)
                let remaining = max(0, total - done)
                t += " | ETA \(Format.duration(perTrial * Double(remaining)))"
            }
            return t
        }
        if let text { emit("\r\u{1B}[K" + text) }
    }

    /// Ends the status line.
    func finish() {
        if interactive && !quiet { emit("\r\u{1B}[K") }
    }
}
