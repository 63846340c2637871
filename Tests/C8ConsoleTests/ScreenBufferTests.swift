import C8Console
import XCTest

final class ScreenBufferTests: XCTestCase {
    private let bold = Style(attributes: .bold)

    func testWideCharactersTakeTwoColumnsAndClipCleanly() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        XCTAssertEqual(buffer.write("東京ab", x: 0, y: 0, style: .plain), 6)
        XCTAssertEqual(buffer.text(row: 0), "東京ab    ")
        XCTAssertTrue(buffer[1, 0].isContinuation)
        // A wide character that does not fit becomes a space, never half a glyph.
        XCTAssertEqual(buffer.write("ab東", x: 0, y: 1, style: .plain, maxWidth: 3), 3)
        XCTAssertEqual(buffer.text(row: 1), "ab        ")
        XCTAssertEqual(CharacterWidth.of("😀"), 2)
        XCTAssertEqual(CharacterWidth.of("e\u{301}"), 1)
        XCTAssertEqual(CharacterWidth.of("\u{301}" as Character), 0)
        XCTAssertEqual(CharacterWidth.of("Zürich 東京"), 11)
    }

    func testHorizontalScrollSkipsColumns() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write("abcdef", x: 0, y: 0, style: .plain, skipColumns: 2)
        XCTAssertEqual(buffer.text(row: 0), "cdef  ")
        var wide = ScreenBuffer(width: 6, height: 1)
        wide.write("東京x", x: 0, y: 0, style: .plain, skipColumns: 1)
        XCTAssertEqual(wide.text(row: 0), " 京x  ")
    }

    func testBoxAndStyleMask() {
        var buffer = ScreenBuffer(width: 6, height: 3)
        buffer.box(buffer.bounds, style: bold)
        buffer.write("hi", x: 1, y: 1, style: .plain)
        XCTAssertEqual(buffer.text, "┌────┐\n│hi  │\n└────┘")
        // The first style met is ".", the next "a", …
        XCTAssertEqual(buffer.styleMask, "......\n.aaaa.\n......")
    }

    func testChangesAreRunsOfDifferingCells() {
        var before = ScreenBuffer(width: 8, height: 2)
        before.write("abcdefgh", x: 0, y: 0, style: .plain)
        var after = before
        after.write("XY", x: 2, y: 0, style: .plain)
        after.write("Z", x: 7, y: 1, style: .plain)
        let changes = after.changes(since: before)
        XCTAssertEqual(changes.map(\.x), [2, 7])
        XCTAssertEqual(changes.map(\.y), [0, 1])
        XCTAssertEqual(changes[0].cells.map(\.character), ["X", "Y"])
        XCTAssertEqual(after.changes(since: nil).count, 2, "no previous frame: every row")
        XCTAssertEqual(after.changes(since: after).count, 0)
    }

    func testKeyNotationRoundTrips() {
        for text in ["ctrl+r", "F5", "shift+tab", "g", "G", "?", "esc", "enter", "space", "alt+x", "pgdn"] {
            let key = KeyEvent(notation: text)
            XCTAssertNotNil(key, text)
            XCTAssertEqual(key?.description, text)
        }
        XCTAssertEqual(KeyEvent(notation: "ctrl+R"), .ctrl("r"))
        XCTAssertNil(KeyEvent(notation: "hyper+x"))
        XCTAssertNil(KeyEvent(notation: ""))
    }
}
