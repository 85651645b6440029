/// The registry of objective kinds a sweep file may name. Adding a kind is one folder under
/// `Objectives/` (its spec conforming to ``ObjectiveKind``) and one line here.
enum ObjectiveKinds {
    static let all: [any ConfigurableObjectiveKind.Type] = [
        FunctionObjectiveSpec.self,
        MLPObjectiveSpec.self,
        CommandObjectiveSpec.self,
    ]

    /// The `kind:` values, in registration order.
    static var names: [String] { all.map { $0.kind } }

    /// Parses an `objective:` mapping with the kind its `kind:` names.
    static func parse(_ node: ConfigNode) throws -> ObjectiveSpec {
        let entries = try node.entries()
        guard let kindNode = entries.first(where: { $0.key == "kind" })?.value else {
            throw node.error("needs 'kind' (one of \(names.joined(separator: ", ")))")
        }
        let kind = try kindNode.nonEmptyString().lowercased()
        guard let type = all.first(where: { $0.kind == kind }) else {
            var message = "unknown objective kind '\(kind)'"
            if let guess = ConfigNode.closest(kind, in: names) { message += " (did you mean '\(guess)'?)" }
            throw kindNode.error(message + "; available: " + names.joined(separator: ", "))
        }
        return ObjectiveSpec(try type.parse(node))
    }
}
