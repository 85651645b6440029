// Internal: the register-blocked kernels behind sweep_panel_gemm, one set per path.
#ifndef SWEEP_PANEL_KERNELS_H
#define SWEEP_PANEL_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

#define SWEEP_PANEL_WIDTH 16
#define SWEEP_DEPTH_BLOCK 256

/// `rows` rows of op(A) (element (i, kk) at a[i·row_stride + kk·depth_stride]) times one packed
/// panel (k rows of 16 floats, `b_stride` apart): C rows (`ldc` apart, `width` ≤ 16 columns) are
/// set, or added onto when `accumulate`. Summation over kk is sequential.
typedef void (*sweep_rows_kernel)(const float *a, ptrdiff_t row_stride, ptrdiff_t depth_stride, ptrdiff_t k,
                                  const float *panel, ptrdiff_t b_stride, float *c, ptrdiff_t ldc,
                                  ptrdiff_t width, bool accumulate);

typedef struct {
    sweep_rows_kernel rows6, rows4, rows1;
} sweep_panel_kernels;

extern const sweep_panel_kernels sweep_portable_kernels;
#if defined(__x86_64__)
extern const sweep_panel_kernels sweep_avx2_fma_kernels;
#endif

#endif
