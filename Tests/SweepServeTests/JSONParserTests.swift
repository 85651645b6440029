@testable import SweepServe
import Testing

/// The request parser: numbers read exactly as `Double(String)` (strtod) reads them, strict syntax,
/// bounded nesting.
@Suite struct JSONParserTests {
    func number(_ text: String) throws -> Double {
        guard case let .number(x) = try JSONParser.parse(Array(text.utf8)) else { throw JSONSyntaxError(message: "not a number", offset: 0) }
        return x
    }

    @Test func numbersEqualStrtodBitForBit() throws {
        var texts = ["0", "-0", "1", "-1", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456789",
                     "1e22", "1e23", "1e-22", "1e-23", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
                     "1e400", "-1e400", "0.000001", "1E5", "1e+5", "9007199254740993", "3.4028235e38", "1.0e-45"]
        // Every way a client writes FP32 data: shortest float text over the whole range, and decimals.
        var bits: UInt32 = 1
        while bits < 0x7f80_0000 {
            let f = Float(bitPattern: bits)
            texts.append(f.description)
            texts.append("\(Double(f))")
            bits &+= 0x0000_7a13
        }
        for m in stride(from: 0, to: 100_000, by: 37) {
            for e in [-25, -23, -22, -7, -3, 0, 3, 15, 22, 23] { texts.append("\(m)e\(e)") }
            texts.append("\(m / 1000).\(m % 1000)")
        }
        for t in texts {
            #expect(try number(t).bitPattern == Double(t)!.bitPattern, "\(t)")
        }
    }

    @Test func syntaxErrorsNameTheOffsetAndNestingIsBounded() throws {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "1e", "\"\\x\"", "[1] 2", "tru", "\"a\nb\"", "{\"a\":1,}"] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSONParser.parse(Array(bad.utf8)) }
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)) }
        #expect(try JSONParser.parse(Array("{\"a\": [1, \"\\u00e9\\ud83d\\ude00\", true, null]}".utf8))
                == .object(["a": .array([.number(1), .string("é😀"), .bool(true), .null])]))
    }
}
