// The seeded random number generator trials hand out (`trial.rng()`), with its sampling helpers
// (`nextUnit`, `nextNormal`, … on `RandomNumberGenerator`), is part of Sweep's public API. The rest
// of SweepMath (matrices, LAPACK wrappers, L-BFGS-B, PanelGEMM) is implementation.
@_exported import struct SweepMath.Xoshiro256StarStar
