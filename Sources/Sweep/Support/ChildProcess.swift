import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process in its own process group, with stdout and stderr read line by line on the calling
/// thread (poll(2)), a timeout and a stop check. Used by command objectives.
///
/// The child starts with exactly three open descriptors: stdin (`/dev/null`), stdout and stderr (pipes to
/// Sweep); nothing else Sweep has open (another trial's log or pipes, the store) is inherited.
///
/// The child gets its own process group so that terminating it also terminates whatever it started
/// (`sh -c`, data loaders), and so a Ctrl-C in the terminal reaches Sweep first, which then stops the
/// child in an orderly way (SIGTERM, then SIGKILL after a grace period).
struct ChildProcess {
    /// How the child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case stopped
    }

    enum LaunchError: Error, CustomStringConvertible {
        case spawnFailed(program: String, errno: Int32)
        var description: String {
            switch self {
            case let .spawnFailed(program, code):
                return "cannot start '\(program)': \(String(cString: strerror(code)))"
            }
        }
    }

    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String?
    var timeout: Double?
    /// Seconds between SIGTERM and SIGKILL when stopping.
    var grace: Double = 5

    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np` (not exported by Swift's Glibc module):
    /// closes every descriptor from 3 up in the child, whichever thread opened it and whether or not it
    /// is close-on-exec (other trials' pipes and logs, SQLite files).
    private static let addClosefrom: AddClosefrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddClosefrom.self) }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    /// glibc ≥ 2.29's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module does not export.
    private static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }

    /// Runs the child to the end. `onStart(pid)` is called once the child runs (its process group id is
    /// its pid); when it throws, the group is killed and the error rethrown. `onLine(isStdout, line)` is
    /// called for each complete line; return false from it to stop the child (e.g. pruned). `shouldStop`
    /// is polled ~10 times a second.
    func run(onStart: (pid_t) throws -> Void = { _ in }, shouldStop: () -> Bool, onLine: (Bool, String) -> Bool) throws -> Termination {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw LaunchError.spawnFailed(program: arguments[0], errno: errno) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Only stdin, stdout and stderr reach the program.
        guard let addClosefrom = ChildProcess.addClosefrom else {
            close(outPipe[0]); close(outPipe[1]); close(errPipe[0]); close(errPipe[1])
            throw LaunchError.spawnFailed(program: arguments[0], errno: ENOSYS)
        }
        _ = addClosefrom(&actions, 3)
        if let dir = workingDirectory {
            guard let addChdir = ChildProcess.addChdir else {
                throw LaunchError.spawnFailed(program: arguments[0], errno: ENOSYS)
            }
            _ = addChdir(&actions, dir)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGINT)
        sigaddset(&defaultSignals, SIGTERM)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        // posix_spawnp searches PATH from the child's environment.
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw LaunchError.spawnFailed(program: arguments[0], errno: rc)
        }

        do {
            try onStart(pid)
        } catch {
            kill(-pid, SIGKILL)
            close(outPipe[0]); close(errPipe[0])
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            throw error
        }

        let started = Date()
        var buffers: [[UInt8]] = [[], []]
        var open = [true, true]
        var termination: Termination?
        var killDeadline: Date?
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0), pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        var chunk = [UInt8](repeating: 0, count: 65536)

        func stopChild(_ reason: Termination) {
            guard termination == nil else { return }
            termination = reason
            kill(-pid, SIGTERM)
            killDeadline = Date().addingTimeInterval(grace)
        }

        while open[0] || open[1] {
            for i in 0..<2 { fds[i].fd = open[i] ? (i == 0 ? outPipe[0] : errPipe[0]) : -1; fds[i].revents = 0 }
            let ready = poll(&fds, 2, 100)
            if ready > 0 {
                for i in 0..<2 where open[i] && fds[i].revents != 0 {
                    let n = read(fds[i].fd, &chunk, chunk.count)
                    if n <= 0 {
                        open[i] = false
                        if !buffers[i].isEmpty {
                            let line = String(decoding: buffers[i], as: UTF8.self)
                            buffers[i].removeAll()
                            if !onLine(i == 0, line) { stopChild(.stopped) }
                        }
                        continue
                    }
                    buffers[i].append(contentsOf: chunk[0..<n])
                    while let newline = buffers[i].firstIndex(of: 10) {
                        let line = String(decoding: buffers[i][..<newline], as: UTF8.self)
                        buffers[i].removeSubrange(...newline)
                        if termination == nil, !onLine(i == 0, line) { stopChild(.stopped) }
                    }
                    // Very long lines without newline: flush at 1 MiB.
                    if buffers[i].count > 1 << 20 {
                        _ = onLine(i == 0, String(decoding: buffers[i], as: UTF8.self))
                        buffers[i].removeAll()
                    }
                }
            }
            if let timeout, termination == nil, Date().timeIntervalSince(started) > timeout { stopChild(.timedOut) }
            if termination == nil, shouldStop() { stopChild(.stopped) }
            if let deadline = killDeadline, Date() > deadline { kill(-pid, SIGKILL); killDeadline = nil }
        }
        close(outPipe[0])
        close(errPipe[0])

        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if r == 0 {
                if let timeout, termination == nil, Date().timeIntervalSince(started) > timeout { stopChild(.timedOut) }
                if termination == nil, shouldStop() { stopChild(.stopped) }
                if let deadline = killDeadline, Date() > deadline { kill(-pid, SIGKILL); killDeadline = nil }
                usleep(10_000)
            }
        }
        // Make sure nothing of the group outlives the trial.
        kill(-pid, SIGKILL)
        if let termination { return termination }
        if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
        return .signaled(status & 0x7F)
    }
}
