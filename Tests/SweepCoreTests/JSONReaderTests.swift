import Foundation
import SweepCore
import SweepMath
import Testing

/// The byte-level JSON reader behind every stored trial's parameters and attributes: exact numbers,
/// escapes, and refusal (not a crash) of malformed text.
@Suite struct JSONReaderTests {
    @Test func doublesRoundTripBitForBit() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        for _ in 0..<2_000 {
            let x = Double(bitPattern: rng.next())
            let back = try AttributeValue.parseJSON(AttributeValue.number(x).jsonText)
            guard case let .number(y) = back else { Issue.record("\(x) read back as \(back)"); continue }
            if x.isNaN { #expect(y.isNaN) } else { #expect(y.bitPattern == x.bitPattern, "\(x)") }
        }
    }

    @Test func nestedValuesRoundTrip() throws {
        let value = AttributeValue.object([
            "params": .object(["lr": .array([.string("f"), .number(0.001)]), "layers": .array([.string("i"), .number(3)])]),
            "tags": .array([.bool(true), .bool(false), .null, .number(-0.0), .number(1e-300), .number(-2.5e300)]),
            "text": .string("tab\tquote\" backslash\\ newline\n é 日本 🎉 \u{01}"),
            "empty": .object([:]), "none": .array([]),
        ])
        #expect(try AttributeValue.parseJSON(value.jsonText) == value)
    }

    @Test func escapesAndSurrogatePairs() throws {
        #expect(try AttributeValue.parseJSON(#""a\u00e9\ud83c\udf89\/\b\f\r""#) == .string("aé🎉/\u{08}\u{0C}\r"))
        #expect(try AttributeValue.parseJSON(#"  { "k" : [ 1 , 2.5e-3 ] }  "#) == .object(["k": .array([.number(1), .number(0.0025)])]))
        #expect(try AttributeValue.parseJSON(#"["NaN","Infinity","-Infinity","nan"]"#).jsonText == #"["NaN","Infinity","-Infinity","nan"]"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "\"open", "tru", "nul", "01x", "-", "\"\\x\"",
                      "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "[1] 2", "{\"a\":1,}", "+", "."])
    func malformedTextIsRefused(_ text: String) {
        #expect(throws: JSONDecodingFailure.self) { try AttributeValue.parseJSON(text, what: "test") }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONDecodingFailure.self) { try AttributeValue.parseJSON(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? AttributeValue.parseJSON(fine)) != nil)
    }
}
