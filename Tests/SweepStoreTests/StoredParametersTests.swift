import Foundation
import SweepCore
@testable import SweepStore
import SweepTestSupport
import Testing

/// Stored parameters are read by ``JSONReader/taggedParameters(_:)`` straight from the bytes, and by the
/// general JSON reader when that declines: both must read every stored text alike.
@Suite struct StoredParametersTests {
    /// The general reader's answer (what decoding did before the direct reader).
    private func general(_ text: String) -> [String: ParameterValue]? {
        guard case let .object(dict)? = try? AttributeValue.parseJSON(text) else { return nil }
        var out: [String: ParameterValue] = [:]
        for (key, raw) in dict {
            guard case let .array(pair) = raw, pair.count == 2, let tag = pair[0].string else { return nil }
            switch (tag, pair[1]) {
            case let ("f", .number(x)): out[key] = .float(x)
            case let ("i", .number(x)) where x == x.rounded() && x.magnitude <= 9_007_199_254_740_992: out[key] = Int(exactly: x).map(ParameterValue.int)
            case let ("i", .string(s)): out[key] = Int(s).map(ParameterValue.int)
            case let ("s", .string(s)): out[key] = .string(s)
            case let ("b", .bool(b)): out[key] = .bool(b)
            default: return nil
            }
        }
        return out
    }

    @Test func writtenParametersReadBackIdenticallyByBothReaders() throws {
        var rng = SystemRandomNumberGenerator()
        let strings = ["relu", "", "tab\there", "quote\"d", "naïve", "😀", "back\\slash", "NaN"]
        for round in 0..<300 {
            var params: [String: ParameterValue] = [:]
            for k in 0..<Int.random(in: 0...6, using: &rng) {
                let name = ["lr", "x\(k)", "n", "ké", "a\"b"][k % 5] + "\(round % 3)"
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: params[name] = .float(Double.random(in: -1e6...1e6, using: &rng))
                case 1: params[name] = .float([0.0, -0.0, 1e-308, 5e-324, .greatestFiniteMagnitude, 0.1][k % 6])
                case 2: params[name] = .int(Int.random(in: -1_000_000...1_000_000, using: &rng))
                case 3: params[name] = .int([Int.max, Int.min, 1 << 53, (1 << 53) + 1, -(1 << 53), 9_005_000_000_000_000][k % 6])
                case 4: params[name] = .string(strings[k % strings.count])
                default: params[name] = .bool(k % 2 == 0)
                }
            }
            let text = StoredJSON.encode(params: params)
            let read = try StoredJSON.decodeParams(text)
            #expect(read == params, "\(text)")
            #expect(JSONReader.taggedParameters(text) == params, "direct reader declined or differed: \(text)")
            #expect(general(text) == params, "\(text)")
        }
    }

    /// Integers in (9e15, 2^53] are written as JSON numbers; they were refused on reading.
    @Test func integersUpTo2To53ReadBack() throws {
        for n in [9_000_000_000_000_001, 9_005_000_000_000_000, 1 << 53, -(1 << 53)] {
            let text = "{\"n\":[\"i\",\(n)]}"
            #expect(try StoredJSON.decodeParams(text) == ["n": .int(n)])
        }
    }

    @Test func otherTextsAreLeftToTheGeneralReaderAndErrorsStayErrors() throws {
        // Valid JSON of another spelling: declined by the direct reader, read by the general one.
        #expect(JSONReader.taggedParameters("{\"x\":[\"f\",\"NaN\"]}") == nil)
        #expect(try StoredJSON.decodeParams("{\"x\":[\"f\",\"NaN\"]}")["x"].map { if case let .float(v) = $0 { v.isNaN } else { false } } == true)
        #expect(try StoredJSON.decodeParams(" { \"x\" : [ \"i\" , 3 ] } ") == ["x": .int(3)])
        for bad in ["", "{", "{\"x\":[\"f\",1]", "{\"x\":[\"q\",1]}", "{\"x\":[\"i\",1.5]}", "{\"x\":[\"f\",1,2]}", "[1]", "{\"x\":[\"b\",1]}",
                    "{\"x\":[\"i\",\"12a\"]}", "{\"x\":[\"f\",1]} x"] {
            #expect(JSONReader.taggedParameters(bad) == nil, "\(bad)")
            #expect(throws: JSONDecodingFailure.self, "\(bad)") { try StoredJSON.decodeParams(bad) }
        }
    }
}
