/// Splitting and slicing strings by character offsets, the unit of editor
/// columns.
extension String {
    /// The text before and after character offset `offset` (clamped).
    func split(atCharacter offset: Int) -> (before: String, after: String) {
        let i = index(startIndex, offsetBy: Swift.max(0, Swift.min(offset, count)))
        return (String(self[..<i]), String(self[i...]))
    }

    /// The text with the characters in `range` (clamped) removed.
    func removing(characters range: Range<Int>) -> String {
        let lower = Swift.max(0, Swift.min(range.lowerBound, count))
        let upper = Swift.max(lower, Swift.min(range.upperBound, count))
        let a = index(startIndex, offsetBy: lower)
        let b = index(a, offsetBy: upper - lower)
        return String(self[..<a]) + String(self[b...])
    }

    /// The leading spaces and tabs.
    var indentation: String {
        String(prefix { $0 == " " || $0 == "\t" })
    }

    /// Lines split on any newline (`\n`, `\r\n`, `\r`); never empty.
    var editorLines: [String] {
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }
}
