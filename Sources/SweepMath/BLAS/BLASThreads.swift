#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Controls OpenBLAS's own thread pool.
///
/// Sweep runs one trial per worker thread and wants each BLAS call to stay on that thread, so
/// workers call ``setThreadCount(_:)`` with 1. The function is looked up with `dlsym`, so a process
/// linked against reference BLAS (which has no threads) works unchanged; the setter then reports
/// `false`.
public enum BLASThreads {
    private typealias SetThreads = @convention(c) (Int32) -> Void
    private typealias GetThreads = @convention(c) () -> Int32

    /// Sets the OpenBLAS thread count. Returns false when the BLAS in use is not OpenBLAS.
    @discardableResult
    public static func setThreadCount(_ count: Int) -> Bool {
        // RTLD_DEFAULT (nil on glibc): search the process's global symbol scope.
        guard let symbol = dlsym(nil, "openblas_set_num_threads") else { return false }
        let fn = unsafeBitCast(symbol, to: SetThreads.self)
        fn(Int32(max(1, count)))
        return true
    }

    /// The OpenBLAS thread count, or nil when the BLAS in use is not OpenBLAS.
    public static var threadCount: Int? {
        guard let symbol = dlsym(nil, "openblas_get_num_threads") else { return nil }
        return Int(unsafeBitCast(symbol, to: GetThreads.self)())
    }
}
