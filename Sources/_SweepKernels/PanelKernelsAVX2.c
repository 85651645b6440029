// AVX2+FMA PanelGEMM kernels (x86-64): the 6×16 register block is 12 ymm accumulators, one fused
// multiply-add per element and k step. Compiled for AVX2+FMA through function target attributes
// (no package-wide flag), run only when sweep_cpu_has_avx2_fma().
#if defined(__x86_64__)
#include "PanelKernels.h"
#include <immintrin.h>

#define SWEEP_AVX2 __attribute__((target("avx2,fma")))
#define SWEEP_AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))

/// Initial accumulators of one C row: zeros, or its current values (later depth blocks).
SWEEP_AVX2_INLINE void start(const float *c, ptrdiff_t width, bool accumulate, __m256 *lo, __m256 *hi) {
    if (!accumulate) {
        *lo = _mm256_setzero_ps();
        *hi = _mm256_setzero_ps();
    } else if (width == SWEEP_PANEL_WIDTH) {
        *lo = _mm256_loadu_ps(c);
        *hi = _mm256_loadu_ps(c + 8);
    } else {
        float row[SWEEP_PANEL_WIDTH] = {0};
        for (ptrdiff_t j = 0; j < width; j++) row[j] = c[j];
        *lo = _mm256_loadu_ps(row);
        *hi = _mm256_loadu_ps(row + 8);
    }
}

SWEEP_AVX2_INLINE void store(__m256 lo, __m256 hi, float *c, ptrdiff_t width) {
    if (width == SWEEP_PANEL_WIDTH) {
        _mm256_storeu_ps(c, lo);
        _mm256_storeu_ps(c + 8, hi);
    } else {
        float row[SWEEP_PANEL_WIDTH];
        _mm256_storeu_ps(row, lo);
        _mm256_storeu_ps(row + 8, hi);
        for (ptrdiff_t j = 0; j < width; j++) c[j] = row[j];
    }
}

/// One row's step: broadcast op(A)[r, kk] and fuse it into the row's two accumulators.
#define ROW_STEP(r)                                       \
    do {                                                  \
        const __m256 x = _mm256_broadcast_ss(p##r);       \
        c##r##0 = _mm256_fmadd_ps(x, b0, c##r##0);        \
        c##r##1 = _mm256_fmadd_ps(x, b1, c##r##1);        \
        p##r += depth_stride;                             \
    } while (0)

static SWEEP_AVX2 void rows6(const float *a, ptrdiff_t row_stride, ptrdiff_t depth_stride, ptrdiff_t k,
                             const float *panel, ptrdiff_t b_stride, float *c, ptrdiff_t ldc, ptrdiff_t width,
                             bool accumulate) {
    __m256 c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    start(c, width, accumulate, &c00, &c01);
    start(c + ldc, width, accumulate, &c10, &c11);
    start(c + 2 * ldc, width, accumulate, &c20, &c21);
    start(c + 3 * ldc, width, accumulate, &c30, &c31);
    start(c + 4 * ldc, width, accumulate, &c40, &c41);
    start(c + 5 * ldc, width, accumulate, &c50, &c51);
    const float *p0 = a, *p1 = a + row_stride, *p2 = a + 2 * row_stride;
    const float *p3 = a + 3 * row_stride, *p4 = a + 4 * row_stride, *p5 = a + 5 * row_stride;
    const float *bp = panel;
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        const __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);
        ROW_STEP(0); ROW_STEP(1); ROW_STEP(2); ROW_STEP(3); ROW_STEP(4); ROW_STEP(5);
        bp += b_stride;
    }
    store(c00, c01, c, width);
    store(c10, c11, c + ldc, width);
    store(c20, c21, c + 2 * ldc, width);
    store(c30, c31, c + 3 * ldc, width);
    store(c40, c41, c + 4 * ldc, width);
    store(c50, c51, c + 5 * ldc, width);
}

static SWEEP_AVX2 void rows4(const float *a, ptrdiff_t row_stride, ptrdiff_t depth_stride, ptrdiff_t k,
                             const float *panel, ptrdiff_t b_stride, float *c, ptrdiff_t ldc, ptrdiff_t width,
                             bool accumulate) {
    __m256 c00, c01, c10, c11, c20, c21, c30, c31;
    start(c, width, accumulate, &c00, &c01);
    start(c + ldc, width, accumulate, &c10, &c11);
    start(c + 2 * ldc, width, accumulate, &c20, &c21);
    start(c + 3 * ldc, width, accumulate, &c30, &c31);
    const float *p0 = a, *p1 = a + row_stride, *p2 = a + 2 * row_stride, *p3 = a + 3 * row_stride;
    const float *bp = panel;
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        const __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);
        ROW_STEP(0); ROW_STEP(1); ROW_STEP(2); ROW_STEP(3);
        bp += b_stride;
    }
    store(c00, c01, c, width);
    store(c10, c11, c + ldc, width);
    store(c20, c21, c + 2 * ldc, width);
    store(c30, c31, c + 3 * ldc, width);
}

static SWEEP_AVX2 void rows1(const float *a, ptrdiff_t row_stride, ptrdiff_t depth_stride, ptrdiff_t k,
                             const float *panel, ptrdiff_t b_stride, float *c, ptrdiff_t ldc, ptrdiff_t width,
                             bool accumulate) {
    (void)row_stride;
    (void)ldc;
    __m256 c00, c01;
    start(c, width, accumulate, &c00, &c01);
    const float *p0 = a;
    const float *bp = panel;
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        const __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);
        ROW_STEP(0);
        bp += b_stride;
    }
    store(c00, c01, c, width);
}

const sweep_panel_kernels sweep_avx2_fma_kernels = {rows6, rows4, rows1};
#endif
