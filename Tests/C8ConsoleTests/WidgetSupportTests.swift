@testable import C8Console
import XCTest

/// The helpers every widget draws and scrolls with.
final class WidgetSupportTests: XCTestCase {
    private let red = Style(foreground: .default, background: .default, attributes: .bold)
    private let dim = Style(attributes: .dim)

    func testRunsFromSpansSplitByCharacterNotByte() {
        let runs = StyledRun.runs(of: "é東x//", spans: [HighlightSpan(1..<2, .queryString), HighlightSpan(3..<5, .queryComment)],
                                  base: .plain) { $0 == .queryString ? self.red : self.dim }
        XCTAssertEqual(runs, [StyledRun("é", .plain), StyledRun("東", red), StyledRun("x", .plain), StyledRun("//", dim)])
    }

    func testDrawSkipsColumnsAcrossRunsAndMarksOverflow() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        let runs = [StyledRun("abc", .plain), StyledRun("defgh", red)]
        let drawn = buffer.draw(runs, x: 1, y: 0, width: 5, skipColumns: 2, overflow: StyledRun("…", dim))
        XCTAssertEqual(drawn, 5)
        XCTAssertEqual(buffer.text, " cdef…")
        XCTAssertEqual(buffer[1, 0].style, .plain)
        XCTAssertEqual(buffer[2, 0].style, red)
        XCTAssertEqual(buffer[5, 0].style, dim)
        var exact = ScreenBuffer(width: 8, height: 1)
        exact.draw(runs, x: 0, y: 0, width: 8, overflow: StyledRun("…", dim))
        XCTAssertEqual(exact.text, "abcdefgh", "no marker when everything fits")
    }

    func testOverflowNeverLeavesHalfAWideCharacter() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.draw([StyledRun("ab東京", .plain)], x: 0, y: 0, width: 4, overflow: StyledRun("…", dim))
        XCTAssertEqual(buffer.text, "ab …")
        XCTAssertFalse(buffer[3, 0].isContinuation)
    }

    func testScrollFollowMovesAsLittleAsPossible() {
        XCTAssertEqual(ScrollFollow.offset(0, keeping: 3, visible: 5), 0)
        XCTAssertEqual(ScrollFollow.offset(0, keeping: 7, visible: 5), 3)
        XCTAssertEqual(ScrollFollow.offset(6, keeping: 4, visible: 5), 4)
        XCTAssertEqual(ScrollFollow.offset(8, keeping: 9, visible: 5, count: 10), 5, "no blank rows past the end")
    }

    func testSelectionCursorPagesWithTheView() {
        var cursor = SelectionCursor()
        cursor.apply(.pageDown, count: 100, visible: 10)
        XCTAssertEqual(cursor.selected, 9)
        XCTAssertEqual(cursor.top, 9)
        cursor.apply(.halfPageUp, count: 100, visible: 10)
        XCTAssertEqual(cursor.selected, 4)
        cursor.apply(.last, count: 100, visible: 10)
        XCTAssertEqual(cursor.top, 90)
        cursor.clamp(count: 20, visible: 10)
        XCTAssertEqual(cursor.selected, 19)
        XCTAssertEqual(cursor.top, 10)
        cursor.apply(.down, count: 0, visible: 10)
        XCTAssertEqual(cursor.selected, 0, "an empty list selects row 0")
    }

    func testSelectionMoveKeys() {
        XCTAssertEqual(SelectionMove(.char("j")), .down)
        XCTAssertEqual(SelectionMove(.char("G")), .last)
        XCTAssertEqual(SelectionMove(KeyEvent(.character("G"), .shift)), .last)
        XCTAssertEqual(SelectionMove(.ctrl("u")), .halfPageUp)
        XCTAssertEqual(SelectionMove(KeyEvent(.pageDown)), .pageDown)
        XCTAssertNil(SelectionMove(.char("x")))
        XCTAssertNil(SelectionMove(KeyEvent(.down, .alt)))
    }

    func testColumnArithmetic() {
        XCTAssertEqual(TextColumns.width(of: "a\t東"), 4)
        XCTAssertEqual(TextColumns.characterOffset(atColumn: 3, in: "a東b"), 2)
        XCTAssertEqual(TextColumns.characterOffset(atColumn: 2, in: "a東b"), 1, "inside a wide character: before it")
        XCTAssertEqual(TextColumns.capped("abcdef", characters: 3), "abc…")
        XCTAssertEqual(TextColumns.capped("abc", characters: 3), "abc")
        XCTAssertEqual(FilterMatch.range(of: "RT", in: "airports"), 5..<7)
        XCTAssertEqual(FilterMatch.range(of: "東", in: "é東"), 1..<2)
        XCTAssertNil(FilterMatch.range(of: "", in: "x"))
    }
}
