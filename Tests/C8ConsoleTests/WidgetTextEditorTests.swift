@testable import C8Console
import XCTest

final class WidgetTextEditorTests: XCTestCase {
    func testTypingAndNewlineKeepIndentation() {
        var editor = TextEditor()
        editor.type("FOR u IN users\n  FILTER u.age > 3\nRETURN u")
        XCTAssertEqual(editor.lines, ["FOR u IN users", "  FILTER u.age > 3", "  RETURN u"])
        XCTAssertEqual(editor.cursor, TextPosition(line: 2, column: 10))
        // Only the indentation before the cursor is carried.
        editor.setCursor(TextPosition(line: 1, column: 1))
        editor.newline()
        XCTAssertEqual(editor.lines[1...2], [" ", "  FILTER u.age > 3"])
    }

    func testBackspaceAndDeleteJoinLines() {
        var editor = TextEditor(text: "ab\ncd")
        editor.setCursor(TextPosition(line: 1, column: 0))
        editor.backspace()
        XCTAssertEqual(editor.text, "abcd")
        XCTAssertEqual(editor.cursor, TextPosition(line: 0, column: 2))
        editor.insert("\n")
        editor.setCursor(TextPosition(line: 0, column: 2))
        editor.deleteForward()
        XCTAssertEqual(editor.text, "abcd")
        editor.moveToStart()
        editor.backspace()
        XCTAssertEqual(editor.text, "abcd", "backspace at the very start changes nothing")
    }

    func testPasteSplitsLinesAndCursorEndsAfterIt() {
        var editor = TextEditor(text: "RETURN ")
        editor.insert("[\r\n  1,\n  2\n]")
        XCTAssertEqual(editor.lines, ["RETURN [", "  1,", "  2", "]"])
        XCTAssertEqual(editor.cursor, TextPosition(line: 3, column: 1))
    }

    func testUndoCoalescesTypingAndRedoReplays() {
        var editor = TextEditor()
        editor.type("abc def")
        XCTAssertTrue(editor.undo())
        XCTAssertEqual(editor.text, "abc ")
        XCTAssertTrue(editor.undo())
        XCTAssertEqual(editor.text, "abc")
        XCTAssertTrue(editor.undo())
        XCTAssertEqual(editor.text, "")
        XCTAssertFalse(editor.undo())
        editor.press("ctrl+y")
        XCTAssertEqual(editor.text, "abc")
        XCTAssertEqual(editor.cursor.column, 3)
        // A new edit drops what could have been redone.
        editor.type("x")
        XCTAssertFalse(editor.redo())
    }

    func testUndoIsBounded() {
        var editor = TextEditor(undoLimit: 3)
        for _ in 0..<5 { editor.newline() }
        var undone = 0
        while editor.undo() { undone += 1 }
        XCTAssertEqual(undone, 3)
        XCTAssertEqual(editor.lines.count, 3, "the two oldest steps were forgotten")
    }

    func testTextSetterPutsCursorAtEndAndIsUndoable() {
        var editor = TextEditor(text: "draft")
        editor.text = "FOR x IN y\nRETURN x"
        XCTAssertEqual(editor.cursor, TextPosition(line: 1, column: 8))
        editor.undo()
        XCTAssertEqual(editor.text, "draft")
        editor.moveToStart()
        editor.text = "draft"
        XCTAssertEqual(editor.cursor, TextPosition(line: 0, column: 5), "the same text still moves to the end")
        XCTAssertTrue(editor.canRedo, "and is not an edit, so redo survives")
    }

    func testVerticalMovesRememberTheColumn() {
        var editor = TextEditor(text: "abcdef\nab\nabcdef")
        editor.setCursor(TextPosition(line: 0, column: 5))
        editor.press("down")
        XCTAssertEqual(editor.cursor, TextPosition(line: 1, column: 2))
        editor.press("down")
        XCTAssertEqual(editor.cursor, TextPosition(line: 2, column: 5))
        editor.press("down")
        XCTAssertEqual(editor.cursor, TextPosition(line: 2, column: 6), "down on the last line goes to its end")
    }

