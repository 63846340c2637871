import C8Core
@testable import C8Console
import XCTest

final class WidgetTableViewTests: XCTestCase {
    private let rows: [JSON] = [
        ["name": "Ada", "_key": "a1", "langs": ["en", "fr"]],
        ["_key": "b2", "name": "Bo", "age": 7, "note": "line\nbreak"],
        .int(5),
        ["_key": "c3", "name": .null],
    ]

    func testColumnsAreTheUnionInFirstSeenOrderWithKeyFirst() {
        let table = TableView(rows: rows)
        XCTAssertEqual(table.columns.map(\.title), ["_key", "name", "langs", "age", "note", "value"])
        XCTAssertEqual(TableView(rows: [1, "x"]).columns.map(\.title), ["value"])
        XCTAssertEqual(TableView(rows: [["b": 1], ["a": 2]]).columns.map(\.title), ["b", "a"])
    }

    func testCellTextIsCompactJSONWithStringsUnquoted() {
        let table = TableView(rows: rows)
        XCTAssertEqual(table.cellText(row: 0, column: 1), "Ada")
        XCTAssertEqual(table.cellText(row: 0, column: 2), #"["en","fr"]"#)
        XCTAssertEqual(table.cellText(row: 0, column: 3), "", "a missing attribute is blank")
        XCTAssertEqual(table.cellText(row: 1, column: 4), "line↵break")
        XCTAssertEqual(table.cellText(row: 2, column: 5), "5")
        XCTAssertEqual(table.cellText(row: 2, column: 0), "", "a non-object has no attributes")
        XCTAssertEqual(table.cellText(row: 0, column: 5), "", "an object has no whole-value cell")
        XCTAssertEqual(table.cellText(row: 3, column: 1), "null")
    }

    func testWidthsComeFromContentAndAreCapped() {
        var table = TableView(rows: [["_key": "k", "text": .string(String(repeating: "w", count: 100))]])
        XCTAssertEqual(table.columns.map(\.width), [4, 32])
        table.maxColumnWidth = 10
        XCTAssertEqual(table.columns.map(\.width), [4, 10])
    }

    func testFrozenFirstColumnWhileScrollingByColumns() {
        var table = TableView(rows: [["_key": "k1", "a": "AAA", "b": "BBB", "c": "CCC"]])
        let before = WidgetTest.screen(14, 2) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(before.text, "_key│a   b   c\nk1  │AAA BBB …")
        XCTAssertTrue(table.handle(KeyEvent(.right)))
        XCTAssertTrue(table.handle(.char("l")))
        let after = WidgetTest.screen(14, 2) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(after.text, "_key│c\nk1  │CCC")
        XCTAssertTrue(table.handle(KeyEvent(.right)))
        XCTAssertEqual(table.firstScrolledColumn, 3, "never past the last column")
        XCTAssertTrue(table.handle(KeyEvent(.left)))
        XCTAssertEqual(table.firstScrolledColumn, 2)
    }

    func testCutCellsEndInAMutedEllipsisEvenMidWideCharacter() {
        // The first row is selected; the second shows the plain styles.
        var table = TableView(rows: [["_key": "x", "v": 0], ["_key": "東京東京東京", "v": 1]])
        // Screens as wide as the columns: no room to spare.
        table.maxColumnWidth = 5
        let five = WidgetTest.screen(7, 3) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertEqual(five.text(row: 2), "東京…│1")
        XCTAssertEqual(five[4, 2].style, WidgetTest.style(.textMuted))
        XCTAssertEqual(five[0, 2].style, WidgetTest.style(.text))
        table.maxColumnWidth = 4
        let four = WidgetTest.screen(6, 3) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        // 東京 fills four columns exactly; the … replaces 京's right half, so 京 goes.
        XCTAssertEqual(four.text(row: 2), "東 …│1")
        XCTAssertFalse(four[3, 2].isContinuation)
    }

    /// pgcli's complaint about narrow columns: when every column fits and
    /// room is left, a column cut at the cap takes it, up to its content.
    func testRoomToSpareGoesToCutColumns() {
        let name = String(repeating: "n", count: 40)
        let table = TableView(rows: [["_key": "k", "name": .string(name), "n": 1]])
        // _key 4, name capped at 32 (40 wide), n 1: 39 columns without the spare.
        let wide = WidgetTest.screen(60, 2) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertEqual(wide.text(row: 1), "k   │" + name + " 1" + String(repeating: " ", count: 13))
        XCTAssertEqual(wide.text(row: 0), "_key│name" + String(repeating: " ", count: 37) + "n" + String(repeating: " ", count: 13))
        let tight = WidgetTest.screen(45, 2) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertEqual(tight.text(row: 1), "k   │" + String(repeating: "n", count: 37) + "… 1")
        // A table wider than the screen has nothing to spare.
        let narrow = WidgetTest.screen(30, 2) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertEqual(narrow.text(row: 1), "k   │" + String(repeating: "n", count: 24) + "…")
    }

    func testSelectionKeysAndKeepingSelectionAcrossMoreRows() {
        var table = TableView(rows: (0..<50).map { JSON.object(["i": .int(Int64($0))]) })
        table.layout(in: Rect(x: 0, y: 0, width: 20, height: 11))
        XCTAssertTrue(table.handle(KeyEvent(.pageDown)))
        XCTAssertEqual(table.selectedRow, 9)
        XCTAssertTrue(table.handle(.ctrl("d")))
        XCTAssertEqual(table.selectedRow, 14)
        XCTAssertTrue(table.handle(.char("G")))
        XCTAssertEqual(table.selectedValue?["i"].intValue, 49)
        table.setRows(table.rows + [["i": 50]], keepingSelection: 49)
        XCTAssertEqual(table.selectedRow, 49)
        XCTAssertFalse(table.handle(KeyEvent(.enter)), "enter is the app's (open document)")
    }

    func testSnapshotFocused() {
        var table = TableView(rows: rows)
        table.move(.down)
        let buffer = WidgetTest.screen(30, 5) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        assertSnapshot(buffer, named: "widget-table-focused")
    }

    func testSnapshotUnfocusedScrolled() {
        var table = TableView(rows: rows)
        table.scrollColumns(by: 2)
        let buffer = WidgetTest.screen(30, 5) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        assertSnapshot(buffer, named: "widget-table-unfocused-scrolled")
    }

    func testSnapshotEmpty() {
        let table = TableView(rows: [])
        let buffer = WidgetTest.screen(20, 3) { table.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(table.columns, [])
        XCTAssertNil(table.selectedValue, "no row, not a null row")
        XCTAssertEqual(buffer.text, "\n no rows\n")
        assertSnapshot(buffer, named: "widget-table-empty")
    }
}
