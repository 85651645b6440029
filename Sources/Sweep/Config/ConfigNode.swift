import Foundation
import SweepCore
import SweepMath
import Yams

/// A YAML node plus where it came from (file, key path), with typed accessors whose errors name the
/// file, line and key. Used by ``SweepConfig/parse(yaml:file:)`` and the objective parsers.
struct ConfigNode {
    let node: Node
    let file: String
    let path: String

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> ConfigError {
        ConfigError.invalid(file: file, line: line, key: path, message: message)
    }

    func child(_ key: String, _ node: Node) -> ConfigNode {
        ConfigNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// What the node is, for "expected X, got Y" messages.
    var kindDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(s):
            if s.style == .plain && isNull { return "nothing (null)" }
            return "'\(s.string)'"
        }
    }

    var isNull: Bool {
        if case let .scalar(s) = node, s.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(s.string)
        }
        return false
    }

    // MARK: - Mappings

    /// The mapping's entries in file order; refuses duplicate and non-string keys.
    func entries() throws -> [(key: String, value: ConfigNode)] {
        guard case let .mapping(mapping) = node else { throw error("expected a mapping, got \(kindDescription)") }
        var out: [(String, ConfigNode)] = []
        var seen = Set<String>()
        for (k, v) in mapping {
            guard case let .scalar(ks) = k else { throw error("keys must be plain names") }
            let key = ks.string
            let childNode = child(key, v)
            guard seen.insert(key).inserted else { throw childNode.error("duplicate key") }
            out.append((key, childNode))
        }
        return out
    }

    /// The mapping as a dictionary, after checking every key is in `allowed`.
    func fields(allowed: [String]) throws -> [String: ConfigNode] {
        var out: [String: ConfigNode] = [:]
        for (key, value) in try entries() {
            guard allowed.contains(key) else {
                var message = "unknown key '\(key)'"
                if let guess = ConfigNode.closest(key, in: allowed) { message += " (did you mean '\(guess)'?)" }
                message += "; allowed keys: " + allowed.joined(separator: ", ")
                throw value.error(message)
            }
            out[key] = value
        }
        return out
    }

    static func closest(_ word: String, in candidates: [String]) -> String? {
        ClosestName.closest(to: word, in: candidates)
    }

    // MARK: - Scalars

    private var plainScalar: Node.Scalar? {
        if case let .scalar(s) = node { return s }
        return nil
    }

    func string() throws -> String {
        guard let s = plainScalar, !isNull else { throw error("expected text, got \(kindDescription)") }
        return s.string
    }

    func nonEmptyString() throws -> String {
        let s = try string().trimmingSpaces
        guard !s.isEmpty else { throw error("must not be empty") }
        return s
    }

    func double() throws -> Double {
        guard let s = plainScalar, s.style == .plain, let v = ConfigNode.parseNumber(s.string) else {
            throw error("expected a number, got \(kindDescription)")
        }
        return v
    }

    func finiteDouble() throws -> Double {
        let v = try double()
        guard v.isFinite else { throw error("must be a finite number, got \(plainScalar?.string ?? "")") }
        return v
    }

    func int() throws -> Int {
        guard let s = plainScalar, s.style == .plain else { throw error("expected a whole number, got \(kindDescription)") }
        if let i = Int(s.string.replacingOccurrences(of: "_", with: "")) { return i }
        if let d = ConfigNode.parseNumber(s.string), d.isFinite, d == d.rounded(), abs(d) < 9e15 { return Int(d) }
        throw error("expected a whole number, got \(kindDescription)")
    }

    func positiveInt() throws -> Int {
        let i = try int()
        guard i > 0 else { throw error("must be a positive whole number, got \(i)") }
        return i
    }

    func nonNegativeInt() throws -> Int {
        let i = try int()
        guard i >= 0 else { throw error("must be zero or more, got \(i)") }
        return i
    }

    func bool() throws -> Bool {
        guard let s = plainScalar, s.style == .plain else { throw error("expected true or false, got \(kindDescription)") }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(s.string)'")
        }
    }

    func list() throws -> [ConfigNode] {
        guard case let .sequence(seq) = node else { throw error("expected a list, got \(kindDescription)") }
        return seq.enumerated().map { child("[\($0.offset)]", $0.element) }
    }

    /// A scalar as a parameter value: quoted → string; plain → bool, int, float or string.
    func parameterValue() throws -> ParameterValue {
        guard let s = plainScalar, !isNull else { throw error("expected a number, string or bool, got \(kindDescription)") }
        if s.style != .plain { return .string(s.string) }
        switch s.string {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = Int(s.string) { return .int(i) }
        if let d = ConfigNode.parseNumber(s.string) {
            guard d.isFinite else { throw error("values must be finite, got \(s.string)") }
            return .float(d)
        }
        return .string(s.string)
    }

    /// Any YAML value as a JSON-like attribute value (for free-form options).
    func attributeValue() throws -> AttributeValue {
        switch node {
        case .mapping:
            var out: [String: AttributeValue] = [:]
            for (k, v) in try entries() { out[k] = try v.attributeValue() }
            return .object(out)
        case .sequence:
            return .array(try list().map { try $0.attributeValue() })
        case .alias:
            throw error("YAML aliases are not supported here")
        case let .scalar(s):
            if isNull { return .null }
            if s.style != .plain { return .string(s.string) }
            return AttributeValue(try parameterValue())
        }
    }

    /// Longest duration accepted: 100 years in seconds (longer ones overflow time arithmetic).
    static let maxDuration = 100 * 365.25 * 86400

    /// A duration: a number of seconds, or text like `90s`, `10m`, `1h30m`, `2d`; at most 100 years.
    func duration() throws -> Double {
        let seconds: Double
        if let s = plainScalar, s.style == .plain, let v = ConfigNode.parseNumber(s.string) {
            guard v.isFinite && v > 0 else { throw error("must be a positive duration, got \(s.string)") }
            seconds = v
        } else {
            let text = try string().trimmingSpaces.lowercased()
            guard let v = ConfigNode.parseDuration(text), v > 0 else {
                throw error("expected a duration like 90s, 10m, 1h30m or a number of seconds, got '\(text)'")
            }
            seconds = v
        }
        guard seconds <= ConfigNode.maxDuration else { throw error("must be at most 100 years (3155760000 s), got \(seconds) s") }
        return seconds
    }

    static func parseDuration(_ text: String) -> Double? {
        var total = 0.0, number = "", sawUnit = false
        for ch in text where ch != " " {
            if ch.isNumber || ch == "." { number.append(ch); continue }
            guard let v = Double(number) else { return nil }
            switch ch {
            case "s": total += v
            case "m": total += v * 60
            case "h": total += v * 3600
            case "d": total += v * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        if !number.isEmpty { return sawUnit ? nil : Double(number) }
        return sawUnit ? total : nil
    }

    /// YAML 1.2 numbers (`1e-4`, `.5`, `-3`, `.inf`, `1_000`); nil for anything else.
    static func parseNumber(_ text: String) -> Double? {
        let t = text.replacingOccurrences(of: "_", with: "")
        switch t.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        guard let first = t.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        return Double(t)
    }
}
