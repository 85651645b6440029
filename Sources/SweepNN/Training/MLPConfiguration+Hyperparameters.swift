extension MLPConfiguration {
    /// Every key ``set(_:_:)`` accepts (names and aliases; `nodes_<i>` for `nodes_1`, `nodes_2`, …),
    /// from ``MLPSetting/all``.
    public static var hyperparameterKeys: [String] { MLPSetting.keys }

    /// Sets one field from a sweep parameter, a config setting or a command-line value.
    ///
    /// Keys, aliases, accepted values and their meaning are listed once, in ``MLPSetting/all``: `lr`
    /// (`learning_rate`), `layers`, `nodes` (a width, a list, or `"256,128"`), `nodes_<i>`,
    /// `batch_size`, `activation`, `optimizer`, `dropout`, `weight_decay`, `weight_decay_kind`,
    /// `momentum`, `beta1`, `beta2`, `eps`, `epochs`, `schedule`, `lr_min_factor`, `step_size`,
    /// `gamma`, `init`, `seed`, `split`, `validation_fraction`. Keys are case-insensitive.
    ///
    /// Values are range-checked as in ``validate()``; on error the configuration is unchanged.
    /// - Throws: ``MLPConfigurationError`` naming an unknown key (with the nearest known key) or a bad value.
    public mutating func set(_ key: String, _ value: any HyperparameterValue) throws {
        guard let setting = MLPSetting.named(key) else { throw MLPSetting.unknown(key) }
        var copy = self
        try setting.assign(&copy, MLPSettingInput(key: key, value: value))
        do {
            try copy.validate()
        } catch let MLPConfigurationError.invalid(_, v, expected) {
            throw MLPConfigurationError.invalid(key: key, value: v, expected: expected)
        }
        self = copy
    }

    /// Applies a whole parameter set in ``MLPSetting`` rank order (`epochs`, then `layers`, `nodes`,
    /// `nodes_<i>`, `schedule`, then the rest), then key order, so the result does not depend on
    /// dictionary order.
    /// - Throws: the first ``MLPConfigurationError``.
    public mutating func apply(_ parameters: [String: any HyperparameterValue]) throws {
        func rank(_ key: String) -> Int { MLPSetting.named(key)?.rank ?? Int.max }
        for (key, value) in parameters.sorted(by: { (rank($0.key), $0.key) < (rank($1.key), $1.key) }) {
            try set(key, value)
        }
    }
}
