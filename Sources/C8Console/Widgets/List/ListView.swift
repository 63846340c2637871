/// A selectable, filterable list: collections, fabrics, saved queries,
/// streams.
///
/// Setting `filter` keeps the items whose columns contain it ignoring case
/// (matches highlighted); the selection stays on the same item when it is
/// still shown, else on the nearest one after it. Generic over the item so
/// every list in the console behaves the same.
public struct ListView<Item: ListViewItem> {
    public var items: [Item] {
        // The old items say where a selected item that is gone used to be.
        didSet { refilter(previousItems: oldValue) }
    }

    /// The `/` filter text; empty shows everything.
    public var filter: String = "" {
        didSet { refilter() }
    }

    /// No column but the last is wider than this.
    public var maxColumnWidth = 40
    /// Shown when there are no items at all.
    public var emptyText = "no items"

    /// Indices into `items` of the items shown, in order.
    public private(set) var visibleIndices: [Int] = []
    public private(set) var selection = SelectionCursor()
    public private(set) var visibleRows = 20
    /// The item selected before the last refilter, to find it again.
    private var selectedID: Item.ID?

    public init(items: [Item] = []) {
        self.items = items
        refilter()
    }

    public var visibleItems: [Item] { visibleIndices.map { items[$0] } }

    public var selectedItem: Item? {
        visibleIndices.indices.contains(selection.selected) ? items[visibleIndices[selection.selected]] : nil
    }

    /// Selects the item with `id` if it is shown. Returns whether it was.
    @discardableResult
    public mutating func select(id: Item.ID) -> Bool {
        guard let row = visibleIndices.firstIndex(where: { items[$0].id == id }) else { return false }
        selection.select(row, count: visibleIndices.count, visible: visibleRows)
        selectedID = id
        return true
    }

    public mutating func layout(in rect: Rect) {
        visibleRows = max(1, rect.height)
        selection.clamp(count: visibleIndices.count, visible: visibleRows)
    }

    public mutating func move(_ move: SelectionMove) {
        selection.apply(move, count: visibleIndices.count, visible: visibleRows)
        selectedID = selectedItem?.id
    }

    /// Keys: up/down, j/k, g/G, home/end, pgup/pgdn, ctrl+d/ctrl+u.
    public mutating func handle(_ key: KeyEvent) -> Bool {
        guard let move = SelectionMove(key) else { return false }
        self.move(move)
        return true
    }

    public func render(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.style(for: .text))
        guard !visibleIndices.isEmpty else {
            let note = items.isEmpty ? emptyText : "no match for “\(filter)”"
            buffer.write(note, x: rect.x + 1, y: rect.y, style: theme.style(for: .textMuted), maxWidth: rect.width - 1)
            return
        }
        let widths = columnWidths()
        let top = selection.firstVisible(rows: rect.height, count: visibleIndices.count)
        for row in 0..<rect.height {
            let position = top + row
            guard position < visibleIndices.count else { break }
            let rowRect = Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1)
            let selected = position == selection.selected
            let rowStyle: Style? = selected ? theme.style(for: focused ? .listSelected : .listSelectedUnfocused) : nil
            if let rowStyle { buffer.fill(rowRect, style: rowStyle) }
            drawRow(items[visibleIndices[position]], in: rowRect, widths: widths, rowStyle: rowStyle, theme: theme, buffer: &buffer)
        }
    }

    // MARK: - Drawing

    /// Two spaces between columns.
    private static var gap: Int { 2 }

    private func drawRow(_ item: Item, in rect: Rect, widths: [Int], rowStyle: Style?, theme: Theme,
                         buffer: inout ScreenBuffer) {
        var right = rect.maxX
        if let badge = item.badge {
            let w = TextColumns.width(of: badge.text)
            right = max(rect.x, rect.maxX - w - 1)
            buffer.write(badge.text, x: right, y: rect.y, style: rowStyle ?? theme.style(for: badge.role), maxWidth: w)
            right -= 1
        }
        let muted = theme.style(for: .textMuted)
        var x = rect.x + 1
        for (i, text) in item.columns.enumerated() where x < right {
            let isLast = i == item.columns.count - 1
            let width = isLast ? right - x : min(widths[i], right - x)
            let base = rowStyle ?? theme.style(for: i == 0 ? .text : .textMuted)
            let match = rowStyle.map { $0.adding(.underline) } ?? theme.style(for: .listMatch)
            let spans = FilterMatch.range(of: filter, in: text).map { [HighlightSpan($0, .listMatch)] } ?? []
            let runs = StyledRun.runs(of: text, spans: spans, base: base) { _ in match }
            buffer.draw(runs, x: x, y: rect.y, width: width, overflow: StyledRun("…", rowStyle ?? muted))
            x += width + Self.gap
        }
    }

    /// Each column as wide as its widest shown text, capped.
    private func columnWidths() -> [Int] {
        var widths: [Int] = []
        for index in visibleIndices {
            for (i, text) in items[index].columns.enumerated() {
                let w = min(maxColumnWidth, TextColumns.width(of: text))
                if i < widths.count { widths[i] = max(widths[i], w) } else { widths.append(w) }
            }
        }
        return widths
    }

    // MARK: - Filtering

    private func matches(_ item: Item) -> Bool {
        filter.isEmpty || item.columns.contains { FilterMatch.range(of: filter, in: $0) != nil }
    }

    /// Recomputes the shown items and puts the selection back on the item
    /// it was on, or the first shown item after it in the full list.
    private mutating func refilter(previousItems: [Item]? = nil) {
        let previousID = selectedID ?? selectedItem?.id
        let previousPosition = previousID.flatMap { id in (previousItems ?? items).firstIndex { $0.id == id } }
        visibleIndices = items.indices.filter { matches(items[$0]) }
        var row = 0
        if let previousID, let same = visibleIndices.firstIndex(where: { items[$0].id == previousID }) {
            row = same
        } else if let previousPosition {
            row = visibleIndices.firstIndex { $0 >= previousPosition } ?? visibleIndices.count - 1
        }
        selection.select(row, count: visibleIndices.count, visible: visibleRows)
        // Remember what the user chose, not what the filter fell back to:
        // clearing the filter returns to it.
        // An item that is gone (dropped) is no choice to return to: the one
        // now in its place is, or the next refresh would fall to the top.
        if selectedID == nil || !items.contains(where: { $0.id == selectedID }) { selectedID = selectedItem?.id }
    }
}

extension ListView: Sendable where Item: Sendable, Item.ID: Sendable {}
