import C8Core
@testable import C8Console
import XCTest

final class WidgetJSONViewTests: XCTestCase {
    private let document: JSON = [
        "_key": "alice",
        "age": 42,
        "tags": ["admin", "ops", true],
        "address": ["city": "Zürich", "zip": .null],
        "empty": [:],
    ]

    private func texts(_ view: JSONView) -> [String] {
        (0..<view.lineCount).map(view.lineText)
    }

    func testExpandedLinesAreThePrettyPrintedJSON() {
        let view = JSONView(value: document)
        XCTAssertEqual(texts(view).joined(separator: "\n"), document.jsonString(pretty: true))
        XCTAssertEqual(view.lineCount, 14)
    }

    func testFoldingShowsASummaryWithTheComma() {
        var view = JSONView(value: document)
        view.move(.down)
        view.move(.down)
        view.move(.down)
        XCTAssertTrue(view.toggleFold())
        XCTAssertTrue(view.isFolded(row: 3))
        XCTAssertEqual(view.lineText(3), #"  "tags": […] 3 items,"#)
        XCTAssertEqual(view.lineCount, 10)
        XCTAssertTrue(view.handle(KeyEvent(.enter)))
        XCTAssertEqual(view.lineCount, 14)
        XCTAssertTrue(view.handle(KeyEvent(.down)))
        XCTAssertFalse(view.toggleFold(), "a scalar line has nothing to fold")
    }

    func testSummariesCountKeysAndItems() {
        var view = JSONView(value: ["one": [1], "obj": ["k": 1]])
        view.collapseAll()
        XCTAssertEqual(texts(view), ["{", #"  "one": […] 1 item,"#, #"  "obj": {…} 1 key"#, "}"])
        view.move(.first)
        view.toggleFold()
        XCTAssertEqual(texts(view), ["{…} 2 keys"])
    }

    func testCollapseAllKeepsTheTopLevelAndExpandAllRestores() {
        var view = JSONView(value: document)
        view.move(.last)
        view.move(.up)
        view.move(.up)
        view.move(.up)
        XCTAssertEqual(view.lineText(view.selection.selected), #"    "zip": null"#)
        XCTAssertTrue(view.handle(.char("-")))
        XCTAssertEqual(texts(view), [
            "{", #"  "_key": "alice","#, #"  "age": 42,"#, #"  "tags": […] 3 items,"#,
            #"  "address": {…} 2 keys,"#, #"  "empty": {}"#, "}",
        ])
        XCTAssertEqual(view.selection.selected, 4, "the cursor moves to the folded container hiding its line")
        XCTAssertTrue(view.handle(.char("+")))
        XCTAssertEqual(view.lineCount, 14)
        XCTAssertEqual(view.lineText(view.selection.selected), #"  "address": {"#, "and stays on that container when unfolded")
    }

    func testFoldingFromTheClosingLine() {
        var view = JSONView(value: document)
        view.move(.last)
        view.move(.up)
        view.move(.up)
        XCTAssertEqual(view.lineText(view.selection.selected), "  },")
        XCTAssertTrue(view.handle(.char(" ")))
        XCTAssertEqual(view.lineText(view.selection.selected), #"  "address": {…} 2 keys,"#)
    }

    func testSelectedValue() {
        var view = JSONView(value: document)
        view.move(.down)
        XCTAssertEqual(view.selectedValue?.stringValue, "alice")
        view.move(.down)
        view.move(.down)
        XCTAssertEqual(view.selectedValue?.arrayValue?.count, 3)
        view.move(.first)
        XCTAssertEqual(view.selectedValue?.objectValue?.count, 5)
    }

    func testLongStringsAreCut() {
        var view = JSONView(value: ["s": .string(String(repeating: "x", count: 20))])
        view.maxStringCharacters = 5
        XCTAssertEqual(view.lineText(1), #"  "s": "xxxxx…""#)
    }

    func testHorizontalScrollStopsAtTheWidestLine() {
        var view = JSONView(value: ["name": "a fairly long value"])
        view.layout(in: Rect(x: 0, y: 0, width: 20, height: 3))
        for _ in 0..<10 { _ = view.handle(KeyEvent(.right)) }
        // `  "name": "a fairly long value"` is 31 columns: 11 fit off-screen.
        XCTAssertEqual(view.scrollColumn, 11)
        _ = view.handle(KeyEvent(.left))
        XCTAssertEqual(view.scrollColumn, 7)
    }

    func testPagingAndLargeDocuments() {
        let big = JSON.array((0..<20_000).map { JSON.object(["i": .int(Int64($0)), "v": ["x", "y"]]) })
        var view = JSONView(value: big)
        XCTAssertEqual(view.lineCount, 20_000 * 7 + 2)
        view.layout(in: Rect(x: 0, y: 0, width: 40, height: 10))
        view.move(.pageDown)
        XCTAssertEqual(view.selection.selected, 9)
        view.collapseAll()
        XCTAssertEqual(view.lineCount, 20_002)
        XCTAssertEqual(view.lineText(1), "  {…} 2 keys,")
        view.move(.last)
        XCTAssertEqual(view.lineText(view.selection.selected), "]")
        XCTAssertEqual(view.selection.firstVisible(rows: 10, count: view.lineCount), 20_002 - 10)
    }

    func testUnhandledKeysAreLeftToTheApp() {
        var view = JSONView(value: document)
        XCTAssertFalse(view.handle(.char("x")))
        XCTAssertFalse(view.handle(KeyEvent(.escape)))
        XCTAssertTrue(view.handle(.char("G")))
        XCTAssertEqual(view.selection.selected, 13)
    }

    func testSnapshotFocused() {
        var view = JSONView(value: document)
        view.move(.down)
        view.move(.down)
        view.move(.down)
        view.toggleFold()
        let buffer = WidgetTest.screen(24, 8) { view.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        assertSnapshot(buffer, named: "widget-json-focused")
    }

    func testSnapshotUnfocusedScrolledWithClipping() {
        var view = JSONView(value: document)
        view.layout(in: Rect(x: 0, y: 0, width: 16, height: 5))
        view.move(.last)
        view.move(.up)
        view.move(.up)
        let buffer = WidgetTest.screen(16, 5) { view.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertEqual(buffer.text(row: 0).last, "…", "a cut line ends in …")
        assertSnapshot(buffer, named: "widget-json-unfocused")
    }
}
