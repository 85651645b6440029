// The ReLU backward pass. In Swift, `z > 0 ? delta : 0` compiled to a store under a condition,
// which vectorizes only with AVX masked moves: at the x86-64 baseline it ran a branch per element.
#include "_SweepKernels.h"

static void relu_backward_portable(ptrdiff_t count, float *delta, const float *z) {
    for (ptrdiff_t i = 0; i < count; i++) {
        const float d = delta[i];
        delta[i] = z[i] > 0.0f ? d : 0.0f;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2,fma"))) static void relu_backward_avx2(ptrdiff_t count, float *delta, const float *z) {
    const __m256 zero = _mm256_setzero_ps();
    ptrdiff_t i = 0;
    for (; i + 8 <= count; i += 8) {
        // All-ones lanes where z > 0 (ordered: NaN gives zeros), so the and keeps delta or gives +0.
        const __m256 keep = _mm256_cmp_ps(_mm256_loadu_ps(z + i), zero, _CMP_GT_OQ);
        _mm256_storeu_ps(delta + i, _mm256_and_ps(_mm256_loadu_ps(delta + i), keep));
    }
    relu_backward_portable(count - i, delta + i, z + i);
}
#endif

void sweep_relu_backward_f32(int path, ptrdiff_t count, float *delta, const float *z) {
#if defined(__x86_64__)
    if (path == SWEEP_KERNEL_AVX2_FMA && sweep_cpu_has_avx2_fma()) {
        relu_backward_avx2(count, delta, z);
        return;
    }
#else
    (void)path;
#endif
    relu_backward_portable(count, delta, z);
}
