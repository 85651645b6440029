import Foundation

/// A value that failed to parse as JSON; `what` names it.
public struct JSONDecodingFailure: Error, CustomStringConvertible, Sendable {
    public let what: String
    public init(what: String) { self.what = what }
    public var description: String { "malformed \(what) (not valid JSON)" }
}

/// Exact JSON text for attribute values: numbers use Swift's shortest round-trip form, so a `Double`
/// written and read back is bit-identical; NaN and ±infinity, which JSON lacks, are written as the
/// strings `"NaN"`, `"Infinity"`, `"-Infinity"` and read back as numbers. Object keys are sorted.
extension AttributeValue {
    /// Compact JSON text.
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(x):
            if x.isNaN { return "\"NaN\"" }
            if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            if x == 0 && x.sign == .minus { return "-0.0" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return x.description
        case let .string(s): return AttributeValue.quote(s)
        case let .array(a): return "[" + a.map(\.jsonText).joined(separator: ",") + "]"
        case let .object(o):
            return "{" + o.sorted { $0.key < $1.key }.map { AttributeValue.quote($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Parses JSON text (strict; see the type's notes on numbers). `what` names the text in errors.
    public static func parseJSON(_ text: String, what: String = "JSON") throws -> AttributeValue {
        try JSONReader.parse(text, what: what)
    }
}

/// A small strict JSON reader producing ``AttributeValue``s. Numbers are parsed with `Double(String)`
/// (correctly rounded), and the strings `"NaN"`, `"Infinity"`, `"-Infinity"` written by
/// ``StoredJSON/number(_:)`` read back as numbers.
enum JSONReader {
    static func parse(_ text: String, what: String) throws -> AttributeValue {
        var reader = Cursor(bytes: Array(text.utf8))
        reader.skipSpace()
        guard let value = reader.value(), reader.atEndAfterSpace() else {
            throw JSONDecodingFailure(what: what)
        }
        return value
    }

    struct Cursor {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func atEndAfterSpace() -> Bool {
            skipSpace()
            return i == bytes.count
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }

        mutating func value() -> AttributeValue? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var out: [String: AttributeValue] = [:]
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    guard let v = value() else { return nil }
                    out[key] = v
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                    return nil
                }
            case UInt8(ascii: "["):
                i += 1
                var out: [AttributeValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                while true {
                    guard let v = value() else { return nil }
                    out.append(v)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                    return nil
                }
            case UInt8(ascii: "\""):
                guard let s = string() else { return nil }
                switch s {
                case "NaN": return .number(.nan)
                case "Infinity": return .number(.infinity)
                case "-Infinity": return .number(-.infinity)
                default: return .string(s)
                }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default:
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                guard i > start, let text = String(bytes: bytes[start..<i], encoding: .utf8), let x = Double(text) else { return nil }
                return .number(x)
            }
        }

        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() -> Bool {
                if raw.isEmpty { return true }
                guard let s = String(bytes: raw, encoding: .utf8) else { return false }
                scalars.append(contentsOf: s.unicodeScalars)
                raw.removeAll(keepingCapacity: true)
                return true
            }
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    guard flush() else { return nil }
                    return String(scalars)
                }
                if b == UInt8(ascii: "\\") {
                    guard flush(), i + 1 < bytes.count else { return nil }
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "u"):
                        guard let high = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(high) {
                            guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            guard let u = Unicode.Scalar(code) else { return nil }
                            scalars.append(u)
                        } else {
                            guard let u = Unicode.Scalar(high) else { return nil }
                            scalars.append(u)
                        }
                    default: return nil
                    }
                    continue
                }
                raw.append(b)
                i += 1
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count, let s = String(bytes: bytes[i..<(i + 4)], encoding: .utf8), let v = UInt32(s, radix: 16) else { return nil }
            i += 4
            return v
        }
    }
}
