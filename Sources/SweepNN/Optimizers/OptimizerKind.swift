/// Parameter update rule. Formulas follow PyTorch's `torch.optim` (no dampening), so settings carry
/// over from PyTorch code.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    /// `w −= lr·g`.
    case sgd
    /// Heavy ball: `v = μv + g`, `w −= lr·v`.
    case momentum
    /// Nesterov: `v = μv + g`, `w −= lr·(g + μv)`.
    case nesterov
    /// Adam (Kingma & Ba) with bias correction; weight decay, if any, added to the gradient (L2).
    case adam
    /// Adam with decoupled weight decay (Loshchilov & Hutter): `w −= lr·λ·w` before the Adam step.
    case adamw

    /// The weight-decay form used when ``MLPConfiguration/weightDecayKind`` is not set:
    /// decoupled for adamw, L2 otherwise.
    public var defaultWeightDecayKind: WeightDecayKind { self == .adamw ? .decoupled : .l2 }

    /// Whether the rule keeps a first-moment / velocity vector and a second-moment vector.
    var stateVectors: (first: Bool, second: Bool) {
        switch self {
        case .sgd: return (false, false)
        case .momentum, .nesterov: return (true, false)
        case .adam, .adamw: return (true, true)
        }
    }
}

/// How weight decay `λ` enters the update. Decay applies to weights only, never to biases.
public enum WeightDecayKind: String, Sendable, Codable, CaseIterable {
    /// Coupled L2: `g += λ·w` (equivalent to adding `λ/2·‖w‖²` to the loss).
    case l2
    /// Decoupled: `w −= lr·λ·w`, separate from the gradient step (AdamW; for SGD the same as L2
    /// up to rounding).
    case decoupled
}