    func testVerticalMovesCountScreenColumnsAcrossWideCharacters() {
        var editor = TextEditor(text: "abcd\n東京ab")
        editor.setCursor(TextPosition(line: 0, column: 4))
        editor.press("down")
        // Column 4 on screen is after 東京 (two columns each): character 2.
        XCTAssertEqual(editor.cursor, TextPosition(line: 1, column: 2))
        XCTAssertEqual(editor.caretColumn, 4)
        editor.press("up")
        XCTAssertEqual(editor.cursor, TextPosition(line: 0, column: 4))
    }

    func testWordMovesAndLineStartEnd() {
        var editor = TextEditor(text: "    FOR doc IN users")
        editor.press("ctrl+a")
        XCTAssertEqual(editor.cursor.column, 4, "home goes to the first non-blank first")
        editor.press("home")
        XCTAssertEqual(editor.cursor.column, 0, "and to column 0 from there")
        editor.press("alt+f")
        XCTAssertEqual(editor.cursor.column, 7)
        editor.press("ctrl+right")
        XCTAssertEqual(editor.cursor.column, 11)
        editor.press("alt+b")
        XCTAssertEqual(editor.cursor.column, 8)
        editor.press("ctrl+e")
        XCTAssertEqual(editor.cursor.column, 20)
        editor.press("ctrl+left")
        XCTAssertEqual(editor.cursor.column, 15)
    }

    func testWordMovesStopAtLineBreaks() {
        var editor = TextEditor(text: "a b\nc")
        editor.setCursor(TextPosition(line: 1, column: 0))
        editor.moveWordLeft()
        XCTAssertEqual(editor.cursor, TextPosition(line: 0, column: 3))
        editor.moveWordRight()
        XCTAssertEqual(editor.cursor, TextPosition(line: 1, column: 0))
    }

    func testDeletionKeys() {
        var editor = TextEditor(text: "FOR doc IN users")
        editor.press("ctrl+w")
        XCTAssertEqual(editor.text, "FOR doc IN ")
        editor.press("alt+backspace")
        XCTAssertEqual(editor.text, "FOR doc ")
        editor.setCursor(TextPosition(line: 0, column: 3))
        editor.press("ctrl+k")
        XCTAssertEqual(editor.text, "FOR")
        editor.press("ctrl+u")
        XCTAssertEqual(editor.text, "")
        editor.undo()
        XCTAssertEqual(editor.text, "FOR")
    }

    func testCombiningMarkMergesIntoThePreviousCharacter() {
        var editor = TextEditor(text: "e")
        editor.insert("\u{301}")
        XCTAssertEqual(editor.text, "é")
        XCTAssertEqual(editor.cursor.column, 1)
    }

    func testHandleReportsWhichKeysItUses() {
        var editor = TextEditor()
        XCTAssertTrue(editor.handle(KeyEvent(.left)), "a recognised key is used even when it changes nothing")
        XCTAssertTrue(editor.handle(.char("x")))
        XCTAssertFalse(editor.handle(.ctrl("j")), "ctrl+j runs the query: left to the app")
        XCTAssertFalse(editor.handle(KeyEvent(.escape)))
        XCTAssertFalse(editor.handle(KeyEvent(.function(5))))
        XCTAssertFalse(editor.handle(KeyEvent(.character("x"), .alt)))
        XCTAssertFalse(editor.handle(KeyEvent(.enter, .control)))
        XCTAssertEqual(editor.text, "x")
        XCTAssertTrue(editor.handle(KeyEvent(.tab)))
        XCTAssertEqual(editor.text, "x ", "tab goes to the next tab stop")
    }

