/// Moving the cursor without changing the text.
extension TextEditor {
    public mutating func moveLeft() {
        if cursor.column > 0 {
            cursor.column -= 1
        } else if cursor.line > 0 {
            cursor = TextPosition(line: cursor.line - 1, column: lines[cursor.line - 1].count)
        }
        endMove()
    }

    public mutating func moveRight() {
        if cursor.column < currentLine.count {
            cursor.column += 1
        } else if cursor.line < lines.count - 1 {
            cursor = TextPosition(line: cursor.line + 1, column: 0)
        }
        endMove()
    }

    /// Up one line, aiming for the screen column the vertical moves started
    /// from; on the first line, to its start.
    public mutating func moveUp() { moveVertically(by: -1) }

    /// Down one line; on the last line, to its end.
    public mutating func moveDown() { moveVertically(by: 1) }

    /// A page up: the visible rows less one, so one line of context stays.
    public mutating func pageUp() {
        let page = max(1, visibleRows - 1)
        scrollLine = max(0, scrollLine - page)
        moveVertically(by: -page)
    }

    public mutating func pageDown() {
        let page = max(1, visibleRows - 1)
        scrollLine = max(0, min(scrollLine + page, lines.count - visibleRows))
        moveVertically(by: page)
    }

    /// Home: to the first non-blank character, or to column 0 when already
    /// there (the "smart home" of code editors).
    public mutating func moveToLineStart() {
        let indent = currentLine.indentation.count
        cursor.column = (cursor.column == indent || indent == currentLine.count) ? 0 : indent
        endMove()
    }

    public mutating func moveToLineEnd() {
        cursor.column = currentLine.count
        endMove()
    }

    public mutating func moveToStart() {
        cursor = .start
        endMove()
    }

    public mutating func moveToEnd() {
        cursor = endPosition
        endMove()
    }

    /// Back to the start of the current or previous word (alt+b, ctrl+left).
    public mutating func moveWordLeft() {
        cursor = wordStart(before: cursor)
        endMove()
    }

    /// Forward to the end of the current or next word (alt+f, ctrl+right).
    public mutating func moveWordRight() {
        cursor = wordEnd(after: cursor)
        endMove()
    }

    private mutating func moveVertically(by lineCount: Int) {
        let goal = goalColumn ?? caretColumn
        let target = cursor.line + lineCount
        if target < 0 {
            cursor.column = 0
        } else if target >= lines.count {
            cursor = endPosition
        } else {
            cursor = TextPosition(line: target, column: TextColumns.characterOffset(atColumn: goal, in: lines[target]))
        }
        goalColumn = goal
        endMove(keepingGoal: true)
    }

    /// Where a backward word move from `position` lands. A line break is a
    /// step of its own, so word moves never skip a line unnoticed.
    func wordStart(before position: TextPosition) -> TextPosition {
        guard position.column > 0 else {
            guard position.line > 0 else { return position }
            return TextPosition(line: position.line - 1, column: lines[position.line - 1].count)
        }
        let chars = Array(lines[position.line])
        var column = min(position.column, chars.count)
        while column > 0, !chars[column - 1].isNameCharacter { column -= 1 }
        while column > 0, chars[column - 1].isNameCharacter { column -= 1 }
        return TextPosition(line: position.line, column: column)
    }

    /// Where a forward word move from `position` lands.
    func wordEnd(after position: TextPosition) -> TextPosition {
        let chars = Array(lines[position.line])
        guard position.column < chars.count else {
            guard position.line < lines.count - 1 else { return position }
            return TextPosition(line: position.line + 1, column: 0)
        }
        var column = position.column
        while column < chars.count, !chars[column].isNameCharacter { column += 1 }
        while column < chars.count, chars[column].isNameCharacter { column += 1 }
        return TextPosition(line: position.line, column: column)
    }
}
