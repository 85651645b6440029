import SweepMath

/// One MLP trainer setting that a sweep parameter, an `mlp` objective's fixed settings or
/// `sweep train --set` may name. ``MLPSetting/all`` is the only list of these keys: config checking,
/// the `mlp` objective and `sweep train` all go through ``MLPConfiguration/set(_:_:)``, which looks
/// keys up here, so they accept and refuse the same keys with the same messages.
///
/// Ranges are checked by ``MLPConfiguration/validate()`` after a setting is applied.
public struct MLPSetting: Sendable {
    /// The canonical key (`lr`); `nodes_<i>` stands for `nodes_1`, `nodes_2`, ….
    public let name: String
    /// Other spellings accepted for the same setting (`learning_rate`).
    public let aliases: [String]
    /// What values are accepted, in words (`a number`, `one of relu|tanh|gelu|sigmoid`).
    public let expected: String
    /// One line on what the setting does.
    public let help: String
    /// A value every default configuration accepts, as YAML/command-line text (for docs and tests).
    public let example: String
    /// Settings apply in ascending rank (then key order), so `epochs` precedes step schedules,
    /// `layers` precedes `nodes` precedes `nodes_<i>`, and the result does not depend on dictionary order.
    let rank: Int
    let assign: @Sendable (inout MLPConfiguration, MLPSettingInput) throws -> Void

    /// A key that names this setting: the example key for `nodes_<i>` is `nodes_1`.
    public var exampleKey: String { isIndexed ? "nodes_1" : name }

    /// Whether the name is a pattern (`nodes_<i>`) rather than one key.
    public var isIndexed: Bool { name.hasSuffix("_<i>") }

    /// Whether `key` (lowercased) names this setting.
    func matches(_ key: String) -> Bool {
        if isIndexed { return key.hasPrefix(String(name.dropLast("<i>".count))) }
        return key == name || aliases.contains(key)
    }

    /// The setting `key` names (case-insensitive), or nil.
    public static func named(_ key: String) -> MLPSetting? {
        let k = key.lowercased()
        return all.first { $0.matches(k) }
    }

    /// Every key and alias, as listed in messages.
    public static var keys: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// The error for a key that names no setting: `unknown MLP hyperparameter 'learnin_rate' (did you
    /// mean 'learning_rate'?); known: …`.
    public static func unknown(_ key: String) -> MLPConfigurationError {
        .unknownKey(key, suggestion: closestKey(to: key), known: all.map(\.name))
    }

    static func closestKey(to key: String) -> String? {
        let candidates = all.filter { !$0.isIndexed }.flatMap { [$0.name] + $0.aliases }
        return ClosestName.closest(to: key, in: candidates)
    }
}

/// A value being applied to one setting, with typed reads whose errors name the key and value.
struct MLPSettingInput {
    let key: String
    let value: any HyperparameterValue

    func bad(_ expected: String) -> MLPConfigurationError {
        let shown = value.hyperparameterText.map { value.hyperparameterNumber == nil ? "'\($0)'" : $0 } ?? value.description
        return .invalid(key: key, value: shown, expected: expected)
    }

    func double() throws -> Double {
        guard let v = value.hyperparameterNumber, v.isFinite else { throw bad("a number") }
        return v
    }

    func int() throws -> Int {
        guard let v = value.hyperparameterInt else { throw bad("an integer") }
        return v
    }

    func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
        guard let s = value.hyperparameterText?.lowercased(), let v = T(rawValue: s) else {
            throw bad("one of " + T.allCases.map(\.rawValue).joined(separator: "|"))
        }
        return v
    }

    /// Hidden widths: a list, comma-separated text (`"256,128"`), or nil for a single value.
    func widths() throws -> [Int]? {
        let items: [any HyperparameterValue]
        if let list = value.hyperparameterItems {
            items = list
        } else if let text = value.hyperparameterText, text.contains(",") {
            items = text.split(separator: ",").map { String($0).trimmingSpaces() }
        } else {
            return nil
        }
        let widths = items.compactMap(\.hyperparameterInt)
        guard widths.count == items.count, widths.allSatisfy({ $0 >= 1 && $0 <= 65_536 }) else {
            throw bad("widths in 1...65536")
        }
        return widths
    }
}
