import _SweepKernels

/// The ReLU backward pass over `Float` buffers, in C (`_SweepKernels`) with the same run-time
/// path choice as ``PanelGEMM``: `delta[i] = z[i] > 0 ? delta[i] : +0` for `i` in `0..<count`
/// (NaN `z` gives `+0`). Both paths give the same values. `delta` and `z` may not overlap unless equal.
public enum ReLUBackward {
    public static func apply(count: Int, delta: UnsafeMutablePointer<Float>, z: UnsafePointer<Float>,
                             path: PanelGEMM.Path = .best) {
        sweep_relu_backward_f32(path.code, count, delta, z)
    }
}
