import C8Core

/// A JSON value shown pretty-printed and coloured, with folding, a line
/// cursor and scrolling: the document pane and the JSON result view.
///
/// The document is flattened to lines once; folding only recomputes which
/// lines are visible (one pass over the line list, cached), and only the
/// lines on screen are turned into text when drawing, so large results stay
/// responsive.
public struct JSONView: Sendable {
    /// The document shown. Setting it unfolds everything and moves to the top.
    public var value: JSON {
        didSet { rebuild() }
    }

    /// Strings longer than this are cut with `…` (the full value is still
    /// in `selectedValue`).
    public var maxStringCharacters = 500

    /// Columns moved per left/right key.
    public var horizontalStep = 4

    public private(set) var selection = SelectionCursor()
    /// Columns scrolled off to the left.
    public private(set) var scrollColumn = 0
    public private(set) var visibleRows = 20
    public private(set) var visibleColumns = 80

    var lines: [JSONLine] = []
    /// Indices into `lines` of the lines shown, given the folds.
    var visible: [Int] = []
    /// Opening-line indices of folded containers.
    var folded: Set<Int> = []

    public init(value: JSON = .null) {
        self.value = value
        rebuild()
    }

    /// Lines shown with the current folds.
    public var lineCount: Int { visible.count }

    /// The value at the cursor: the scalar, or the whole container on an
    /// opening or closing line (for copy and drill-down).
    public var selectedValue: JSON? {
        guard let index = selectedLineIndex else { return nil }
        switch lines[index].kind {
        case .scalar(let v), .open(let v, _): return v
        case .close(let open, _):
            if case .open(let v, _) = lines[open].kind { return v }
            return nil
        }
    }

    /// Whether the visible line `row` is a folded container.
    public func isFolded(row: Int) -> Bool {
        visible.indices.contains(row) && folded.contains(visible[row])
    }

    /// The plain text of visible line `row`, as drawn (tests, copy line).
    public func lineText(_ row: Int) -> String {
        guard visible.indices.contains(row) else { return "" }
        return text(forLine: visible[row])
    }

    public mutating func layout(in rect: Rect) {
        visibleRows = max(1, rect.height)
        visibleColumns = max(1, rect.width)
        selection.clamp(count: visible.count, visible: visibleRows)
    }

    public mutating func move(_ move: SelectionMove) {
        selection.apply(move, count: visible.count, visible: visibleRows)
    }

    /// Scrolls sideways by `columns`, no further than the widest line on
    /// screen needs.
    public mutating func scrollHorizontally(by columns: Int) {
        let top = selection.firstVisible(rows: visibleRows, count: visible.count)
        let shown = visible[min(top, visible.count)..<min(top + visibleRows, visible.count)]
        let widest = shown.map { TextColumns.width(of: text(forLine: $0)) }.max() ?? 0
        scrollColumn = max(0, min(scrollColumn + columns, widest - visibleColumns))
    }

    /// Folds or unfolds the container at the cursor (on its opening or
    /// closing line). Returns false on a scalar line.
    @discardableResult
    public mutating func toggleFold() -> Bool {
        guard let index = selectedLineIndex else { return false }
        switch lines[index].kind {
        case .open:
            if folded.remove(index) == nil { folded.insert(index) }
            refold(keeping: index)
        case .close(let open, _):
            folded.insert(open)
            refold(keeping: open)
        case .scalar:
            return false
        }
        return true
    }

    /// Unfolds everything (`+`).
    public mutating func expandAll() {
        let keep = selectedLineIndex
        folded.removeAll()
        refold(keeping: keep)
    }

    /// Folds every container below the top level (`-`), leaving an
    /// overview of the document's attributes.
    public mutating func collapseAll() {
        let keep = selectedLineIndex
        folded = Set(lines.indices.filter { lines[$0].isOpen && lines[$0].depth >= 1 })
        refold(keeping: keep)
    }

    /// Keys: list moves (arrows, j/k, pgup/pgdn, home/end, g/G, ctrl+d/u),
    /// left/right (h/l) scroll sideways, enter or space fold, `+` expands
    /// all, `-` collapses all below the top level.
    public mutating func handle(_ key: KeyEvent) -> Bool {
        if let move = SelectionMove(key) {
            self.move(move)
            return true
        }
        switch (key.key, key.modifiers) {
        case (.left, []), (.character("h"), []): scrollHorizontally(by: -horizontalStep)
        case (.right, []), (.character("l"), []): scrollHorizontally(by: horizontalStep)
        case (.enter, []), (.character(" "), []): return toggleFold()
        case (.character("+"), _): expandAll()
        case (.character("-"), _): collapseAll()
        default: return false
        }
        return true
    }

    /// Draws the visible lines; the cursor line is highlighted (dimmer when
    /// unfocused), a line cut at the right edge ends in a muted `…`.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.style(for: .text))
        let top = selection.firstVisible(rows: rect.height, count: visible.count)
        let overflow = StyledRun("…", theme.style(for: .textMuted))
        for row in 0..<rect.height {
            let position = top + row
            guard position < visible.count else { break }
            let y = rect.y + row
            buffer.draw(runs(forLine: visible[position], theme: theme), x: rect.x, y: y, width: rect.width,
                        skipColumns: scrollColumn, overflow: overflow)
            if position == selection.selected {
                let style = theme.style(for: focused ? .listSelected : .listSelectedUnfocused)
                buffer.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) { _ in style }
            }
        }
    }

    // MARK: - Lines and folds

    private var selectedLineIndex: Int? {
        visible.indices.contains(selection.selected) ? visible[selection.selected] : nil
    }

    private func runs(forLine index: Int, theme: Theme) -> [StyledRun] {
        let line = lines[index]
        var closingComma = false
        if case .open(_, let close) = line.kind { closingComma = lines[close].hasComma }
        return JSONLineStyler(theme: theme, maxStringCharacters: maxStringCharacters)
            .runs(for: line, folded: folded.contains(index), closingComma: closingComma)
    }

    /// A line's characters without colour (any theme gives the same text).
    private func text(forLine index: Int) -> String {
        runs(forLine: index, theme: BuiltinTheme.theme).map(\.text).joined()
    }

    private mutating func rebuild() {
        lines = JSONLine.flatten(value)
        folded = []
        selection = SelectionCursor()
        scrollColumn = 0
        refold(keeping: nil)
    }

    /// Recomputes the visible lines after a fold change and puts the cursor
    /// back on line `keep` — or, when it was folded away, on the folded
    /// container that now hides it.
    private mutating func refold(keeping keep: Int?) {
        visible.removeAll(keepingCapacity: true)
        var i = 0
        while i < lines.count {
            visible.append(i)
            if folded.contains(i), case .open(_, let close) = lines[i].kind {
                i = close + 1
            } else {
                i += 1
            }
        }
        var row = 0
        if let keep {
            // The last visible line at or before `keep` is `keep` itself or
            // its outermost folded ancestor.
            row = max(0, binarySearchLastVisible(atOrBefore: keep))
        }
        selection.select(row, count: visible.count, visible: visibleRows)
    }

    private func binarySearchLastVisible(atOrBefore line: Int) -> Int {
        var low = 0
        var high = visible.count - 1
        var found = -1
        while low <= high {
            let mid = (low + high) / 2
            if visible[mid] <= line {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }
}
