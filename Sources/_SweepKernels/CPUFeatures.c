// Run-time CPU feature detection for the kernels' AVX2+FMA paths.
#include "_SweepKernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// CPUID says AVX, FMA and AVX2 exist and XGETBV says the OS saves the YMM state.
static int detect_avx2_fma(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0x6u) != 0x6u) return 0;  // XMM and YMM state enabled
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & (1u << 5)) != 0;  // AVX2
}

int sweep_cpu_has_avx2_fma(void) {
    // Racing first calls compute and store the same answer.
    static int cached = -1;
    int known = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (known < 0) {
        known = detect_avx2_fma();
        __atomic_store_n(&cached, known, __ATOMIC_RELAXED);
    }
    return known;
}
#else
int sweep_cpu_has_avx2_fma(void) { return 0; }
#endif
