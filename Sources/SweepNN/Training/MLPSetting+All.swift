extension MLPSetting {
    /// Every MLP setting, in documentation order.
    public static let all: [MLPSetting] = [
        MLPSetting(name: "lr", aliases: ["learning_rate"], expected: "a finite number > 0",
                   help: "learning rate", example: "0.01", rank: 5) { c, v in c.learningRate = try v.double() },
        MLPSetting(name: "layers", aliases: ["hidden_layers"], expected: "an integer in 0...64",
                   help: "hidden layer count (keeps the first width)", example: "3", rank: 1) { c, v in
            let n = try v.int()
            guard n >= 0 && n <= 64 else { throw v.bad("an integer in 0...64") }
            let width = c.hiddenWidths.first ?? 128
            c.hiddenWidths = c.hiddenWidths.count == n ? c.hiddenWidths : [Int](repeating: width, count: n)
        },
        MLPSetting(name: "nodes", aliases: ["units", "width"], expected: "a width in 1...65536, or a list of widths",
                   help: "one width for every hidden layer, or a list ([256, 128], or 256,128) that also sets the count",
                   example: "64", rank: 2) { c, v in
            if let widths = try v.widths() {
                c.hiddenWidths = widths
                return
            }
            let w = try v.int()
            guard w >= 1 && w <= 65_536 else { throw v.bad("a width in 1...65536") }
            c.hiddenWidths = [Int](repeating: w, count: c.hiddenWidths.isEmpty ? 1 : c.hiddenWidths.count)
        },
        MLPSetting(name: "nodes_<i>", aliases: [], expected: "a width in 1...65536",
                   help: "width of hidden layer i (1-based; set layers first)", example: "64", rank: 3) { c, v in
            guard let i = Int(v.key.lowercased().dropFirst("nodes_".count)), i >= 1, i <= c.hiddenWidths.count else {
                throw MLPConfigurationError.invalid(key: v.key, value: v.value.description,
                                                    expected: "nodes_1...nodes_\(c.hiddenWidths.count) (one per hidden layer; set layers first)")
            }
            let w = try v.int()
            guard w >= 1 && w <= 65_536 else { throw v.bad("a width in 1...65536") }
            c.hiddenWidths[i - 1] = w
        },
        MLPSetting(name: "batch_size", aliases: ["batch"], expected: "an integer in 1...1048576",
                   help: "rows per step", example: "32", rank: 5) { c, v in c.batchSize = try v.int() },
        MLPSetting(name: "activation", aliases: [], expected: "one of relu|tanh|gelu|sigmoid",
                   help: "hidden activation", example: "tanh", rank: 5) { c, v in c.activation = try v.choice(Activation.self) },
        MLPSetting(name: "optimizer", aliases: [], expected: "one of sgd|momentum|nesterov|adam|adamw",
                   help: "optimizer", example: "sgd", rank: 5) { c, v in c.optimizer = try v.choice(OptimizerKind.self) },
        MLPSetting(name: "dropout", aliases: [], expected: "a probability in [0, 1)",
                   help: "dropout probability on hidden layers", example: "0.1", rank: 5) { c, v in c.dropout = try v.double() },
        MLPSetting(name: "weight_decay", aliases: ["wd"], expected: "a finite number ≥ 0",
                   help: "weight decay (weights only)", example: "0.0001", rank: 5) { c, v in c.weightDecay = try v.double() },
        MLPSetting(name: "weight_decay_kind", aliases: [], expected: "one of l2|decoupled",
                   help: "l2 or decoupled (default: decoupled for adamw)", example: "l2", rank: 5) { c, v in
            c.weightDecayKind = try v.choice(WeightDecayKind.self)
        },
        MLPSetting(name: "momentum", aliases: [], expected: "a number in [0, 1)",
                   help: "momentum for momentum/nesterov", example: "0.8", rank: 5) { c, v in c.momentum = try v.double() },
        MLPSetting(name: "beta1", aliases: [], expected: "a number in [0, 1)",
                   help: "Adam's first-moment decay", example: "0.85", rank: 5) { c, v in c.beta1 = try v.double() },
        MLPSetting(name: "beta2", aliases: [], expected: "a number in [0, 1)",
                   help: "Adam's second-moment decay", example: "0.99", rank: 5) { c, v in c.beta2 = try v.double() },
        MLPSetting(name: "eps", aliases: ["epsilon"], expected: "a finite number > 0",
                   help: "Adam's epsilon", example: "1e-7", rank: 5) { c, v in c.epsilon = try v.double() },
        MLPSetting(name: "epochs", aliases: [], expected: "an integer ≥ 0",
                   help: "epochs to train", example: "2", rank: 0) { c, v in c.epochs = try v.int() },
        MLPSetting(name: "schedule", aliases: ["lr_schedule"], expected: "one of constant|none|cosine|step",
                   help: "learning-rate schedule", example: "cosine", rank: 4) { c, v in
            switch v.value.hyperparameterText?.lowercased() {
            case "constant", "none": c.schedule = .constant
            case "cosine": c.schedule = .cosine(minimumFactor: 0)
            case "step": c.schedule = .step(everyEpochs: max(c.epochs / 3, 1), factor: 0.1)
            default: throw v.bad("one of constant|none|cosine|step")
            }
        },
        MLPSetting(name: "lr_min_factor", aliases: [], expected: "a number in [0, 1]",
                   help: "cosine schedule's final learning rate as a fraction of lr", example: "0.1", rank: 5) { c, v in
            c.schedule = .cosine(minimumFactor: try v.double())
        },
        MLPSetting(name: "step_size", aliases: [], expected: "an integer ≥ 1",
                   help: "step schedule: epochs between decays", example: "1", rank: 5) { c, v in
            let factor: Double
            if case let .step(_, f) = c.schedule { factor = f } else { factor = 0.1 }
            c.schedule = .step(everyEpochs: try v.int(), factor: factor)
        },
        MLPSetting(name: "gamma", aliases: [], expected: "a finite number > 0",
                   help: "step schedule: decay factor", example: "0.5", rank: 5) { c, v in
            let every: Int
            if case let .step(e, _) = c.schedule { every = e } else { every = max(c.epochs / 3, 1) }
            c.schedule = .step(everyEpochs: every, factor: try v.double())
        },
        MLPSetting(name: "init", aliases: ["initialization"], expected: "one of auto|he|xavier|torch",
                   help: "weight initialization", example: "he", rank: 5) { c, v in
            c.initialization = try v.choice(Initialization.self)
        },
        MLPSetting(name: "seed", aliases: [], expected: "an integer ≥ 0",
                   help: "seed for init, shuffling, dropout and split", example: "7", rank: 5) { c, v in
            let s = try v.int()
            guard s >= 0 else { throw v.bad("an integer ≥ 0") }
            c.seed = UInt64(s)
        },
        MLPSetting(name: "split", aliases: [], expected: "one of auto|fixed|stratified",
                   help: "train/validation split", example: "stratified", rank: 5) { c, v in c.split = try v.choice(SplitStrategy.self) },
        MLPSetting(name: "validation_fraction", aliases: [], expected: "a number in (0, 1)",
                   help: "share of rows held out for validation", example: "0.25", rank: 5) { c, v in
            c.validationFraction = try v.double()
        },
    ]
}
