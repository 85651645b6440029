/// Appends JSON text to a byte buffer: strings escaped per RFC 8259, numbers in Swift's shortest
/// round-trip form (a `Float` written here reads back as the same `Float`).
struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(hex[Int(c >> 4)])
                bytes.append(hex[Int(c & 0xF)])
            default: bytes.append(c)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite float (callers check finiteness first).
    mutating func number(_ x: Float) { raw(x.description) }
    mutating func number(_ x: Double) { raw(x.description) }
    mutating func number(_ x: Int) { raw(String(x)) }

    /// `{"error": message}`, the protocol's error body.
    static func error(_ message: String) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"error\":")
        w.string(message)
        w.raw("}")
        return w.bytes
    }
}
