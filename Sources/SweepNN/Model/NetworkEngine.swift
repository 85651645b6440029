import SweepMath

/// Forward and backward passes of an MLP over a batch, on preallocated buffers.
///
/// Generic over the scalar so tests can run the very same code in `Double` against finite
/// differences; training and prediction use `Float`. Every buffer is sized for `capacity` rows at
/// construction, so a training step allocates nothing: per layer one `?gemm` (batch-major,
/// `Z = X·W`), one fused bias+activation(+dropout) pass; backward two `?gemm`s and one fused
/// activation-derivative pass.
final class NetworkEngine<S: NNScalar> {
    let layout: NetworkLayout
    let activation: Activation
    /// Dropout probability on hidden activations, in `[0, 1)`.
    let dropout: Double
    /// Rows the buffers hold.
    let capacity: Int

    /// Flat parameters (see ``NetworkLayout``).
    let parameters: Buffer<S>
    /// `∂loss/∂parameters` from the last ``backward(input:rows:)``.
    let gradients: Buffer<S>

    /// Per layer (hidden and output): pre-activation (or saved activation, see
    /// `ActivationKernels.biasActivate`), activation, and `∂loss/∂z`.
    private let z: [Buffer<S>]
    private let a: [Buffer<S>]
    private let delta: [Buffer<S>]
    /// Per hidden layer: 0 or `1/(1-p)`; empty when `dropout == 0`.
    private let masks: [Buffer<S>]
    /// Packing space for the matrix products.
    private let scratch: Buffer<S>

    init(layout: NetworkLayout, activation: Activation, dropout: Double, capacity: Int, parameters: [S]) {
        precondition(parameters.count == layout.parameterCount, "parameter count mismatch")
        precondition(capacity > 0, "capacity must be positive")
        self.layout = layout
        self.activation = activation
        self.dropout = dropout
        self.capacity = capacity
        self.parameters = Buffer(parameters)
        gradients = Buffer(count: layout.parameterCount, repeating: 0)
        z = layout.layers.map { Buffer(count: capacity * $0.outputs, repeating: 0) }
        a = layout.layers.dropLast().map { Buffer(count: capacity * $0.outputs, repeating: 0) }
        delta = layout.layers.map { Buffer(count: capacity * $0.outputs, repeating: 0) }
        masks = dropout > 0 ? layout.layers.dropLast().map { Buffer(count: capacity * $0.outputs, repeating: 0) } : []
        // Inner dimensions: forward Z = X·W (inputs), ∂W = Xᵀ·Δ (rows), Δ_prev = Δ·Wᵀ (outputs).
        let scratchCount = PanelGEMM.scratchCount(k: max(layout.layers.map { max($0.inputs, $0.outputs) }.max() ?? 1, capacity))
        scratch = Buffer(count: scratchCount, repeating: 0)
    }

    /// The output layer's values (logits or regression outputs) after ``forward``: `rows × outputCount`.
    var outputs: UnsafeMutablePointer<S> { z[z.count - 1].pointer }

    /// `∂loss/∂outputs`, to be filled by the loss before ``backward(input:rows:)``.
    var outputGradient: UnsafeMutablePointer<S> { delta[delta.count - 1].pointer }

    /// Runs the network on `rows` input rows (`rows × inputCount`, row-major).
    ///
    /// With `dropoutRNG` (training), hidden activations are dropped with probability `dropout` and
    /// survivors scaled by `1/(1-p)` (inverted dropout); the masks are drawn from the generator in
    /// row-major order, layer by layer. Without it (evaluation), no dropout.
    func forward(input: UnsafePointer<S>, rows: Int, dropoutRNG: UnsafeMutablePointer<Xoshiro256StarStar>?) {
        precondition(rows <= capacity, "batch of \(rows) rows exceeds capacity \(capacity)")
        let params = parameters.pointer
        var x = input
        let last = layout.layers.count - 1
        for (l, layer) in layout.layers.enumerated() {
            let zl = z[l].pointer
            S.nnMatmul(transA: false, transB: false, m: rows, n: layer.outputs, k: layer.inputs,
                       a: x, lda: layer.inputs, b: params + layer.weightOffset, ldb: layer.outputs,
                       c: zl, ldc: layer.outputs, scratch: scratch.pointer)
            let bias = UnsafePointer(params + layer.biasOffset)
            if l == last {
                for r in 0..<rows {
                    let zr = zl + r * layer.outputs
                    for j in 0..<layer.outputs { zr[j] += bias[j] }
                }
            } else {
                var mask: UnsafePointer<S>? = nil
                if dropout > 0, let rng = dropoutRNG {
                    fillMask(masks[l].pointer, count: rows * layer.outputs, rng: rng)
                    mask = UnsafePointer(masks[l].pointer)
                }
                ActivationKernels.biasActivate(activation, rows: rows, width: layer.outputs,
                                               z: zl, a: a[l].pointer, bias: bias, mask: mask)
                x = UnsafePointer(a[l].pointer)
            }
        }
    }

    /// Backpropagates ``outputGradient`` (already scaled, e.g. by `1/rows` for a mean loss) through
    /// the layers of the last ``forward`` on the same `input` and `rows`, overwriting ``gradients``.
    /// `training` must match whether that forward pass used dropout.
    func backward(input: UnsafePointer<S>, rows: Int, training: Bool) {
        let params = parameters.pointer
        let grads = gradients.pointer
        for l in stride(from: layout.layers.count - 1, through: 0, by: -1) {
            let layer = layout.layers[l]
            let dl = UnsafePointer(delta[l].pointer)
            let x = l == 0 ? input : UnsafePointer(a[l - 1].pointer)
            // ∂W = Xᵀ·Δ  (inputs × outputs)
            S.nnMatmul(transA: true, transB: false, m: layer.inputs, n: layer.outputs, k: rows,
                       a: x, lda: layer.inputs, b: dl, ldb: layer.outputs,
                       c: grads + layer.weightOffset, ldc: layer.outputs, scratch: scratch.pointer)
            // ∂b = column sums of Δ
            let gb = grads + layer.biasOffset
            gb.update(repeating: 0, count: layer.outputs)
            for r in 0..<rows {
                let dr = dl + r * layer.outputs
                for j in 0..<layer.outputs { gb[j] += dr[j] }
            }
            if l > 0 {
                // Δ_{l-1} = (Δ·Wᵀ) ⊙ act'(z_{l-1}) ⊙ mask
                let prev = layout.layers[l - 1]
                let dp = delta[l - 1].pointer
                S.nnMatmul(transA: false, transB: true, m: rows, n: layer.inputs, k: layer.outputs,
                           a: dl, lda: layer.outputs, b: params + layer.weightOffset, ldb: layer.outputs,
                           c: dp, ldc: layer.inputs, scratch: scratch.pointer)
                let mask: UnsafePointer<S>? = training && dropout > 0 ? UnsafePointer(masks[l - 1].pointer) : nil
                ActivationKernels.backward(activation, count: rows * prev.outputs, delta: dp,
                                           saved: UnsafePointer(z[l - 1].pointer), mask: mask)
            }
        }
    }

    private func fillMask(_ mask: UnsafeMutablePointer<S>, count: Int, rng: UnsafeMutablePointer<Xoshiro256StarStar>) {
        // Keep with probability 1-p: compare 24 random bits against p·2²⁴ (exact for any p).
        let threshold = UInt64((dropout * 16_777_216).rounded(.up))
        let keep = S(1 / (1 - dropout))
        for i in 0..<count {
            mask[i] = (rng.pointee.next() >> 40) < threshold ? 0 : keep
        }
    }
}
