/// A multi-line text editor: the query editor's state and behaviour, with no
/// terminal attached.
///
/// A value type: the app keeps it in its state, feeds it keys through
/// `handle(_:)` and draws it with `render(into:in:theme:focused:)`.
/// Text is kept as lines; the cursor counts characters, scrolling counts
/// screen columns, so wide characters keep the caret in the right column.
/// Edits are undoable in bounded steps; consecutive typing or deleting
/// coalesces into one step, as users expect from any editor.
public struct TextEditor: Sendable {
    /// The text, one entry per line; never empty.
    public internal(set) var lines: [String] = [""]
    /// The caret: always on an existing line, at most at its end.
    public internal(set) var cursor = TextPosition.start
    /// The first line shown.
    public internal(set) var scrollLine = 0
    /// Screen columns of text scrolled off to the left.
    public internal(set) var scrollColumn = 0
    /// Whether a muted line-number gutter is drawn.
    public var showsLineNumbers = true
    /// Colours the text; plain when nil.
    public var highlighter: (any LineHighlighter)?
    /// Shown muted while the text is empty (`Type a query…`).
    public var placeholder: String?
    /// Tab stops every this many columns: tab inserts spaces to the next.
    public var indentWidth = 2

    /// Rows and text columns of the area last laid out: page keys move by
    /// these, and the stored scroll follows the cursor within them.
    public internal(set) var visibleRows = 10
    public internal(set) var visibleColumns = 80

    /// The display column vertical moves aim for, kept across short lines.
    var goalColumn: Int?
    /// The kind of the last edit, for coalescing undo steps.
    var lastEdit: EditKind?
    var history: UndoHistory<Snapshot>

    /// What one undo step restores.
    struct Snapshot: Sendable {
        var lines: [String]
        var cursor: TextPosition
    }

    /// Edits of one kind in a row form one undo step.
    enum EditKind: Equatable, Sendable {
        case typing, deleting, other
    }

    public init(text: String = "", highlighter: (any LineHighlighter)? = nil, undoLimit: Int = 200) {
        self.highlighter = highlighter
        history = UndoHistory(limit: undoLimit)
        lines = text.editorLines
        cursor = endPosition
    }

    /// The whole text, lines joined with `\n`. Setting it is one undoable
    /// edit and puts the cursor at the end (a recalled history entry is
    /// continued, not retyped), scrolled no further than the cursor needs.
    public var text: String {
        get { lines.joined(separator: "\n") }
        set {
            let newLines = newValue.editorLines
            // The same text again is no edit to undo, but still a jump to the end.
            if newLines != lines {
                beginEdit(.other)
                lines = newLines
            }
            cursor = endPosition
            // New text is viewed from its start: the old scroll offset
            // belonged to other text and would hide the beginning of a
            // shorter one (a recalled history entry showed `LTER u.age…`).
            scrollLine = 0
            scrollColumn = 0
            endMove()
        }
    }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// The position after the last character.
    public var endPosition: TextPosition {
        TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    public var canUndo: Bool { history.canUndo }
    public var canRedo: Bool { history.canRedo }

    /// The line the cursor is on.
    public var currentLine: String { lines[cursor.line] }

    /// The screen column of the caret within its line (wide characters count two).
    public var caretColumn: Int { TextColumns.width(ofPrefix: cursor.column, in: currentLine) }

    /// Columns the line-number gutter takes: at least two digits so it does
    /// not jump at line 10, plus a space.
    public var gutterWidth: Int {
        showsLineNumbers ? max(2, String(lines.count).count) + 1 : 0
    }

    /// Moves the cursor to `position`, clamped to the text.
    public mutating func setCursor(_ position: TextPosition) {
        let line = max(0, min(position.line, lines.count - 1))
        cursor = TextPosition(line: line, column: max(0, min(position.column, lines[line].count)))
        endMove()
    }

    /// Remembers the area the editor is drawn in, for page keys and scrolling.
    public mutating func layout(in rect: Rect) {
        visibleRows = max(1, rect.height)
        visibleColumns = max(1, rect.width - gutterWidth)
        followCursor()
    }

    /// Drags the stored scroll so the caret is in view.
    mutating func followCursor() {
        scrollLine = ScrollFollow.offset(scrollLine, keeping: cursor.line, visible: visibleRows, count: lines.count)
        scrollColumn = ScrollFollow.offset(scrollColumn, keeping: caretColumn, visible: visibleColumns)
    }

    /// After a cursor move that is not an edit: the next edit starts a new
    /// undo step, and the view follows.
    mutating func endMove(keepingGoal: Bool = false) {
        if !keepingGoal { goalColumn = nil }
        lastEdit = nil
        followCursor()
    }

    var snapshot: Snapshot { Snapshot(lines: lines, cursor: cursor) }

    /// Records the state before an edit unless it continues the last one.
    mutating func beginEdit(_ kind: EditKind) {
        if kind == .other || kind != lastEdit { history.record(snapshot) }
        lastEdit = kind
        goalColumn = nil
    }

    /// Reverts the last edit step. Returns false when there is none.
    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = history.undo(from: snapshot) else { return false }
        restore(previous)
        return true
    }

    /// Re-applies the last undone step. Returns false when there is none.
    @discardableResult
    public mutating func redo() -> Bool {
        guard let next = history.redo(from: snapshot) else { return false }
        restore(next)
        return true
    }

    private mutating func restore(_ state: Snapshot) {
        lines = state.lines
        cursor = state.cursor
        endMove()
    }
}
