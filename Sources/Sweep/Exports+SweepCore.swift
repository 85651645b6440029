// `import Sweep` is all an embedder writes: search spaces, trials, samplers, pruners, schedulers and
// test functions (SweepCore) are part of Sweep's public API.
@_exported import SweepCore
