// Portable PanelGEMM kernels: plain C at the target's baseline ISA (the compiler vectorizes the
// 16-wide inner loop). Multiply and add are never fused, so every machine gives the same bits.
#include "PanelKernels.h"

#pragma STDC FP_CONTRACT OFF

static inline __attribute__((always_inline)) void rows_kernel(
    int rows, const float *a, ptrdiff_t row_stride, ptrdiff_t depth_stride, ptrdiff_t k,
    const float *panel, ptrdiff_t b_stride, float *c, ptrdiff_t ldc, ptrdiff_t width, bool accumulate) {
    float acc[6][SWEEP_PANEL_WIDTH];
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < SWEEP_PANEL_WIDTH; j++) acc[r][j] = accumulate && j < width ? c[r * ldc + j] : 0.0f;
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        const float *bp = panel + kk * b_stride;
        for (int r = 0; r < rows; r++) {
            const float x = a[r * row_stride + kk * depth_stride];
            for (int j = 0; j < SWEEP_PANEL_WIDTH; j++) acc[r][j] = acc[r][j] + x * bp[j];
        }
    }
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < width; j++) c[r * ldc + j] = acc[r][j];
}

static void rows6(const float *a, ptrdiff_t rs, ptrdiff_t ds, ptrdiff_t k, const float *panel, ptrdiff_t bs,
                  float *c, ptrdiff_t ldc, ptrdiff_t width, bool accumulate) {
    rows_kernel(6, a, rs, ds, k, panel, bs, c, ldc, width, accumulate);
}

static void rows4(const float *a, ptrdiff_t rs, ptrdiff_t ds, ptrdiff_t k, const float *panel, ptrdiff_t bs,
                  float *c, ptrdiff_t ldc, ptrdiff_t width, bool accumulate) {
    rows_kernel(4, a, rs, ds, k, panel, bs, c, ldc, width, accumulate);
}

static void rows1(const float *a, ptrdiff_t rs, ptrdiff_t ds, ptrdiff_t k, const float *panel, ptrdiff_t bs,
                  float *c, ptrdiff_t ldc, ptrdiff_t width, bool accumulate) {
    rows_kernel(1, a, rs, ds, k, panel, bs, c, ldc, width, accumulate);
}

const sweep_panel_kernels sweep_portable_kernels = {rows6, rows4, rows1};
