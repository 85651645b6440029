// Sweep's C kernels: hot loops that need instructions newer than the x86-64 baseline (AVX2, FMA)
// without unsafe compiler flags. Each kernel has a portable implementation and, on x86-64, one
// compiled for AVX2+FMA with function target attributes; the caller picks one path per process
// (SweepMath's `PanelGEMM.Path.best`), so results are the same bits on a given machine.
// Internal to Sweep (only SweepMath imports it); not a product.
#ifndef SWEEP_KERNELS_H
#define SWEEP_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

/// Implementations of a kernel.
/// SWEEP_KERNEL_PORTABLE: plain C at the target's baseline, multiply then add (never fused), so it
/// gives the same bits on every machine.
/// SWEEP_KERNEL_AVX2_FMA: x86-64 AVX2 with fused multiply-add; only when sweep_cpu_has_avx2_fma().
#define SWEEP_KERNEL_PORTABLE 0
#define SWEEP_KERNEL_AVX2_FMA 1

/// 1 when the CPU and the OS support AVX2 and FMA (x86-64 only; CPUID and XGETBV), else 0.
int sweep_cpu_has_avx2_fma(void);

/// C[m×n] = op(A)[m×k] · op(B)[k×n], row-major, C overwritten; see SweepMath's PanelGEMM for the
/// method and the arguments. `scratch` holds at least 16·k floats. A `path` this machine cannot run
/// (SWEEP_KERNEL_AVX2_FMA without sweep_cpu_has_avx2_fma()) runs the portable path.
void sweep_panel_gemm(int path, bool trans_a, bool trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                      float *c, ptrdiff_t ldc, float *scratch);

/// ReLU backward pass: delta[i] = z[i] > 0 ? delta[i] : +0 for i in 0..<count (NaN z gives 0).
/// Both paths give the same values; the AVX2 one is a compare and a bitwise and, 8 lanes at a time.
void sweep_relu_backward_f32(int path, ptrdiff_t count, float *delta, const float *z);

/// OpenBLAS's thread count (openblas_set_num_threads), loading BLAS if it is not loaded yet (see
/// LazyLinearAlgebra.c: BLAS and LAPACK are opened on first use). Returns 0 when the BLAS in use is not
/// OpenBLAS, else 1.
int sweep_blas_set_threads(int count);

/// OpenBLAS's thread count, or -1 when the BLAS in use is not OpenBLAS.
int sweep_blas_get_threads(void);

#endif
