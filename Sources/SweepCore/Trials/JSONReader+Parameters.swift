extension JSONReader {
    /// Parameters in the stored form `{"name": ["f", 1.5], "n": ["i", 3], "k": ["s", "x"], "b": ["b", true]}`
    /// (integers beyond 2^53 as text: `["i", "9007199254740993"]`), read straight from the bytes into
    /// ``ParameterValue``s. Every `sweep ask` decodes each stored trial's parameters; building the
    /// general JSON tree first doubled that cost.
    ///
    /// Nil when the text is anything else (another shape, a tag it does not know, `"NaN"` as a float):
    /// the caller then reads it as general JSON, which accepts what it accepts and names what is wrong.
    package static func taggedParameters(_ text: String) -> [String: ParameterValue]? {
        var text = text
        return text.withUTF8 { buffer in
            var cursor = Cursor(bytes: buffer)
            return cursor.taggedParameters()
        }
    }

    /// The largest magnitude up to which every integer is exactly a `Double` (2^53): stored integer
    /// parameters up to it are JSON numbers, larger ones text.
    package static let exactIntegerLimit = 1 << 53
}

extension JSONReader.Cursor {
    /// Consumes `byte` (after optional space) if it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    mutating func taggedParameters() -> [String: ParameterValue]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var out: [String: ParameterValue] = [:]
        if take(UInt8(ascii: "}")) { return atEndAfterSpace() ? out : nil }
        repeat {
            skipSpace()
            guard let key = string(), take(UInt8(ascii: ":")), take(UInt8(ascii: "[")) else { return nil }
            skipSpace()
            guard let tag = string(), take(UInt8(ascii: ",")) else { return nil }
            skipSpace()
            guard i < bytes.count else { return nil }
            let quoted = bytes[i] == UInt8(ascii: "\"")
            let value: ParameterValue
            switch (tag, quoted) {
            case ("f", false):
                guard let x = number() else { return nil }
                value = .float(x)
            case ("i", false):
                guard let x = number(), x == x.rounded(), x.magnitude <= Double(JSONReader.exactIntegerLimit), let n = Int(exactly: x) else { return nil }
                value = .int(n)
            case ("i", true):
                guard let text = string(), let n = Int(text) else { return nil }
                value = .int(n)
            case ("s", true):
                guard let s = string() else { return nil }
                value = .string(s)
            case ("b", false):
                if literal("true") { value = .bool(true) } else if literal("false") { value = .bool(false) } else { return nil }
            default:
                return nil
            }
            guard take(UInt8(ascii: "]")) else { return nil }
            out[key] = value
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) && atEndAfterSpace() ? out : nil
    }
}
