/// Terminal-column arithmetic for text, agreeing with
/// `ScreenBuffer.write`: wide characters take two columns, zero-width ones
/// none, and a tab one (the buffer draws it as a single space).
///
/// Cursors and spans count characters; scrolling and clipping count columns.
/// These helpers are the one place that converts between the two.
enum TextColumns {
    static func width(of character: Character) -> Int {
        character == "\t" ? 1 : CharacterWidth.of(character)
    }

    static func width(of text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// The columns taken by the first `count` characters of `text`.
    static func width(ofPrefix count: Int, in text: String) -> Int {
        text.prefix(max(0, count)).reduce(0) { $0 + width(of: $1) }
    }

    /// The character offset whose character covers `column`, or the end of
    /// the text when it is shorter: where a cursor lands when it moves to a
    /// remembered column on another line.
    static func characterOffset(atColumn column: Int, in text: String) -> Int {
        var used = 0
        var offset = 0
        for character in text {
            let w = width(of: character)
            if used + w > column { return offset }
            used += w
            offset += 1
        }
        return offset
    }

    /// `text` fitted into `columns`: whole when it fits, else cut with `…`
    /// as its last column, so a cut message reads as cut.
    static func fitted(_ text: String, columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard width(of: text) > columns else { return text }
        let kept = characterOffset(atColumn: columns - 1, in: text)
        return String(text.prefix(kept)) + "…"
    }

    /// `text` cut to its first `limit` characters with `…` appended when
    /// something was cut, to bound the work of measuring and drawing huge
    /// values (a megabyte string in one JSON attribute).
    static func capped(_ text: String, characters limit: Int) -> String {
        guard limit >= 0 else { return text }
        var index = text.startIndex
        var count = 0
        while index < text.endIndex {
            if count == limit { return String(text[..<index]) + "…" }
            index = text.index(after: index)
            count += 1
        }
        return text
    }

    /// The text padded with spaces, or cut, to exactly `columns` columns
    /// (right-aligned when `alignRight`): line numbers, tags.
    static func padded(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let w = width(of: text)
        guard w < columns else { return text }
        let padding = String(repeating: " ", count: columns - w)
        return alignRight ? padding + text : text + padding
    }
}
