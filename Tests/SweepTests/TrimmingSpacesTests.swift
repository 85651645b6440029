import Foundation
@testable import Sweep
import Testing

/// `String.trimmingSpaces` trims what Foundation's `trimmingCharacters(in: .whitespaces)` trims.
@Suite struct TrimmingSpacesTests {
    @Test func everyScalarOfTheBasicPlaneIsTrimmedAsFoundationTrimsIt() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar)) + "x" + String(Character(scalar))
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
        }
    }

    @Test func trimsExactlyWhatFoundationTrims() {
        let pieces = ["", " ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\n", "\r\n", "x", "0.5", "é", "😀", "a b", "\u{200B}", "\u{85}"]
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "\t\u{A0}", "\n"] {
                    let text = c + a + b + c
                    #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
                }
            }
        }
    }
}
