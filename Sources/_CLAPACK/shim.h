// The C surface SweepMath needs: CBLAS and LAPACKE.
// Declarations only: the functions are defined in _SweepKernels (LazyLinearAlgebra.c), which opens
// the libraries on first use. Debian: liblapack-dev liblapacke-dev libopenblas-dev (OpenBLAS is selected through the
// libblas.so.3 / liblapack.so.3 alternatives; LAPACKE comes from the reference liblapacke).
#ifndef SWEEP_CLAPACK_SHIM_H
#define SWEEP_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
