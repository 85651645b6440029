extension String {
    /// The text without leading and trailing spaces and tabs: the characters of Foundation's
    /// `CharacterSet.whitespaces` (Unicode space separators, U+0009 and, as Foundation still counts it,
    /// U+200B ZERO WIDTH SPACE; newlines stay), trimmed without
    /// Foundation, whose `trimmingCharacters(in:)` bridges through `NSString` on Linux — a measurable part
    /// of starting `sweep ask`/`tell`, which trim what they read.
    package var trimmingSpaces: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
