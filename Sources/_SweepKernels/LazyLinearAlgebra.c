// BLAS and LAPACK, loaded on first use.
//
// SweepMath calls CBLAS and LAPACKE (the `_CLAPACK` declarations); this file defines those functions
// as trampolines that open the system libraries (`liblapacke.so.3`, which brings `liblapack.so.3` and
// `libblas.so.3`, i.e. OpenBLAS through Debian's alternatives) the first time any of them is called,
// and forward to the real ones. A process that never does linear algebra — every `sweep ask`, `tell`,
// `status` with a non-GP sampler — therefore never loads OpenBLAS, whose start-up creates a thread per
// core that spins on `sched_yield` for the life of a short process (measured: half the CPU time of a
// `sweep ask`). Libraries are opened RTLD_LOCAL and each symbol is looked up in its library's handle,
// so these definitions never shadow, or are shadowed by, the real ones.
#if defined(__linux__)
#include <cblas.h>
#include <dlfcn.h>
#include <lapacke.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "_SweepKernels.h"

static void *blas_handle;
static void *lapacke_handle;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void fail(const char *what) {
    fprintf(stderr,
            "sweep: cannot load %s: %s\n"
            "Sweep needs BLAS and LAPACKE at run time (Debian: apt-get install libopenblas0-pthread liblapacke).\n",
            what, dlerror());
    exit(70);
}

static void load(void) {
    lapacke_handle = dlopen("liblapacke.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!lapacke_handle) fail("liblapacke.so.3");
    blas_handle = dlopen("libblas.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!blas_handle) fail("libblas.so.3");
}

static void *resolve(void **slot, int lapacke, const char *name) {
    void *fn = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (fn) return fn;
    pthread_once(&load_once, load);
    fn = dlsym(lapacke ? lapacke_handle : blas_handle, name);
    if (!fn) fail(name);
    __atomic_store_n(slot, fn, __ATOMIC_RELEASE);
    return fn;
}

#define REAL(lib, name) \
    static void *name##_slot; \
    __typeof__(&name) real = (__typeof__(&name))resolve(&name##_slot, lib, #name)

#define C OPENBLAS_CONST

float cblas_sdot(C blasint n, C float *x, C blasint incx, C float *y, C blasint incy) {
    REAL(0, cblas_sdot);
    return real(n, x, incx, y, incy);
}

double cblas_ddot(C blasint n, C double *x, C blasint incx, C double *y, C blasint incy) {
    REAL(0, cblas_ddot);
    return real(n, x, incx, y, incy);
}

void cblas_sgemv(C enum CBLAS_ORDER order, C enum CBLAS_TRANSPOSE trans, C blasint m, C blasint n, C float alpha,
                 C float *a, C blasint lda, C float *x, C blasint incx, C float beta, float *y, C blasint incy) {
    REAL(0, cblas_sgemv);
    real(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void cblas_dgemv(C enum CBLAS_ORDER order, C enum CBLAS_TRANSPOSE trans, C blasint m, C blasint n, C double alpha,
                 C double *a, C blasint lda, C double *x, C blasint incx, C double beta, double *y, C blasint incy) {
    REAL(0, cblas_dgemv);
    real(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void cblas_dtrsv(C enum CBLAS_ORDER order, C enum CBLAS_UPLO uplo, C enum CBLAS_TRANSPOSE trans, C enum CBLAS_DIAG diag,
                 C blasint n, C double *a, C blasint lda, double *x, C blasint incx) {
    REAL(0, cblas_dtrsv);
    real(order, uplo, trans, diag, n, a, lda, x, incx);
}

void cblas_sgemm(C enum CBLAS_ORDER order, C enum CBLAS_TRANSPOSE ta, C enum CBLAS_TRANSPOSE tb, C blasint m, C blasint n,
                 C blasint k, C float alpha, C float *a, C blasint lda, C float *b, C blasint ldb, C float beta, float *c,
                 C blasint ldc) {
    REAL(0, cblas_sgemm);
    real(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void cblas_dgemm(C enum CBLAS_ORDER order, C enum CBLAS_TRANSPOSE ta, C enum CBLAS_TRANSPOSE tb, C blasint m, C blasint n,
                 C blasint k, C double alpha, C double *a, C blasint lda, C double *b, C blasint ldb, C double beta,
                 double *c, C blasint ldc) {
    REAL(0, cblas_dgemm);
    real(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void cblas_dtrsm(C enum CBLAS_ORDER order, C enum CBLAS_SIDE side, C enum CBLAS_UPLO uplo, C enum CBLAS_TRANSPOSE trans,
                 C enum CBLAS_DIAG diag, C blasint m, C blasint n, C double alpha, C double *a, C blasint lda, double *b,
                 C blasint ldb) {
    REAL(0, cblas_dtrsm);
    real(order, side, uplo, trans, diag, m, n, alpha, a, lda, b, ldb);
}

lapack_int LAPACKE_dpotrf(int layout, char uplo, lapack_int n, double *a, lapack_int lda) {
    REAL(1, LAPACKE_dpotrf);
    return real(layout, uplo, n, a, lda);
}

lapack_int LAPACKE_dpotrf_work(int layout, char uplo, lapack_int n, double *a, lapack_int lda) {
    REAL(1, LAPACKE_dpotrf_work);
    return real(layout, uplo, n, a, lda);
}

lapack_int LAPACKE_dpotri(int layout, char uplo, lapack_int n, double *a, lapack_int lda) {
    REAL(1, LAPACKE_dpotri);
    return real(layout, uplo, n, a, lda);
}

lapack_int LAPACKE_dpotri_work(int layout, char uplo, lapack_int n, double *a, lapack_int lda) {
    REAL(1, LAPACKE_dpotri_work);
    return real(layout, uplo, n, a, lda);
}

lapack_int LAPACKE_dpotrs(int layout, char uplo, lapack_int n, lapack_int nrhs, const double *a, lapack_int lda,
                          double *b, lapack_int ldb) {
    REAL(1, LAPACKE_dpotrs);
    return real(layout, uplo, n, nrhs, a, lda, b, ldb);
}

lapack_int LAPACKE_dpotrs_work(int layout, char uplo, lapack_int n, lapack_int nrhs, const double *a, lapack_int lda,
                               double *b, lapack_int ldb) {
    REAL(1, LAPACKE_dpotrs_work);
    return real(layout, uplo, n, nrhs, a, lda, b, ldb);
}

/// An OpenBLAS extension function of the loaded BLAS, or NULL when that BLAS is not OpenBLAS.
static void *openblas_symbol(void **slot, const char *name) {
    void *fn = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (fn) return fn;
    pthread_once(&load_once, load);
    fn = dlsym(blas_handle, name);
    if (fn) __atomic_store_n(slot, fn, __ATOMIC_RELEASE);
    return fn;
}

int sweep_blas_set_threads(int count) {
    static void *slot;
    void (*set)(int) = (void (*)(int))openblas_symbol(&slot, "openblas_set_num_threads");
    if (!set) return 0;
    set(count);
    return 1;
}

int sweep_blas_get_threads(void) {
    static void *slot;
    int (*get)(void) = (int (*)(void))openblas_symbol(&slot, "openblas_get_num_threads");
    return get ? get() : -1;
}
#else
#include "_SweepKernels.h"
int sweep_blas_set_threads(int count) { (void)count; return 0; }
int sweep_blas_get_threads(void) { return -1; }
#endif
