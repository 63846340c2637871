import Foundation

/// Word-wraps prose for help output at a fixed width, so help reads the
/// same in every terminal and in golden tests.
enum TextWrapper {
    /// Joins words that must stay on one line, such as `[env: C8_URL]`;
    /// printed as an ordinary space.
    static let nonBreakingSpace: Character = "\u{00A0}"

    /// Wraps each paragraph (paragraphs are separated by a blank line) to
    /// `width` columns; paragraphs come back separated by an empty line.
    /// A single word longer than the width stays on its own line.
    static func wrap(_ text: String, width: Int) -> [String] {
        let paragraphs = text.components(separatedBy: "\n\n")
        var lines: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { lines.append("") }
            lines += wrapParagraph(paragraph, width: width)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String($0.map { $0 == nonBreakingSpace ? " " : $0 }) }
    }
}
