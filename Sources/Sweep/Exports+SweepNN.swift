// The built-in MLP trainer is part of Sweep's public API (`mlp` objective, `sweep train`).
@_exported import SweepNN
