import SweepCore
import SweepNN

/// Checks `mlp` objective settings and search parameters against the trainer at config time, so
/// `sweep validate` catches typos and impossible values with the line they are on.
enum MLPSettings {
    /// Keys the objective accepts besides trainer settings.
    static let objectiveKeys = ["target", MLPCostMode.settingKey]

    /// A fixed setting `key: value`.
    static func validate(key: String, value: AttributeValue, node: ConfigNode) throws {
        if key == MLPCostMode.settingKey {
            if let problem = MLPCostMode.problem(with: value) { throw node.error(problem) }
            return
        }
        if objectiveKeys.contains(key) {
            guard value.string != nil else { throw node.error("expected the name of the target column") }
            return
        }
        var config = MLPConfiguration()
        do {
            try config.set(key, value)
        } catch {
            throw node.error("\(error)")
        }
        if let problem = epochsProblem(key: key, config: config) { throw node.error(problem) }
    }

    /// Most epochs a sweep trial may train (a bound that keeps step counts far from overflow).
    static let maxEpochs = 1_000_000

    /// Why an `epochs` setting cannot be run (0 trains nothing and reports nothing), or nil.
    static func epochsProblem(key: String, config: MLPConfiguration) -> String? {
        guard key.lowercased() == "epochs", !(1...maxEpochs).contains(config.epochs) else { return nil }
        return "epochs must be in 1...\(maxEpochs), got \(config.epochs)"
    }

    /// A search parameter: its name must be a trainer setting and every value of its domain (bounds,
    /// choices, grid points) must be accepted.
    static func validate(parameter p: Parameter, node: ConfigNode) throws {
        var samples: [ParameterValue] = []
        switch p.domain {
        case let .float(lower, upper, _, _): samples = [.float(lower), .float(upper)]
        case let .int(lower, upper, _, _): samples = [.int(lower), .int(upper)]
        case let .categorical(choices): samples = choices
        }
        samples += p.gridValues ?? []
        for v in samples {
            var config = MLPConfiguration()
            do {
                try config.set(p.name, v)
            } catch {
                throw node.error("\(error)")
            }
            if let problem = epochsProblem(key: p.name, config: config) { throw node.error(problem) }
        }
    }
}
