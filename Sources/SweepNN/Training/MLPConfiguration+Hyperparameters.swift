extension MLPConfiguration {
    /// Every key ``set(_:_:)`` accepts.
    public static let hyperparameterKeys: [String] = [
        "lr", "learning_rate", "layers", "nodes", "nodes_<i>", "batch_size", "activation", "optimizer",
        "dropout", "weight_decay", "weight_decay_kind", "momentum", "beta1", "beta2", "eps", "epochs",
        "schedule", "lr_min_factor", "step_size", "gamma", "init", "seed", "split", "validation_fraction",
    ]

    /// Sets one field from a sweep parameter.
    ///
    /// Keys (aliases in parentheses): `lr` (`learning_rate`), `layers` (hidden layer count; keeps the
    /// first width), `nodes` (one width for every hidden layer, or a list — which also sets the
    /// count — or a string `"256,128"`), `nodes_<i>` (width of hidden layer i, 1-based), `batch_size`,
    /// `activation` (relu|tanh|gelu|sigmoid), `optimizer` (sgd|momentum|nesterov|adam|adamw),
    /// `dropout`, `weight_decay`, `weight_decay_kind` (l2|decoupled), `momentum`, `beta1`, `beta2`,
    /// `eps`, `epochs`, `schedule` (constant|none|cosine|step), `lr_min_factor` (cosine),
    /// `step_size` and `gamma` (step), `init` (auto|he|xavier|torch), `seed`, `split`
    /// (auto|fixed|stratified), `validation_fraction`.
    ///
    /// Values are range-checked as in ``validate()``; on error the configuration is unchanged.
    /// - Throws: ``MLPConfigurationError`` naming an unknown key or a bad value.
    public mutating func set(_ key: String, _ value: HyperparameterValue) throws {
        var copy = self
        try copy.assign(key, value)
        do {
            try copy.validate()
        } catch let MLPConfigurationError.invalid(_, v, expected) {
            throw MLPConfigurationError.invalid(key: key, value: v, expected: expected)
        }
        self = copy
    }

    private mutating func assign(_ key: String, _ value: HyperparameterValue) throws {
        func bad(_ expected: String) -> MLPConfigurationError {
            .invalid(key: key, value: value.description, expected: expected)
        }
        func double() throws -> Double {
            guard let v = value.doubleValue, v.isFinite else { throw bad("a number") }
            return v
        }
        func int() throws -> Int {
            guard let v = value.intValue else { throw bad("an integer") }
            return v
        }
        func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
            guard let s = value.stringValue?.lowercased(), let v = T(rawValue: s) else {
                throw bad("one of " + T.allCases.map(\.rawValue).joined(separator: "|"))
            }
            return v
        }
        let k = key.lowercased()
        switch k {
        case "lr", "learning_rate":
            learningRate = try double()
        case "layers", "hidden_layers":
            let n = try int()
            guard n >= 0 && n <= 64 else { throw bad("an integer in 0...64") }
            let width = hiddenWidths.first ?? 128
            hiddenWidths = hiddenWidths.count == n ? hiddenWidths : [Int](repeating: width, count: n)
        case "nodes", "units", "width":
            switch value {
            case let .list(items):
                let widths = items.compactMap(\.intValue)
                guard widths.count == items.count, widths.allSatisfy({ $0 >= 1 && $0 <= 65_536 }) else {
                    throw bad("widths in 1...65536")
                }
                hiddenWidths = widths
            case let .string(s) where s.contains(","):
                let widths = s.split(separator: ",").map { Int(String($0).trimmingSpaces()) }
                guard widths.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 65_536 }) else { throw bad("widths in 1...65536") }
                hiddenWidths = widths.map { $0! }
            default:
                let w = try int()
                guard w >= 1 && w <= 65_536 else { throw bad("a width in 1...65536") }
                hiddenWidths = [Int](repeating: w, count: hiddenWidths.isEmpty ? 1 : hiddenWidths.count)
            }
        case _ where k.hasPrefix("nodes_"):
            guard let i = Int(k.dropFirst("nodes_".count)), i >= 1, i <= hiddenWidths.count else {
                throw MLPConfigurationError.invalid(key: key, value: value.description,
                                                    expected: "nodes_1...nodes_\(hiddenWidths.count) (one per hidden layer; set layers first)")
            }
            let w = try int()
            guard w >= 1 && w <= 65_536 else { throw bad("a width in 1...65536") }
            hiddenWidths[i - 1] = w
        case "batch_size", "batch":
            batchSize = try int()
        case "activation":
            activation = try choice(Activation.self)
        case "optimizer":
            optimizer = try choice(OptimizerKind.self)
        case "dropout":
            dropout = try double()
        case "weight_decay", "wd":
            weightDecay = try double()
        case "weight_decay_kind":
            weightDecayKind = try choice(WeightDecayKind.self)
        case "momentum":
            momentum = try double()
        case "beta1":
            beta1 = try double()
        case "beta2":
            beta2 = try double()
        case "eps", "epsilon":
            epsilon = try double()
        case "epochs":
            epochs = try int()
        case "schedule", "lr_schedule":
            switch value.stringValue?.lowercased() {
            case "constant", "none": schedule = .constant
            case "cosine": schedule = .cosine(minimumFactor: 0)
            case "step": schedule = .step(everyEpochs: max(epochs / 3, 1), factor: 0.1)
            default: throw bad("one of constant|none|cosine|step")
            }
        case "lr_min_factor":
            schedule = .cosine(minimumFactor: try double())
        case "step_size":
            let factor: Double
            if case let .step(_, f) = schedule { factor = f } else { factor = 0.1 }
            schedule = .step(everyEpochs: try int(), factor: factor)
        case "gamma":
            let every: Int
            if case let .step(e, _) = schedule { every = e } else { every = max(epochs / 3, 1) }
            schedule = .step(everyEpochs: every, factor: try double())
        case "init", "initialization":
            initialization = try choice(Initialization.self)
        case "seed":
            let s = try int()
            guard s >= 0 else { throw bad("an integer ≥ 0") }
            seed = UInt64(s)
        case "split":
            split = try choice(SplitStrategy.self)
        case "validation_fraction":
            validationFraction = try double()
        default:
            throw MLPConfigurationError.unknownKey(key, known: Self.hyperparameterKeys)
        }
    }

    /// Applies a whole parameter set: `layers` before `nodes` before `nodes_<i>`, then the rest in
    /// key order, so the result does not depend on dictionary order.
    /// - Throws: the first ``MLPConfigurationError``.
    public mutating func apply(_ parameters: [String: HyperparameterValue]) throws {
        func rank(_ key: String) -> Int {
            switch key.lowercased() {
            case "epochs": return 0  // step schedules default their step size from it
            case "layers", "hidden_layers": return 1
            case "nodes", "units", "width": return 2
            case _ where key.lowercased().hasPrefix("nodes_"): return 3
            case "schedule", "lr_schedule": return 4
            default: return 5
            }
        }
        for key in parameters.keys.sorted(by: { (rank($0), $0) < (rank($1), $1) }) {
            try set(key, parameters[key]!)
        }
    }
}
