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
/// ``AttributeValue/jsonText`` read back as numbers.
///
/// Every `sweep ask`/`tell` process decodes each stored trial's parameters and attributes through
/// this reader, so it works on bytes: no Foundation string conversions, no allocation per token
/// beyond the values it returns.
package enum JSONReader {
    static func parse(_ text: String, what: String) throws -> AttributeValue {
        var text = text
        let value: AttributeValue? = text.withUTF8 { buffer in
            var reader = Cursor(bytes: buffer)
            reader.skipSpace()
            guard let value = reader.value(depth: 0), reader.atEndAfterSpace() else { return nil }
            return value
        }
        guard let value else { throw JSONDecodingFailure(what: what) }
        return value
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 512

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return
                }
            }
        }

        mutating func atEndAfterSpace() -> Bool {
            skipSpace()
            return i == bytes.count
        }

        /// Consumes `word` (ASCII) if it comes next.
        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            let w = word.utf8Start
            for k in 0..<n where bytes[i + k] != w[k] { return false }
            i += n
            return true
        }

        mutating func value(depth: Int) -> AttributeValue? {
            skipSpace()
            guard i < bytes.count, depth < JSONReader.maximumDepth else { return nil }
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
                    guard let v = value(depth: depth + 1) else { return nil }
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
                    guard let v = value(depth: depth + 1) else { return nil }
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
                return number().map(AttributeValue.number)
            }
        }

        /// A number token (the characters JSON numbers use), parsed by `Double(String)`.
        mutating func number() -> Double? {
            let start = i
            scan: while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                     UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): i += 1
                default: break scan
                }
            }
            guard i > start else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// A string token; nil when it is unterminated, has a bad escape or is not valid UTF-8.
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            // Fast path: no escapes, so the token's bytes are the string's bytes.
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                i += 1
            }
            return escapedString(from: start)
        }

        /// The slow path of ``string()``: the token from `start` (just after the opening quote) has escapes.
        mutating func escapedString(from start: Int) -> String? {
            i = start
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(validating: out, as: UTF8.self)
                }
                guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
                guard i + 1 < bytes.count else { return nil }
                let e = bytes[i + 1]
                i += 2
                let scalar: Unicode.Scalar
                switch e {
                case UInt8(ascii: "n"): scalar = "\n"
                case UInt8(ascii: "r"): scalar = "\r"
                case UInt8(ascii: "t"): scalar = "\t"
                case UInt8(ascii: "b"): scalar = "\u{08}"
                case UInt8(ascii: "f"): scalar = "\u{0C}"
                case UInt8(ascii: "/"): scalar = "/"
                case UInt8(ascii: "\\"): scalar = "\\"
                case UInt8(ascii: "\""): scalar = "\""
                case UInt8(ascii: "u"):
                    guard let high = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(high) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low),
                              let u = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
                        scalar = u
                    } else {
                        guard let u = Unicode.Scalar(high) else { return nil }
                        scalar = u
                    }
                default: return nil
                }
                out.append(contentsOf: String(scalar).utf8)
            }
            return nil
        }

        /// Four hexadecimal digits (a `\u` escape's code unit).
        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let b = bytes[i + k]
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }
    }
}
