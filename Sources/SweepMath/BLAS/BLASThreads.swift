import _SweepKernels

/// Controls OpenBLAS's own thread pool.
///
/// Sweep runs one trial per worker thread and wants each BLAS call to stay on that thread, so
/// workers call ``setThreadCount(_:)`` with 1. BLAS is loaded on first use (`_SweepKernels`'
/// LazyLinearAlgebra.c), so both calls load it if it is not loaded yet. A process whose BLAS is not
/// OpenBLAS (reference BLAS has no threads) works unchanged; the setter then reports `false`.
public enum BLASThreads {
    /// Sets the OpenBLAS thread count (at least 1). Returns false when the BLAS in use is not OpenBLAS.
    @discardableResult
    public static func setThreadCount(_ count: Int) -> Bool {
        sweep_blas_set_threads(Int32(clamping: max(1, count))) != 0
    }

    /// The OpenBLAS thread count, or nil when the BLAS in use is not OpenBLAS.
    public static var threadCount: Int? {
        let n = sweep_blas_get_threads()
        return n < 0 ? nil : Int(n)
    }
}
