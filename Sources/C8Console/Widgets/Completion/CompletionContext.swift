/// What surrounds the cursor, as far as completion cares: the partial word
/// before it, and whether that word is an attribute (after `.`), a bind
/// parameter (after `@`) or inside a string or comment, where completing
/// keywords would only get in the way.
struct CompletionContext: Equatable {
    enum Position: Equatable {
        /// A word where keywords, functions and collections may go.
        case name
        /// After `doc.`: only attribute names fit.
        case attribute
        /// Inside a string, a comment or a bind parameter: complete nothing.
        case none
    }

    var prefix: String
    var start: TextPosition
    var position: Position

    /// The context at `cursor` in `lines`. The highlighter decides whether
    /// the cursor is inside a string or comment, so completion agrees with
    /// what the user sees coloured.
    init(lines: [String], cursor: TextPosition, highlighter: any LineHighlighter = C8QLHighlighter.standard) {
        let line = lines.indices.contains(cursor.line) ? lines[cursor.line] : ""
        let chars = Array(line.prefix(cursor.column))
        var column = chars.count
        while column > 0, chars[column - 1].isNameCharacter { column -= 1 }
        // `$` leads a variable name; keep it out of the prefix.
        prefix = String(chars[column...])
        start = TextPosition(line: cursor.line, column: column)
        let before: Character? = column > 0 ? chars[column - 1] : nil
        let beforeThat: Character? = column > 1 ? chars[column - 2] : nil
        if prefix.first?.isASCIIDigit == true || before == "@" || before == "$" {
            position = .none
        } else if Self.isInsideLiteral(column: chars.count, lines: lines, line: cursor.line, highlighter: highlighter) {
            position = .none
        } else if before == ".", beforeThat != "." {
            position = .attribute
        } else {
            position = .name
        }
    }

    /// Whether the cursor column sits inside a string or comment.
    private static func isInsideLiteral(column: Int, lines: [String], line: Int, highlighter: any LineHighlighter) -> Bool {
        guard lines.indices.contains(line) else { return false }
        let state = highlighter.state(before: line, in: lines)
        // Highlight only up to the cursor: an unfinished string or block
        // comment then leaves its state open, and a line comment runs to
        // the cursor.
        let head = Array(lines[line].prefix(column))
        let result = highlighter.highlight(String(head), from: state)
        if result.end != .initial { return true }
        return result.spans.contains { span in
            span.role == .queryComment && span.range.upperBound == head.count
                && head[span.range].starts(with: ["/", "/"])
        }
    }
}
