import SweepCore

/// Checks the `{placeholder}` templates of a command objective at config time, so `sweep validate`
/// reports an unclosed `{` or an unknown name with the file, line and key of the template.
enum CommandTemplateCheck {
    /// - Throws: ``ConfigError`` at the first bad template (command argument, env value or workdir).
    static func check(objective node: ConfigNode, space: SearchSpace) throws {
        let known = Set(space.parameters.map(\.name) + CommandObjective.builtinPlaceholders)
        for (key, value) in try node.entries() {
            switch key {
            case "command":
                if case .sequence = value.node {
                    for item in try value.list() { try check(item, known: known) }
                } else {
                    try check(value, known: known)
                }
            case "env":
                for (_, v) in try value.entries() { try check(v, known: known) }
            case "workdir":
                try check(value, known: known)
            default:
                continue
            }
        }
    }

    private static func check(_ node: ConfigNode, known: Set<String>) throws {
        let text = try node.string()
        let names: [String]
        do {
            names = try CommandObjective.placeholders(in: text)
        } catch {
            throw node.error("\(error)")
        }
        if let first = names.first(where: { !known.contains($0) }) {
            throw node.error(
                "placeholder {\(first)} is not a parameter; use a parameter name or one of "
                    + CommandObjective.builtinPlaceholders.map { "{\($0)}" }.joined(separator: ", ") + " ({{ and }} for literal braces)")
        }
    }
}
