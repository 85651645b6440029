import Foundation

/// Writes one JSON line straight to stdout (unbuffered, so nothing is lost if a later run crashes):
/// the benches' output format, read by the scripts under `scripts/bench/`.
public func emit(_ json: [String: Any]) {
    var data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
}

/// Process CPU time in seconds: suggestions are single-threaded (OpenBLAS pinned to 1 thread), and CPU
/// time — like the peers' "CPU s" — does not count the time other processes on the shared machine
/// take from us.
public func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
