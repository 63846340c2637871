import C8Core

/// Query results as a grid: one row per result, one column per attribute.
///
/// The first column stays put while the others scroll sideways a whole
/// column at a time (pgcli users' most-asked feature for wide results);
/// cells too wide for their column end in a muted `…`. Column widths come
/// from the content, capped, computed once per result set.
public struct TableView: Sendable {
    public var rows: [JSON] {
        didSet { rebuildColumns() }
    }

    /// No column is wider than this.
    public var maxColumnWidth = 32 {
        didSet { rebuildColumns() }
    }

    /// Column widths are measured on this many leading rows: enough to be
    /// representative, and appending a batch to a huge result stays cheap.
    public var widthSampleRows = 1_000 {
        didSet { rebuildColumns() }
    }

    public private(set) var columns: [TableColumn] = []
    public private(set) var selection = SelectionCursor()
    /// The first non-frozen column shown (1 when not scrolled).
    public private(set) var firstScrolledColumn = 1
    public private(set) var visibleRows = 20
    /// Shown when there are no rows.
    public var emptyText = "no rows"

    public init(rows: [JSON] = []) {
        self.rows = rows
        rebuildColumns()
    }

    /// The index of the selected row (0 when there are none).
    public var selectedRow: Int { selection.selected }

    /// The selected row's value, nil when there are no rows.
    public var selectedValue: JSON? {
        rows.indices.contains(selection.selected) ? rows[selection.selected] : nil
    }

    /// Replaces the rows and selects row `index` (clamped): "load more"
    /// appends a batch without losing the user's place.
    public mutating func setRows(_ rows: [JSON], keepingSelection index: Int) {
        self.rows = rows
        selection.select(index, count: rows.count, visible: visibleRows)
    }

    /// The text of a cell as drawn, before clipping.
    public func cellText(row: Int, column: Int) -> String {
        TableCell.text(for: TableCell.value(of: rows[row], in: columns[column].source))
    }

    /// Remembers the area drawn in; one row is the header.
    public mutating func layout(in rect: Rect) {
        visibleRows = max(1, rect.height - 1)
        selection.clamp(count: rows.count, visible: visibleRows)
    }

    public mutating func move(_ move: SelectionMove) {
        selection.apply(move, count: rows.count, visible: visibleRows)
    }

    /// Scrolls the non-frozen columns by `count` columns.
    public mutating func scrollColumns(by count: Int) {
        firstScrolledColumn = max(1, min(firstScrolledColumn + count, columns.count - 1))
    }

    /// Keys: list moves (arrows, j/k, pgup/pgdn, home/end, g/G, ctrl+d/u)
    /// and left/right (h/l) by whole columns.
    public mutating func handle(_ key: KeyEvent) -> Bool {
        if let move = SelectionMove(key) {
            self.move(move)
            return true
        }
        switch (key.key, key.modifiers) {
        case (.left, []), (.character("h"), []): scrollColumns(by: -1)
        case (.right, []), (.character("l"), []): scrollColumns(by: 1)
        default: return false
        }
        return true
    }

    /// Draws the header (list.header) and the rows on screen; the selected
    /// row is highlighted, dimmer when unfocused.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.style(for: .text))
        let (headerRect, body) = rect.splitTop(1)
        let slots = columnSlots(width: rect.width)
        let header = theme.style(for: .listHeader)
        let muted = theme.style(for: .textMuted)
        buffer.fill(headerRect, style: header)
        for slot in slots {
            draw(columns[slot.column].title, style: header, slot: slot, y: rect.y, in: rect, buffer: &buffer,
                 overflow: StyledRun("…", header))
        }
        if slots.count > 1 { drawFrozenSeparator(after: slots[0], rows: headerRect.height + body.height, rect: rect, style: theme.style(for: .paneBorder), header: header, buffer: &buffer) }
        guard !rows.isEmpty else {
            buffer.write(emptyText, x: body.x + 1, y: body.y, style: muted, maxWidth: body.width - 1)
            return
        }
        let top = selection.firstVisible(rows: body.height, count: rows.count)
        for row in 0..<body.height {
            let index = top + row
            guard index < rows.count else { break }
            let y = body.y + row
            for slot in slots {
                let value = TableCell.value(of: rows[index], in: columns[slot.column].source)
                draw(TableCell.text(for: value), style: theme.style(for: TableCell.role(for: value)), slot: slot, y: y,
                     in: rect, buffer: &buffer, overflow: StyledRun("…", muted))
            }
            if index == selection.selected {
                let style = theme.style(for: focused ? .listSelected : .listSelectedUnfocused)
                buffer.restyle(Rect(x: body.x, y: y, width: body.width, height: 1)) { _ in style }
            }
        }
    }

    // MARK: - Layout

    /// Where a column is drawn: offset from the table's left edge and width.
    struct ColumnSlot: Equatable {
        var column: Int
        var x: Int
        var width: Int
    }

    /// The columns that fit in `width`: the frozen first column, a
    /// separator, then columns from `firstScrolledColumn` one space apart;
    /// the last may be cut. When all of them fit with room to spare, the
    /// columns whose cells were cut at ``maxColumnWidth`` take it, left to
    /// right, up to their natural width.
    func columnSlots(width: Int) -> [ColumnSlot] {
        guard let first = columns.first, width > 0 else { return [] }
        var slots = [ColumnSlot(column: 0, x: 0, width: min(first.width, width))]
        var x = slots[0].width + 1
        var column = firstScrolledColumn
        while column < columns.count, x < width {
            let w = min(columns[column].width, width - x)
            slots.append(ColumnSlot(column: column, x: x, width: w))
            x += w + 1
            column += 1
        }
        var spare = width - (x - 1)
        guard column == columns.count, spare > 0 else { return slots }
        var shift = 0
        for i in slots.indices {
            slots[i].x += shift
            let grow = min(spare, columns[slots[i].column].naturalWidth - slots[i].width)
            guard grow > 0 else { continue }
            slots[i].width += grow
            spare -= grow
            shift += grow
        }
        return slots
    }

    private func draw(_ text: String, style: Style, slot: ColumnSlot, y: Int, in rect: Rect,
                      buffer: inout ScreenBuffer, overflow: StyledRun) {
        buffer.draw([StyledRun(text, style)], x: rect.x + slot.x, y: y, width: slot.width, overflow: overflow)
    }

    /// The `│` after the frozen column, down the whole table, so it is
    /// clear which column stays put.
    private func drawFrozenSeparator(after slot: ColumnSlot, rows: Int, rect: Rect, style: Style, header: Style,
                                     buffer: inout ScreenBuffer) {
        let x = rect.x + slot.x + slot.width
        for row in 0..<rows {
            buffer.put("│", x: x, y: rect.y + row, style: row == 0 ? header : style)
        }
    }

    private mutating func rebuildColumns() {
        let naturalCap = maxColumnWidth * 8
        columns = TableColumn.sources(for: rows).map { source in
            var width = TextColumns.width(of: TableColumn(source: source, width: 0).title)
            for row in rows.prefix(widthSampleRows) {
                width = max(width, TextColumns.width(of: TableCell.text(for: TableCell.value(of: row, in: source))))
                if width >= naturalCap { break }
            }
            return TableColumn(source: source, width: max(1, min(width, maxColumnWidth)), naturalWidth: min(width, naturalCap))
        }
        firstScrolledColumn = max(1, min(firstScrolledColumn, columns.count - 1))
        selection.clamp(count: rows.count, visible: visibleRows)
    }
}
