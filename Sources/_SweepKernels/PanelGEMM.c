// The PanelGEMM driver: panels of op(B), depth blocks, then 6-, 4- and 1-row kernels of the chosen path.
#include "_SweepKernels.h"
#include "PanelKernels.h"
#include <string.h>

/// Packs columns j0..<j0+width of op(B) as k rows of 16 contiguous floats (zeros past width).
static void pack(bool trans_b, ptrdiff_t j0, ptrdiff_t width, ptrdiff_t k, const float *b, ptrdiff_t ldb, float *dst) {
    if (width < SWEEP_PANEL_WIDTH) memset(dst, 0, sizeof(float) * (size_t)(SWEEP_PANEL_WIDTH * k));
    if (trans_b) {
        // op(B)[kk, j] = b[j·ldb + kk]: read `width` source rows side by side.
        const float *src = b + j0 * ldb;
        for (ptrdiff_t kk = 0; kk < k; kk++) {
            float *row = dst + kk * SWEEP_PANEL_WIDTH;
            for (ptrdiff_t jj = 0; jj < width; jj++) row[jj] = src[jj * ldb + kk];
        }
    } else {
        for (ptrdiff_t kk = 0; kk < k; kk++)
            memcpy(dst + kk * SWEEP_PANEL_WIDTH, b + kk * ldb + j0, sizeof(float) * (size_t)width);
    }
}

void sweep_panel_gemm(int path, bool trans_a, bool trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                      float *c, ptrdiff_t ldc, float *scratch) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (ptrdiff_t i = 0; i < m; i++) memset(c + i * ldc, 0, sizeof(float) * (size_t)n);
        return;
    }
    const sweep_panel_kernels *kernels = &sweep_portable_kernels;
#if defined(__x86_64__)
    if (path == SWEEP_KERNEL_AVX2_FMA && sweep_cpu_has_avx2_fma()) kernels = &sweep_avx2_fma_kernels;
#else
    (void)path;
#endif
    // Element (i, kk) of op(A) is a[i·row_stride + kk·depth_stride].
    const ptrdiff_t row_stride = trans_a ? 1 : lda;
    const ptrdiff_t depth_stride = trans_a ? lda : 1;
    for (ptrdiff_t j0 = 0; j0 < n; j0 += SWEEP_PANEL_WIDTH) {
        const ptrdiff_t width = n - j0 < SWEEP_PANEL_WIDTH ? n - j0 : SWEEP_PANEL_WIDTH;
        // A full panel of an untransposed B is read in place (rows ldb apart); transposed or
        // partial panels are packed first (rows 16 apart, zero-padded).
        const float *panel;
        ptrdiff_t b_stride;
        if (!trans_b && width == SWEEP_PANEL_WIDTH) {
            panel = b + j0;
            b_stride = ldb;
        } else {
            pack(trans_b, j0, width, k, b, ldb, scratch);
            panel = scratch;
            b_stride = SWEEP_PANEL_WIDTH;
        }
        // Depth blocks keep a panel block (≤ 16 KB) in L1 while all rows of op(A) pass over it;
        // later blocks add onto C, so the order of the additions over k stays 0, 1, …, k−1.
        for (ptrdiff_t k0 = 0; k0 < k; k0 += SWEEP_DEPTH_BLOCK) {
            const ptrdiff_t kc = k - k0 < SWEEP_DEPTH_BLOCK ? k - k0 : SWEEP_DEPTH_BLOCK;
            const bool accumulate = k0 > 0;
            const float *b_block = panel + k0 * b_stride;
            const float *a_block = a + k0 * depth_stride;
            ptrdiff_t i = 0;
            for (; i + 6 <= m; i += 6)
                kernels->rows6(a_block + i * row_stride, row_stride, depth_stride, kc, b_block, b_stride,
                               c + i * ldc + j0, ldc, width, accumulate);
            if (i + 4 <= m) {
                kernels->rows4(a_block + i * row_stride, row_stride, depth_stride, kc, b_block, b_stride,
                               c + i * ldc + j0, ldc, width, accumulate);
                i += 4;
            }
            for (; i < m; i++)
                kernels->rows1(a_block + i * row_stride, row_stride, depth_stride, kc, b_block, b_stride,
                               c + i * ldc + j0, ldc, width, accumulate);
        }
    }
}