    func testPageKeysMoveByTheVisibleRows() {
        var editor = TextEditor(text: (1...30).map { "line \($0)" }.joined(separator: "\n"))
        editor.layout(in: Rect(x: 0, y: 0, width: 20, height: 5))
        editor.moveToStart()
        editor.press("pgdn")
        XCTAssertEqual(editor.cursor.line, 4)
        editor.press("pgdn")
        XCTAssertEqual(editor.cursor.line, 8)
        XCTAssertLessThanOrEqual(editor.scrollLine, 8)
        XCTAssertGreaterThan(editor.scrollLine + 5, 8)
        editor.press("pgup")
        XCTAssertEqual(editor.cursor.line, 4)
    }

    /// Tab goes to the next tab stop, counted in screen columns, so what
    /// is indented with it lines up.
    func testTabIndentsToTheNextTabStop() {
        var editor = TextEditor(text: "ab")
        editor.indentWidth = 4
        editor.indent()
        XCTAssertEqual(editor.text, "ab  ")
        editor.indent()
        XCTAssertEqual(editor.text, "ab      ")
        editor.text = "東"
        _ = editor.handle(KeyEvent(.tab))
        XCTAssertEqual(editor.text, "東  ", "a wide character takes two columns")
    }

    /// New text shows from its start: a shorter recalled query kept the
    /// old one's horizontal scroll and hid its beginning.
    func testSettingTheTextResetsTheScroll() {
        var editor = TextEditor(text: String(repeating: "x", count: 50))
        editor.layout(in: Rect(x: 0, y: 0, width: 23, height: 3))
        XCTAssertGreaterThan(editor.scrollColumn, 0)
        editor.text = "RETURN 1"
        XCTAssertEqual(editor.scrollColumn, 0)
        XCTAssertEqual(editor.scrollLine, 0)
    }

    func testCaretFollowsWideCharactersAndHorizontalScroll() {
        var editor = TextEditor(text: "RETURN '東京' ")
        editor.showsLineNumbers = false
        editor.setCursor(TextPosition(line: 0, column: 9))
        let buffer = WidgetTest.screen(20, 2) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        // R E T U R N ␠ ' 東(2) 京(2): character 9 starts at column 10.
        XCTAssertEqual(buffer.cursor?.x, 10)
        XCTAssertEqual(buffer.cursor?.y, 0)
        // In a narrow area the view scrolls so the caret stays visible.
        editor.moveToLineEnd()
        let narrow = WidgetTest.screen(8, 1) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(narrow.cursor?.x, 7)
        XCTAssertEqual(narrow.text, "'東京'")
        let unfocused = WidgetTest.screen(8, 1) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertNil(unfocused.cursor)
    }

    func testVerticalScrollFollowsTheCursorWhenRendered() {
        var editor = TextEditor(text: (1...12).map { "q\($0)" }.joined(separator: "\n"))
        let buffer = WidgetTest.screen(10, 3) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(buffer.text, "10 q10\n11 q11\n12 q12")
        XCTAssertEqual(buffer.cursor?.y, 2)
        editor.moveToStart()
        let top = WidgetTest.screen(10, 3) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(top.text, " 1 q1\n 2 q2\n 3 q3")
    }

    func testSnapshotFocusedWithHighlighting() {
        var editor = TextEditor(text: "FOR u IN @@coll // all\n  FILTER u.age >= 18\n  RETURN LENGTH(u.name)", highlighter: C8QLHighlighter())
        editor.setCursor(TextPosition(line: 1, column: 9))
        let buffer = WidgetTest.screen(28, 4) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(buffer.cursor?.x, 12)
        XCTAssertEqual(buffer.cursor?.y, 1)
        assertSnapshot(buffer, named: "widget-editor-focused")
    }

    func testSnapshotPlaceholderUnfocused() {
        var editor = TextEditor()
        editor.placeholder = "Type a C8QL query…"
        let buffer = WidgetTest.screen(24, 2) { editor.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertNil(buffer.cursor)
        assertSnapshot(buffer, named: "widget-editor-placeholder")
    }
}
