#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Number of SIGINT/SIGTERM signals received since ``SignalStop/install()``.
private let signalCount = Atomic<Int>(0)
private let lastSignal = Atomic<Int32>(0)

/// Graceful stop on Ctrl-C / SIGTERM: the first signal asks running trials to checkpoint and stop
/// (their ``RunningTrial/isStopRequested`` turns true); a second one exits at once with status 130.
///
/// Uses plain `signal(2)` handlers that only touch an atomic, which is async-signal-safe and works
/// with any threading model (a Dispatch signal source did not fire under an async `main`).
public enum SignalStop {
    /// Installs the handlers (idempotent).
    public static func install() {
        let handler: @convention(c) (Int32) -> Void = { sig in
            let previous = signalCount.add(1, ordering: .relaxed).oldValue
            lastSignal.store(sig, ordering: .relaxed)
            if previous >= 1 { _exit(130) }
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may have started us with these signals blocked (the mask is inherited); unblock them
        // on this thread, from which worker threads inherit their mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Whether a stop signal arrived.
    public static var received: Bool { signalCount.load(ordering: .relaxed) > 0 }

    /// The last signal number received (0 if none).
    public static var lastSignalNumber: Int32 { lastSignal.load(ordering: .relaxed) }

    /// Forgets received signals (for tests).
    public static func reset() { signalCount.store(0, ordering: .relaxed) }
}
