@testable import C8Console
import XCTest

/// A collection-like row for the list tests.
private struct Row: ListViewItem, Equatable {
    var id: String { name }
    var name: String
    var detail: String = ""
    var tag: ListBadge? = nil

    var columns: [String] { detail.isEmpty ? [name] : [name, detail] }
    var badge: ListBadge? { tag }
}

final class WidgetListViewTests: XCTestCase {
    private let rows = ["airports", "Cities", "flights", "hotels", "routes", "users"].map { Row(name: $0) }

    private func names(_ list: ListView<Row>) -> [String] { list.visibleItems.map(\.name) }

    func testFilterIsACaseInsensitiveSubstring() {
        var list = ListView(items: rows)
        list.filter = "I"
        XCTAssertEqual(names(list), ["airports", "Cities", "flights"])
        list.filter = "ts"
        XCTAssertEqual(names(list), ["airports", "flights"])
        list.filter = ""
        XCTAssertEqual(list.visibleItems.count, 6)
    }

    func testSelectionStaysOnTheSameItemWhenTheFilterChanges() {
        var list = ListView(items: rows)
        list.select(id: "flights")
        list.filter = "s"
        XCTAssertEqual(list.selectedItem?.name, "flights")
        XCTAssertEqual(list.selection.selected, 2)
        // Filtered away: the nearest item after it is selected…
        list.filter = "ou"
        XCTAssertEqual(list.selectedItem?.name, "routes")
        // …and clearing the filter returns to the user's choice.
        list.filter = ""
        XCTAssertEqual(list.selectedItem?.name, "flights")
        // Nothing after it: the last shown item.
        list.select(id: "users")
        list.filter = "air"
        XCTAssertEqual(list.selectedItem?.name, "airports")
    }

    func testSelectionFollowsTheItemWhenItemsChange() {
        var list = ListView(items: rows)
        list.select(id: "hotels")
        list.items.insert(Row(name: "aardvarks"), at: 0)
        XCTAssertEqual(list.selectedItem?.name, "hotels")
        XCTAssertEqual(list.selection.selected, 4)
    }

    /// Dropping the selected collection used to send the selection to the
    /// top: the item now in its place is selected, and stays so on the next
    /// refresh.
    func testSelectionStaysInPlaceWhenTheSelectedItemIsRemoved() {
        var list = ListView(items: rows)
        list.select(id: "hotels")
        list.items.removeAll { $0.name == "hotels" }
        XCTAssertEqual(list.selectedItem?.name, "routes")
        let refreshed = list.items
        list.items = refreshed
        XCTAssertEqual(list.selectedItem?.name, "routes")
        // The last item gone: its predecessor, not the top.
        list.select(id: "users")
        list.items.removeLast()
        XCTAssertEqual(list.selectedItem?.name, "routes")
    }

    func testNavigationKeys() {
        var list = ListView(items: (1...20).map { Row(name: "item\($0)") })
        list.layout(in: Rect(x: 0, y: 0, width: 20, height: 6))
        XCTAssertTrue(list.handle(.char("j")))
        XCTAssertTrue(list.handle(KeyEvent(.down)))
        XCTAssertEqual(list.selection.selected, 2)
        XCTAssertTrue(list.handle(.ctrl("d")))
        XCTAssertEqual(list.selection.selected, 5)
        XCTAssertTrue(list.handle(.char("G")))
        XCTAssertEqual(list.selectedItem?.name, "item20")
        XCTAssertEqual(list.selection.firstVisible(rows: 6, count: 20), 14)
        XCTAssertTrue(list.handle(.ctrl("u")))
        XCTAssertEqual(list.selection.selected, 16)
        XCTAssertTrue(list.handle(.char("k")))
        XCTAssertTrue(list.handle(.char("g")))
        XCTAssertEqual(list.selection.selected, 0)
        XCTAssertTrue(list.handle(KeyEvent(.up)), "up at the top is still a list key")
        XCTAssertFalse(list.handle(.char("/")), "the filter prompt is the app's")
        XCTAssertFalse(list.handle(KeyEvent(.enter)))
    }

    func testMatchesAreHighlighted() {
        var list = ListView(items: rows)
        list.filter = "IGH"
        list.select(id: "flights")
        let buffer = WidgetTest.screen(12, 2) { list.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(buffer.text, " flights\n")
        let match = WidgetTest.style(.listMatch)
        XCTAssertEqual((0..<12).filter { buffer[$0, 0].style.attributes.contains(.underline) }, [3, 4, 5],
                       "on the selected row the match is underlined")
        list.filter = "T"
        let plain = WidgetTest.screen(12, 4) { list.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertTrue(plain.text(row: 1).hasPrefix(" Cities "))
        XCTAssertEqual((0..<12).filter { plain[$0, 1].style == match }, [3], "the first occurrence, in either case")
    }

    func testEmptyListsSayWhy() {
        var list = ListView<Row>(items: [])
        let empty = WidgetTest.screen(24, 1) { list.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(empty.text, " no items")
        list.items = rows
        list.filter = "zzz"
        XCTAssertNil(list.selectedItem)
        let none = WidgetTest.screen(24, 1) { list.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        XCTAssertEqual(none.text, " no match for “zzz”")
    }

    func testSnapshotFocusedWithColumnsBadgesAndFilter() {
        var list = ListView(items: [
            Row(name: "users", detail: "1,204 docs", tag: ListBadge("doc", role: .badgeLocal)),
            Row(name: "follows", detail: "88 docs", tag: ListBadge("edge", role: .badgeEdge)),
            Row(name: "sessions", detail: "spot", tag: ListBadge("kv", role: .badgeKeyValue)),
            Row(name: "logs", detail: "12 docs"),
        ])
        list.filter = "s"
        list.move(.down)
        let buffer = WidgetTest.screen(30, 5) { list.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: true) }
        assertSnapshot(buffer, named: "widget-list-focused")
    }

    func testSnapshotUnfocused() {
        var list = ListView(items: rows)
        list.select(id: "hotels")
        let buffer = WidgetTest.screen(16, 3) { list.render(into: &$0, in: $1, theme: WidgetTest.theme, focused: false) }
        XCTAssertEqual(buffer.text, " Cities\n flights\n hotels", "scrolled just enough to show the selection")
        assertSnapshot(buffer, named: "widget-list-unfocused")
    }
}
