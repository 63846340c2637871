/// The completion pop-up: a short list of candidates drawn next to the
/// caret, with its own selection.
///
/// Owns no text: accepting asks the editor to replace the typed prefix.
/// The app keeps it beside the editor, offers keys to it first while it is
/// open, and calls `update(editor:completer:)` after each edit so the list
/// follows typing and closes when the word ends.
public struct CompletionPopup: Sendable {
    public private(set) var completion: WordCompletion?
    public private(set) var selection = SelectionCursor()
    /// Rows shown at most; more candidates scroll.
    public var maxRows = 8
    /// Columns the pop-up takes at most, tags included.
    public var maxWidth = 40

    public init() {}

    public var isOpen: Bool { completion != nil }

    public var candidates: [CompletionCandidate] { completion?.candidates ?? [] }

    public var selectedCandidate: CompletionCandidate? {
        candidates.indices.contains(selection.selected) ? candidates[selection.selected] : nil
    }

    /// Shows `completion` (closing on nil), keeping the selected candidate
    /// selected when it is still offered so typing does not make the
    /// highlight jump.
    public mutating func show(_ completion: WordCompletion?) {
        let previous = selectedCandidate
        self.completion = completion
        let index = previous.flatMap { candidates.firstIndex(of: $0) } ?? 0
        selection = SelectionCursor()
        selection.select(index, count: candidates.count, visible: maxRows)
    }

    /// Recomputes the candidates for the editor's current word.
    public mutating func update(editor: TextEditor, completer: Completer) {
        show(completer.completion(for: editor))
    }

    public mutating func close() {
        completion = nil
        selection = SelectionCursor()
    }

    /// Replaces the typed prefix with the selected candidate and closes.
    /// Returns false (and closes) when the cursor has left the word.
    @discardableResult
    public mutating func accept(into editor: inout TextEditor) -> Bool {
        defer { close() }
        guard let completion, let candidate = selectedCandidate,
              editor.cursor.line == completion.start.line, editor.cursor.column >= completion.start.column
        else { return false }
        editor.replaceBeforeCursor(editor.cursor.column - completion.start.column, with: candidate.insertion)
        return true
    }

    /// The pop-up's keys while it is open: up/down (and ctrl+p/ctrl+n,
    /// pgup/pgdn) select, tab or enter accepts, esc closes. Any other key is
    /// left for the editor (returns false).
    public mutating func handle(_ key: KeyEvent, editor: inout TextEditor) -> Bool {
        guard isOpen else { return false }
        switch (key.key, key.modifiers) {
        case (.tab, []), (.enter, []):
            accept(into: &editor)
        case (.escape, []):
            close()
        case (.up, []), (.character("p"), .control): move(.up)
        case (.down, []), (.character("n"), .control): move(.down)
        case (.pageUp, []): move(.pageUp)
        case (.pageDown, []): move(.pageDown)
        default: return false
        }
        return true
    }

    private mutating func move(_ move: SelectionMove) {
        selection.apply(move, count: candidates.count, visible: maxRows)
    }

    /// Where the pop-up goes for a caret at `anchor` inside `bounds`: its
    /// labels line up under the typed word; below the caret line when there
    /// is room, else above it (flipped), else on the roomier side, shortened.
    public func frame(anchor: (x: Int, y: Int), bounds: Rect) -> Rect? {
        guard let completion, !bounds.isEmpty else { return nil }
        let labelWidth = candidates.map { TextColumns.width(of: $0.label) }.max() ?? 0
        let tagWidth = candidates.map { $0.kind.tag.count }.max() ?? 0
        let width = min(maxWidth, bounds.width, labelWidth + tagWidth + 3)
        let wanted = min(maxRows, candidates.count)
        let below = bounds.maxY - (anchor.y + 1)
        let above = anchor.y - bounds.y
        let rows: Int
        let y: Int
        if below >= wanted || below >= above {
            rows = min(wanted, below)
            y = anchor.y + 1
        } else {
            rows = min(wanted, above)
            y = anchor.y - rows
        }
        guard rows > 0, width > 0 else { return nil }
        let wordStart = anchor.x - TextColumns.width(of: completion.prefix) - 1
        let x = max(bounds.x, min(wordStart, bounds.maxX - width))
        return Rect(x: x, y: y, width: width, height: rows)
    }

    /// Draws the pop-up next to `buffer.cursor` (where the editor, drawn
    /// just before, left the caret), inside `rect`.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard let caret = buffer.cursor else { return }
        render(into: &buffer, in: rect, anchor: caret, theme: theme)
    }

    /// Draws the pop-up for a caret at `anchor`, inside `bounds`.
    public func render(into buffer: inout ScreenBuffer, in bounds: Rect, anchor: (x: Int, y: Int), theme: Theme) {
        guard let frame = frame(anchor: anchor, bounds: bounds) else { return }
        let top = selection.firstVisible(rows: frame.height, count: candidates.count)
        for row in 0..<frame.height {
            let index = top + row
            guard index < candidates.count else { break }
            let candidate = candidates[index]
            let style = theme.style(for: index == selection.selected ? .completionSelected : .completionItem)
            let rowRect = Rect(x: frame.x, y: frame.y + row, width: frame.width, height: 1)
            buffer.fill(rowRect, style: style)
            let tag = candidate.kind.tag
            let labelWidth = frame.width - tag.count - 3
            buffer.draw([StyledRun(candidate.label, style)], x: frame.x + 1, y: rowRect.y, width: max(0, labelWidth),
                        overflow: StyledRun("…", style))
            if labelWidth > 0 {
                buffer.write(tag, x: frame.maxX - tag.count - 1, y: rowRect.y, style: style.adding(.dim))
            }
        }
    }
}
