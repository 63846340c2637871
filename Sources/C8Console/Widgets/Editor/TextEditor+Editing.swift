/// Changing the text. Each method is one edit at the cursor; typing and
/// deleting runs coalesce into single undo steps.
extension TextEditor {
    /// Inserts `text` at the cursor (typing or a paste; newlines split lines)
    /// and puts the cursor after it.
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        let isTyping = text.count == 1 && !text.contains(where: { $0.isWhitespace })
        beginEdit(isTyping ? .typing : .other)
        let pieces = text.editorLines
        let (before, after) = currentLine.split(atCharacter: cursor.column)
        let last = pieces[pieces.count - 1]
        if pieces.count == 1 {
            lines[cursor.line] = before + last + after
            // Counted on the joined prefix: a combining mark merges into the
            // character before it and moves the cursor by nothing.
            cursor.column = (before + last).count
        } else {
            var replacement = [before + pieces[0]]
            replacement += pieces[1..<(pieces.count - 1)]
            replacement.append(last + after)
            lines.replaceSubrange(cursor.line...cursor.line, with: replacement)
            cursor = TextPosition(line: cursor.line + pieces.count - 1, column: last.count)
        }
        clampCursor()
        followCursor()
    }

    /// Splits the line at the cursor; the new line gets the current line's
    /// indentation (only as much as lies before the cursor).
    public mutating func newline() {
        let indent = String(currentLine.indentation.prefix(cursor.column))
        insert("\n" + indent)
    }

    /// Tab: spaces up to the next tab stop (every `indentWidth` screen
    /// columns), so lines indented with tab line up whatever came before.
    public mutating func indent() {
        let width = max(1, indentWidth)
        insert(String(repeating: " ", count: width - caretColumn % width))
    }

    /// Deletes the character before the cursor, or joins the line with the
    /// previous one at its start.
    public mutating func backspace() {
        if cursor.column > 0 {
            beginEdit(.deleting)
            lines[cursor.line] = currentLine.removing(characters: (cursor.column - 1)..<cursor.column)
            cursor.column -= 1
        } else if cursor.line > 0 {
            beginEdit(.deleting)
            let previous = lines[cursor.line - 1]
            lines[cursor.line - 1] = previous + currentLine
            lines.remove(at: cursor.line)
            cursor = TextPosition(line: cursor.line - 1, column: previous.count)
        } else {
            return
        }
        clampCursor()
        followCursor()
    }

    /// Deletes the character under the cursor, or joins the next line at a
    /// line's end.
    public mutating func deleteForward() {
        if cursor.column < currentLine.count {
            beginEdit(.deleting)
            lines[cursor.line] = currentLine.removing(characters: cursor.column..<(cursor.column + 1))
        } else if cursor.line < lines.count - 1 {
            beginEdit(.deleting)
            lines[cursor.line] += lines[cursor.line + 1]
            lines.remove(at: cursor.line + 1)
        } else {
            return
        }
        clampCursor()
        followCursor()
    }

    /// Deletes from the cursor to the end of the line (ctrl+k), or the line
    /// break when already there.
    public mutating func deleteToLineEnd() {
        guard cursor.column < currentLine.count else { return deleteForward() }
        beginEdit(.other)
        lines[cursor.line] = currentLine.split(atCharacter: cursor.column).before
        followCursor()
    }

    /// Deletes from the start of the line to the cursor (ctrl+u).
    public mutating func deleteToLineStart() {
        guard cursor.column > 0 else { return }
        beginEdit(.other)
        lines[cursor.line] = currentLine.split(atCharacter: cursor.column).after
        cursor.column = 0
        followCursor()
    }

    /// Deletes back to the start of the word before the cursor (ctrl+w, alt+backspace).
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        guard start != cursor else { return }
        beginEdit(.other)
        if start.line == cursor.line {
            lines[cursor.line] = currentLine.removing(characters: start.column..<cursor.column)
        } else {
            // Only ever one line break back: join, then delete on the joined line.
            let previous = lines[start.line]
            lines[start.line] = previous.split(atCharacter: start.column).before + currentLine
            lines.removeSubrange((start.line + 1)...cursor.line)
        }
        cursor = start
        clampCursor()
        followCursor()
    }

    /// Replaces the `count` characters before the cursor on its line with
    /// `text`, as one undo step: accepting a completion.
    public mutating func replaceBeforeCursor(_ count: Int, with text: String) {
        let count = max(0, min(count, cursor.column))
        beginEdit(.other)
        let (before, after) = currentLine.split(atCharacter: cursor.column)
        let kept = String(before.dropLast(count))
        lines[cursor.line] = kept + text + after
        cursor.column = (kept + text).count
        clampCursor()
        followCursor()
    }

    /// Keeps the cursor inside the text after an edit.
    mutating func clampCursor() {
        cursor.line = max(0, min(cursor.line, lines.count - 1))
        cursor.column = max(0, min(cursor.column, lines[cursor.line].count))
    }
}
